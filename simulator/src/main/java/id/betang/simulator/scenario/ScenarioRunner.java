package id.betang.simulator.scenario;

import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * Runs scenarios against a running simulator (the demo, or {@code betang-simulator} bound by a gateway) through
 * its phone API, the same one the web phone uses: dial, answer, text, hang up, switch misbehaviours, and
 * check what the phone shows or receives. One line per scenario, PASS or FAIL with the step and the reason.
 */
public final class ScenarioRunner {

    private static final Duration SMS_WAIT = Duration.ofSeconds(15);
    private static final Logger LOG = LoggerFactory.getLogger(ScenarioRunner.class);

    private final URI api;
    private final PrintStream out;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    private final FreshPhones fresh;

    public ScenarioRunner(URI phoneApi, PrintStream out) {
        this(phoneApi, out, FreshPhones.forThisRun());
    }

    ScenarioRunner(URI phoneApi, PrintStream out, FreshPhones fresh) {
        this.api = phoneApi;
        this.out = out;
        this.fresh = fresh;
    }

    /** @return how many failed */
    public int runAll(List<Scenario> scenarios) {
        int failed = 0;
        for (Scenario s : scenarios) {
            long started = System.nanoTime();
            try {
                run(s);
                LOG.info("PASS {} ({})", s.name(), s.file());
                out.printf("PASS %s (%d steps, %d ms)%n", s.name(), s.steps().size(), (System.nanoTime() - started) / 1_000_000);
            } catch (StepFailed e) {
                failed++;
                LOG.info("FAIL {} ({}:{})", s.name(), s.file(), e.line); // what was shown stays on the terminal
                out.printf("FAIL %s: step %d (line %d): %s%n", s.name(), e.step, e.line, e.getMessage());
            }
        }
        out.printf("%d scenario(s), %d passed, %d failed%n", scenarios.size(), scenarios.size() - failed, failed);
        return failed;
    }

    static final class StepFailed extends Exception {
        final int step;
        final int line;

        StepFailed(int step, int line, String message) {
            super(message);
            this.step = step;
            this.line = line;
        }
    }

    private void run(Scenario s) throws StepFailed {
        Scenario.PhoneBook phones = fresh.book();
        String phone = phones.msisdn(s.phone());
        Map<String, Integer> codesFrom = new HashMap<>(); // household phone → its SMS before this run, not ours
        for (Step step : s.steps()) {
            if (step instanceof Step.SendCode c) {
                try {
                    codesFrom.putIfAbsent(phones.msisdn(c.from()), inbox(phones.msisdn(c.from())).size());
                } catch (Exception e) {
                    throw new StepFailed(0, step.line(), "inbox of " + c.from() + " not readable: " + e);
                }
            }
        }
        for (int n = 1; n <= s.steps().size(); n++) {
            Step step = s.steps().get(n - 1);
            try {
                if (step.phone() != null) {
                    phone = phones.msisdn(step.phone());
                }
                int smsBefore = step.expect().sms() == null ? 0 : inbox(phone).size();
                JsonObject screen = act(step, phone, phones, codesFrom);
                Step.Expect expect = step.expect();
                if (expect.screen() != null) {
                    String got = screen == null ? "(no screen)" : screen.getString("text");
                    if (!got.contains(expect.screen())) {
                        throw new StepFailed(n, step.line(), "expected the screen to contain '" + expect.screen() + "', it shows '" + got + "'");
                    }
                }
                if (expect.end() && (screen == null || !screen.getBoolean("end"))) {
                    throw new StepFailed(n, step.line(), "expected the dialogue to end");
                }
                if (expect.sms() != null) {
                    awaitSms(n, step.line(), phone, smsBefore, expect.sms());
                }
            } catch (StepFailed e) {
                throw e;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StepFailed(n, step.line(), "interrupted");
            } catch (Exception e) {
                throw new StepFailed(n, step.line(), e.toString());
            }
        }
    }

    /** Does what the step says; @return the screen shown, for dial and send */
    private JsonObject act(Step step, String phone, Scenario.PhoneBook phones, Map<String, Integer> codesFrom)
            throws Exception {
        if (step instanceof Step.Dial d) {
            return post("dial", new JsonObject().put("msisdn", phone).put("code", d.code()));
        } else if (step instanceof Step.Send s) {
            return post("send", new JsonObject().put("msisdn", phone).put("input", s.input()));
        } else if (step instanceof Step.SendCode c) {
            String household = phones.msisdn(c.from());
            String code = awaitCode(household, codesFrom.get(household), phone);
            return post("send", new JsonObject().put("msisdn", phone).put("input", code));
        } else if (step instanceof Step.Sms s) {
            post("sms", new JsonObject().put("msisdn", phone).put("text", s.text()));
        } else if (step instanceof Step.Hang) {
            post("hang", new JsonObject().put("msisdn", phone));
        } else if (step instanceof Step.Wait w) {
            Thread.sleep(w.duration().toMillis());
        } else if (step instanceof Step.Misbehave m) {
            post("misbehaviours", new JsonObject().put("name", m.name()).put("value", m.value()));
        }
        return null; // AwaitSms only expects
    }

    private void awaitSms(int n, int line, String phone, int before, String want) throws Exception {
        long deadline = System.nanoTime() + SMS_WAIT.toNanos();
        int seen = before;
        while (System.nanoTime() < deadline) {
            JsonArray inbox = inbox(phone);
            for (int i = seen; i < inbox.size(); i++) {
                if (inbox.getJsonObject(i).getString("text").contains(want)) {
                    return;
                }
            }
            Thread.sleep(200);
        }
        throw new StepFailed(n, line, "no SMS containing '" + want + "' within " + SMS_WAIT.toSeconds() + " s");
    }

    /**
     * The code in the latest SMS to {@code household} (of those after the first {@code before}) that names
     * {@code asking} (masked to its last 4 digits, as the gateway writes it), waited for: the gateway queues it
     * after answering the screen.
     */
    private String awaitCode(String household, int before, String asking) throws Exception {
        Pattern code = Pattern.compile("\\b(\\d{6})\\b.*\\*{4}" + asking.substring(asking.length() - 4) + "\\b");
        long deadline = System.nanoTime() + SMS_WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            JsonArray inbox = inbox(household);
            for (int i = inbox.size() - 1; i >= before; i--) {
                Matcher m = code.matcher(inbox.getJsonObject(i).getString("text"));
                if (m.find()) {
                    return m.group(1);
                }
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("no code for " + asking + " reached " + household + " within " + SMS_WAIT.toSeconds() + " s");
    }

    private JsonArray inbox(String phone) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(api.resolve("/api/inbox?msisdn=" + phone))
                .timeout(Duration.ofSeconds(15)).build(), HttpResponse.BodyHandlers.ofString());
        return new JsonArray(r.body());
    }

    private JsonObject post(String path, JsonObject body) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(api.resolve("/api/" + path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body.encode())).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() / 100 != 2) {
            throw new IllegalStateException(path + " answered " + r.statusCode() + " " + r.body());
        }
        return r.body().startsWith("{") ? new JsonObject(r.body()) : null;
    }
}
