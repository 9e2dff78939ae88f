package id.betang.simulator.scenario;

import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * Runs scenarios against a running simulator (the demo, or {@code betang-simulator} bound by a gateway) through
 * its phone API, the same one the web phone uses: dial, answer, text, hang up, switch misbehaviours, and
 * check what the phone shows or receives. One line per scenario, PASS or FAIL with the step and the reason.
 */
public final class ScenarioRunner {

    private static final Duration SMS_WAIT = Duration.ofSeconds(15);

    private final URI api;
    private final PrintStream out;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

    public ScenarioRunner(URI phoneApi, PrintStream out) {
        this.api = phoneApi;
        this.out = out;
    }

    /** @return how many failed */
    public int runAll(List<Scenario> scenarios) {
        int failed = 0;
        for (Scenario s : scenarios) {
            long started = System.nanoTime();
            try {
                run(s);
                out.printf("PASS %s (%d steps, %d ms)%n", s.name(), s.steps().size(), (System.nanoTime() - started) / 1_000_000);
            } catch (StepFailed e) {
                failed++;
                out.printf("FAIL %s: step %d: %s%n", s.name(), e.step, e.getMessage());
            }
        }
        out.printf("%d scenario(s), %d passed, %d failed%n", scenarios.size(), scenarios.size() - failed, failed);
        return failed;
    }

    static final class StepFailed extends Exception {
        final int step;

        StepFailed(int step, String message) {
            super(message);
            this.step = step;
        }
    }

    private void run(Scenario s) throws StepFailed {
        String phone = s.phone();
        int n = 0;
        for (Map<String, Object> step : s.steps()) {
            n++;
            try {
                if (step.containsKey("phone")) {
                    phone = String.valueOf(step.get("phone"));
                }
                int smsBefore = inbox(phone).size();
                JsonObject screen = null;
                if (step.containsKey("dial")) {
                    screen = post("dial", new JsonObject().put("msisdn", phone).put("code", String.valueOf(step.get("dial"))));
                } else if (step.containsKey("send")) {
                    screen = post("send", new JsonObject().put("msisdn", phone).put("input", String.valueOf(step.get("send"))));
                } else if (step.containsKey("sms")) {
                    post("sms", new JsonObject().put("msisdn", phone).put("text", String.valueOf(step.get("sms"))));
                } else if (step.containsKey("hang")) {
                    post("hang", new JsonObject().put("msisdn", phone));
                } else if (step.containsKey("wait")) {
                    Thread.sleep(Long.parseLong(String.valueOf(step.get("wait"))));
                } else if (step.get("misbehave") instanceof Map<?, ?> m) {
                    post("misbehaviours", new JsonObject().put("name", String.valueOf(m.get("name"))).put("value", m.get("value")));
                } else if (!step.containsKey("expect_sms")) {
                    throw new StepFailed(n, "unknown step " + step.keySet());
                }
                if (step.containsKey("expect")) {
                    String want = String.valueOf(step.get("expect"));
                    String got = screen == null ? "(no screen)" : screen.getString("text");
                    if (!got.contains(want)) {
                        throw new StepFailed(n, "expected the screen to contain '" + want + "', it shows '" + got + "'");
                    }
                }
                if (Boolean.TRUE.equals(step.get("expect_end")) && (screen == null || !screen.getBoolean("end"))) {
                    throw new StepFailed(n, "expected the dialogue to end");
                }
                if (step.containsKey("expect_sms")) {
                    awaitSms(n, phone, smsBefore, String.valueOf(step.get("expect_sms")));
                }
            } catch (StepFailed e) {
                throw e;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StepFailed(n, "interrupted");
            } catch (Exception e) {
                throw new StepFailed(n, e.toString());
            }
        }
    }

    private void awaitSms(int n, String phone, int before, String want) throws Exception {
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
        throw new StepFailed(n, "no SMS containing '" + want + "' within " + SMS_WAIT.toSeconds() + " s");
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
