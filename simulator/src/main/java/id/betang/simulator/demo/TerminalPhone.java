package id.betang.simulator.demo;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import id.betang.simulator.smsc.SimulatedPhone;
import id.betang.simulator.smsc.SmscSimulator;

/**
 * A phone in the terminal: type a USSD code to dial, then answers; {@code phone <msisdn>} switches
 * handset, {@code hang} hangs up, {@code quit} ends the demo. The web phone replaces it later.
 */
final class TerminalPhone {

    private static final String SHORT_CODE = "7777";
    private final SmscSimulator smsc;
    private final PrintStream out;
    private SimulatedPhone phone;

    TerminalPhone(SmscSimulator smsc, String msisdn, PrintStream out) {
        this.smsc = smsc;
        this.out = out;
        this.phone = smsc.phone(msisdn);
    }

    /** Reads commands until quit or end of input. @return true if the user asked to quit */
    boolean run() throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        boolean inDialogue = false;
        prompt();
        String line;
        while ((line = in.readLine()) != null) {
            String input = line.strip();
            try {
                if (input.equals("quit") || input.equals("exit")) {
                    return true;
                } else if (input.startsWith("phone ")) {
                    phone = smsc.phone(input.substring(6).strip());
                    inDialogue = false;
                } else if (input.equals("hang")) {
                    phone.hangUp();
                    inDialogue = false;
                } else if (input.toLowerCase(java.util.Locale.ROOT).startsWith("sms ")) {
                    phone.sendSms(SHORT_CODE, input.substring(4).strip());
                    var answer = phone.awaitSms(java.time.Duration.ofSeconds(10));
                    if (answer != null) {
                        showSms(answer);
                    }
                } else if (input.startsWith("*") && input.endsWith("#")) {
                    inDialogue = show(phone.dial(input));
                } else if (inDialogue) {
                    inDialogue = show(phone.send(input));
                } else if (!input.isEmpty()) {
                    out.println("  dial first, e.g. *777#  (or: sms <text>, phone <msisdn>, hang, quit)");
                }
            } catch (IOException e) {
                out.println("  ! " + e.getMessage());
                inDialogue = false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return true;
            }
            prompt();
        }
        return false;
    }

    private boolean show(SimulatedPhone.Screen screen) {
        out.println("  +--------------------------------");
        screen.text().lines().forEach(l -> out.println("  | " + l));
        out.println("  +--------------------------------" + (screen.end() ? " (dialogue ended)" : ""));
        return !screen.end();
    }

    private void showSms(id.betang.simulator.smsc.SmsInbox.Sms sms) {
        out.println("  [SMS from " + sms.from() + "] " + sms.text().replace("\n", "\n  "));
    }

    /** SMS that came meanwhile (a late answer, a ticket update, a reminder) are shown before the prompt. */
    private void prompt() {
        phone.drainSms().forEach(this::showSms);
        out.print(phone.msisdn() + "> ");
        out.flush();
    }
}
