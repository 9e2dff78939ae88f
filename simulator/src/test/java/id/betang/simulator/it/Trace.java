package id.betang.simulator.it;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A recorded SMPP exchange, read from a {@code .trace} file (format: {@code traces/README.md}): the
 * settings of the operator's profile, the PDUs the SMSC sent as hex, and what the gateway must answer.
 */
record Trace(String name, Map<String, String> settings, List<Step> steps) {

    sealed interface Step permits Send, Expect, OutboxIs {
        int line();
    }

    /** The SMSC sends these octets exactly. */
    record Send(String label, byte[] pdu, int line) implements Step {
    }

    /**
     * The gateway's next PDU of this command must carry these fields.
     *
     * @param fields in file order; {@code text} and {@code text^} take the rest of the line
     */
    record Expect(String command, Map<String, String> fields, int line) implements Step {
    }

    /** The newest outbox row reaches this status. */
    record OutboxIs(String status, int line) implements Step {
    }

    static Trace parse(String name, String content) {
        Map<String, String> settings = new LinkedHashMap<>();
        List<Step> steps = new ArrayList<>();
        String sendLabel = null;
        int sendLine = 0;
        ByteArrayOutputStream hex = new ByteArrayOutputStream();
        String[] lines = content.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            int lineNo = i + 1;
            String raw = lines[i];
            String line = stripComment(raw);
            boolean continuation = !raw.isEmpty() && Character.isWhitespace(raw.charAt(0)) && !line.isBlank();
            if (continuation) {
                if (sendLabel == null) {
                    throw new IllegalArgumentException(name + ":" + lineNo + ": hex outside a '>' PDU");
                }
                hex.writeBytes(hexOf(line, name, lineNo));
                continue;
            }
            if (sendLabel != null && !line.isBlank()) {
                steps.add(new Send(sendLabel, checkedLength(hex.toByteArray(), name, sendLine), sendLine));
                sendLabel = null;
                hex.reset();
            }
            line = line.strip();
            if (line.isEmpty()) {
                continue;
            }
            if (line.startsWith("set ")) {
                String[] kv = line.substring(4).strip().split("=", 2);
                if (kv.length != 2) {
                    throw new IllegalArgumentException(name + ":" + lineNo + ": 'set' needs NAME=value");
                }
                settings.put(kv[0].strip(), kv[1].strip());
            } else if (line.startsWith(">")) {
                sendLabel = line.substring(1).strip();
                sendLine = lineNo;
            } else if (line.startsWith("<")) {
                steps.add(expect(line.substring(1).strip(), lineNo));
            } else if (line.startsWith("= outbox ")) {
                steps.add(new OutboxIs(line.substring("= outbox ".length()).strip(), lineNo));
            } else {
                throw new IllegalArgumentException(name + ":" + lineNo + ": cannot read '" + line + "'");
            }
        }
        if (sendLabel != null) {
            steps.add(new Send(sendLabel, checkedLength(hex.toByteArray(), name, sendLine), sendLine));
        }
        return new Trace(name, settings, steps);
    }

    private static Expect expect(String text, int lineNo) {
        String[] words = text.split("\\s+", 2);
        Map<String, String> fields = new LinkedHashMap<>();
        String rest = words.length > 1 ? words[1] : "";
        while (!rest.isEmpty()) {
            int eq = rest.indexOf('=');
            String key = rest.substring(0, eq).strip();
            String after = rest.substring(eq + 1);
            if (key.equals("text") || key.equals("text^")) {
                fields.put(key, after);
                break;
            }
            int space = after.indexOf(' ');
            fields.put(key, space < 0 ? after : after.substring(0, space));
            rest = space < 0 ? "" : after.substring(space + 1).strip();
        }
        return new Expect(words[0], fields, lineNo);
    }

    /** A '#' at the start or after a space starts a comment; one inside a word (as in *777#) does not. */
    private static String stripComment(String line) {
        for (int i = 0; i < line.length(); i++) {
            if (line.charAt(i) == '#' && (i == 0 || Character.isWhitespace(line.charAt(i - 1)))) {
                return line.substring(0, i);
            }
        }
        return line;
    }

    private static byte[] hexOf(String line, String name, int lineNo) {
        String digits = line.replaceAll("\\s+", "");
        try {
            return HexFormat.of().parseHex(digits);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + ":" + lineNo + ": not hex: " + line.strip());
        }
    }

    /** A typo in a hand-edited trace shows here, not as a confusing answer from the gateway. */
    private static byte[] checkedLength(byte[] pdu, String name, int lineNo) {
        if (pdu.length < 16 || ByteBuffer.wrap(pdu).getInt() != pdu.length) {
            throw new IllegalArgumentException(name + ":" + lineNo + ": command_length says "
                    + (pdu.length < 4 ? "?" : ByteBuffer.wrap(pdu).getInt()) + " but the PDU has " + pdu.length + " octets");
        }
        return pdu;
    }
}
