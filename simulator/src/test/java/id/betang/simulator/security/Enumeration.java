package id.betang.simulator.security;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import id.betang.simulator.smsc.SimulatedPhone;
import id.betang.simulator.smsc.SmsInbox;

/**
 * Someone with a pile of NIKs (photocopied KTPs, or numbers made up in the right shape) asks about each from a phone
 * that is not the household's, offers what the NIK gives away (its birth date, its six date digits) wherever a
 * confirmation is asked, and watches the answers. An attempt leaks when an answer holds household data, or when
 * its shape is one only known (or only unknown) NIKs get.
 */
final class Enumeration {

    /** One attempt through a channel: every answer the attacker saw, in order. */
    @FunctionalInterface
    interface Channel {
        List<String> attempt(String nik) throws Exception;
    }

    /** A transcript line a channel adds when the gateway did something for the attacker it should not have. */
    static final String ACTED = "<acted> ";
    private static final AtomicInteger SESSIONS = new AtomicInteger();
    private static final String RATE_LIMITED = "<429>";

    private final Target target;
    private final Tally tally;
    /** Every NIK the suite used and every text it received, for the log scan. */
    final Set<String> niksUsed = ConcurrentHashMap.newKeySet();
    final Set<String> textsSeen = ConcurrentHashMap.newKeySet();
    /** How long the NIK step of USSD over SMPP took, known against unknown NIKs: printed, never asserted. */
    final AnswerTimes answerTimes = new AnswerTimes();

    Enumeration(Target target, Tally tally) {
        this.target = target;
        this.tally = tally;
    }

    /** What the attacker types after the NIK: the birth date, its six digits, then each choice with them again. */
    static List<String> confirmations(String nik) {
        return List.of(Niks.birthDate(nik), Niks.sixDigits(nik), "1", Niks.sixDigits(nik), "2", Niks.sixDigits(nik));
    }

    /** Known and unknown NIKs taken in turn, {@code count} in all; the unknown ones differ per channel. */
    List<String> niks(int count, long seed) {
        // a known NIK the gateway refuses by its shape alone (before any lookup) tells nothing about existence
        List<String> known = target.households.knownList().stream().filter(id.betang.menus.NikShape::isValid).toList();
        List<String> unknown = Niks.unknown((count + 1) / 2, target.households.knownNiks, seed);
        List<String> niks = new ArrayList<>(count);
        for (int i = 0; niks.size() < count; i++) {
            niks.add(i % 2 == 0 ? known.get((i / 2) % known.size()) : unknown.get(i / 2));
        }
        niksUsed.addAll(niks);
        return niks;
    }

    /** Runs {@code niks} through {@code channel} on {@code threads} attackers at once and counts each attempt. */
    void run(String attackClass, List<String> niks, int threads, Channel channel) throws Exception {
        Shapes shapes = new Shapes();
        Map<Integer, String> disclosed = new ConcurrentHashMap<>();
        ExecutorService attackers = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int i = 0; i < niks.size(); i++) {
                int attempt = i;
                String nik = niks.get(i);
                running.add(attackers.submit(() -> {
                    List<String> transcript = channel.attempt(nik);
                    transcript.forEach(this::remember);
                    for (String answer : transcript) {
                        if (answer.startsWith(ACTED)) {
                            disclosed.put(attempt, answer.substring(ACTED.length()));
                            break;
                        }
                        String what = target.households.disclosure(answer);
                        if (what != null) {
                            disclosed.put(attempt, what + " for " + mask(nik) + " in: " + answer);
                            break;
                        }
                    }
                    shapes.add(attempt, target.households.knownNiks.contains(nik),
                            transcript.contains(RATE_LIMITED) ? null : Shapes.of(nik, transcript));
                    return null;
                }));
            }
            for (Future<?> f : running) {
                f.get();
            }
        } finally {
            attackers.shutdownNow();
        }
        Map<Integer, String> giveaways = shapes.giveaways();
        for (int i = 0; i < niks.size(); i++) {
            tally.record(attackClass, disclosed.containsKey(i) ? disclosed.get(i) : giveaways.get(i));
        }
    }

    private void remember(String text) {
        text.lines().map(String::strip).filter(l -> l.length() >= 20 && !l.startsWith("<")).forEach(textsSeen::add);
    }

    static String mask(String nik) {
        return nik.substring(0, 4) + "********" + nik.substring(12);
    }

    // --- the channels -------------------------------------------------------------------------------------

    /** A simulated phone dials *777#, picks status, types the NIK, then what the NIK gives away. */
    Channel ussdOverSmpp(java.util.function.Function<String, List<String>> afterNik) {
        return nik -> {
            SimulatedPhone phone = target.smsc.phone(target.freshPhone());
            List<String> inputs = new ArrayList<>(List.of("1", nik));
            inputs.addAll(afterNik.apply(nik));
            long[] nanos = new long[inputs.size()];
            List<String> transcript = dialogue(phone, inputs, nanos);
            if (nanos[1] > 0) {
                answerTimes.add(target.households.knownNiks.contains(nik), nanos[1]);
            }
            return transcript;
        };
    }

    static List<String> dialogue(SimulatedPhone phone, List<String> inputs) throws IOException {
        return dialogue(phone, inputs, new long[inputs.size()]);
    }

    /** @param nanos filled with how long each input took to be answered (0 when it was not sent) */
    static List<String> dialogue(SimulatedPhone phone, List<String> inputs, long[] nanos) throws IOException {
        List<String> transcript = new ArrayList<>();
        try {
            SimulatedPhone.Screen screen = phone.dial("*777#");
            transcript.add(screen.text());
            for (int i = 0; i < inputs.size(); i++) {
                if (screen.end()) {
                    return transcript;
                }
                long sent = System.nanoTime();
                screen = phone.send(inputs.get(i));
                nanos[i] = System.nanoTime() - sent;
                transcript.add(screen.text());
            }
            if (!screen.end()) {
                phone.hangUp();
            }
        } catch (IOException e) {
            transcript.add("<no screen>");
            phone.hangUp();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
        return transcript;
    }

    /** The HTTP USSD adapter, as an aggregator that claims a new {@code phoneNumber} for each attempt. */
    Channel ussdOverHttp(String token, java.util.function.Function<String, List<String>> afterNik) {
        return nik -> {
            String phone = target.freshPhone();
            String session = "enum-" + SESSIONS.incrementAndGet();
            List<String> inputs = new ArrayList<>(List.of("", "1", nik));
            inputs.addAll(afterNik.apply(nik));
            List<String> transcript = new ArrayList<>();
            String text = null;
            for (String input : inputs) {
                text = text == null ? input : text.isEmpty() ? input : text + "*" + input;
                HttpResponse<String> answer = target.ussd(token, session, phone, text);
                if (answer.statusCode() == 429) {
                    transcript.add(RATE_LIMITED);
                    break;
                }
                if (answer.statusCode() != 200) {
                    transcript.add("<" + answer.statusCode() + ">");
                    break;
                }
                transcript.add(answer.body());
                if (answer.body().startsWith("END")) {
                    break;
                }
            }
            return transcript;
        };
    }

    /**
     * Someone holding an agent's phone, without the agent's PIN: agent services, a data update for the NIK, sent.
     * One dialogue per phone at a time; a filing the gateway accepted is an act done without the PIN.
     */
    Channel agentWithoutPin(List<String> agentPhones) {
        java.util.concurrent.BlockingQueue<String> idle = new java.util.concurrent.LinkedBlockingQueue<>(agentPhones);
        return nik -> {
            String agent = idle.take();
            try {
                long filed = agentFilings(agent);
                List<String> transcript = dialogue(target.smsc.phone(agent), List.of("7", "2", "1", nik,
                        "Desa Sukamaju", "Warga ini sudah meninggal dunia", "1"));
                if (agentFilings(agent) > filed) {
                    transcript.add(ACTED + "an agent filing for " + mask(nik) + " accepted without the agent's PIN");
                }
                return transcript;
            } finally {
                idle.add(agent);
            }
        };
    }

    private long agentFilings(String agent) throws java.sql.SQLException {
        return target.count("SELECT COUNT(*) FROM complaint WHERE channel = 'AGENT' AND msisdn = '" + agent + "'");
    }

    /** SMS commands from a fresh phone, each answered before the next is sent; the phones go to {@code used}. */
    Channel sms(List<String> commandsWithNik, Set<String> used) {
        return nik -> {
            SimulatedPhone phone = target.smsc.phone(target.freshPhone());
            used.add(phone.msisdn());
            List<String> transcript = new ArrayList<>();
            for (String command : commandsWithNik) {
                transcript.add(ask(phone, command.replace("{nik}", nik).replace("{dob}", Niks.birthDate(nik))
                        .replace("{six}", Niks.sixDigits(nik))));
            }
            return transcript;
        };
    }

    static String ask(SimulatedPhone phone, String text) throws IOException, InterruptedException {
        phone.drainSms();
        phone.sendSms("7777", text);
        SmsInbox.Sms answer = phone.awaitSms(Duration.ofSeconds(30));
        return answer == null ? "<no answer>" : answer.text();
    }
}
