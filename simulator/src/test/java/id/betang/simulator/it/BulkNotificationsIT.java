package id.betang.simulator.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import id.betang.simulator.smsc.SmscSimulator;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * Bulk through the notifications API: batches go out because the API wakes the outbox sender, not at its
 * next poll (set here to a minute, the longest allowed), and a retried batch sends nothing more.
 */
class BulkNotificationsIT {

    static final HttpClient HTTP = HttpClient.newHttpClient();
    static Rig rig;

    @BeforeAll
    static void start() throws Exception {
        rig = Rig.start("bulk_notifications", SmscSimulator.Options.defaults(GatewayProcess.freePort()),
                Map.of("BETANG_OUTBOX_POLL_MS", "60000"));
        rig.smsc.misbehaviours().noDlr(true);
    }

    @AfterAll
    static void stop() throws Exception {
        if (rig != null) {
            rig.close();
        }
    }

    static HttpResponse<String> post(String body, String key) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(rig.url("/api/v1/notifications")))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + GatewayProcess.API_TOKEN).header("Idempotency-Key", key)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    static String batch(int first, int count) {
        JsonArray items = new JsonArray();
        for (int n = first; n < first + count; n++) {
            items.add(new JsonObject().put("msisdn", String.format("6281277%06d", n)).put("text", "Info BLT " + n)
                    .put("category", "INFO"));
        }
        return new JsonObject().put("notifications", items).encode();
    }

    @Test
    void batchesGoOutWithoutWaitingForThePollAndARetrySendsNothingMore() throws Exception {
        long before = rig.smsc.submits();
        for (int b = 0; b < 2; b++) {
            HttpResponse<String> r = post(batch(b * 500, 500), "bulk-" + b);
            assertEquals(202, r.statusCode(), r.body());
            assertEquals(500, new JsonObject(r.body()).getJsonArray("results").size());
        }
        // well inside the sender's one-minute poll: only the API's wake-up can have started it
        Awaitility.await("1,000 submit_sm").atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(100))
                .until(() -> rig.smsc.submits() - before >= 1000);

        HttpResponse<String> retried = post(batch(0, 500), "bulk-0");
        assertEquals(202, retried.statusCode());
        assertEquals("true", retried.headers().firstValue("Idempotent-Replayed").orElse(""));
        try (var c = id.betang.gateway.testing.TestStorage.connect(rig.mysqlUrl);
             var s = c.createStatement();
             var rs = s.executeQuery("SELECT COUNT(*) FROM outbox_sms WHERE category = 'notify-info'")) {
            rs.next();
            assertEquals(1000, rs.getInt(1), "the retry queued nothing");
        }
        assertEquals(1000, rig.smsc.submits() - before, "and sent nothing more");
    }
}
