package id.betang.simulator.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

import id.betang.simulator.smsc.SimulatedPhone;
import id.betang.simulator.smsc.SmsInbox;
import id.betang.simulator.smsc.SmscSimulator;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** The registry's notifications API end to end: queued, sent, delivered (receipt), opt-outs respected. */
class NotificationsApiIT {

    static final String TOKEN = GatewayProcess.API_TOKEN;
    static final HttpClient HTTP = HttpClient.newHttpClient();

    static SmscSimulator smsc;
    static Rig rig;

    @BeforeAll
    static void start() throws Exception {
        rig = Rig.start("notifications", SmscSimulator.Options.defaults(GatewayProcess.freePort())
                .withReceipts(100, "DELIVRD", false), Map.of());
        smsc = rig.smsc;
    }

    @AfterAll
    static void stop() throws Exception {
        if (rig != null) {
            rig.close();
        }
    }

    static HttpResponse<String> call(String method, String path, String body, String token) throws Exception {
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(rig.url(path)))
                .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json");
        if (token != null) {
            r.header("Authorization", "Bearer " + token);
        }
        r.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return HTTP.send(r.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void queuedSentAndDeliveredWithOptOutsRespected() throws Exception {
        SimulatedPhone optedOut = smsc.phone("6281299990031");
        optedOut.sendSms("7777", "STOP");
        SmsInbox.Sms stopped = optedOut.awaitSms(Duration.ofSeconds(30));
        assertNotNull(stopped, "STOP is answered");
        assertTrue(stopped.text().startsWith("You will no longer get reminders or news by SMS."), stopped.text());

        String mixed = new JsonObject().put("notifications", new JsonArray()
                .add(new JsonObject().put("msisdn", "081299990030").put("text", "BLT tahap 4 cair 12 Des di Kantor Pos.").put("category", "REMINDER"))
                .add(new JsonObject().put("msisdn", "6281299990031").put("text", "Info pasar murah").put("category", "BROADCAST"))
                .add(new JsonObject().put("msisdn", "6281299990031").put("text", "Data Anda diperbarui.").put("category", "SERVICE"))
                .add(new JsonObject().put("msisdn", "12345").put("text", "x").put("category", "INFO"))
                .add(new JsonObject().put("msisdn", "6281299990032").put("text", "x").put("category", "SPAM"))).encode();
        assertEquals(401, call("POST", "/api/v1/notifications", mixed, null).statusCode());
        assertEquals(401, call("POST", "/api/v1/notifications", mixed, "wrong").statusCode());
        HttpResponse<String> refused = call("POST", "/api/v1/notifications", mixed, TOKEN);
        assertEquals(400, refused.statusCode(), "the whole batch is checked first: " + refused.body());
        JsonArray reasons = new JsonObject(refused.body()).getJsonArray("results");
        assertEquals("VALID", reasons.getJsonObject(0).getString("status"));
        assertEquals("REJECTED", reasons.getJsonObject(3).getString("status"));
        assertTrue(reasons.getJsonObject(3).getString("reason").startsWith("msisdn"));
        assertEquals("REJECTED", reasons.getJsonObject(4).getString("status"));
        assertTrue(reasons.getJsonObject(4).getString("reason").startsWith("category"));
        assertEquals(0, queuedRows("6281299990030") + queuedRows("6281299990031"), "nothing queued");

        String body = new JsonObject().put("notifications", new JsonArray()
                .add(new JsonObject().put("msisdn", "081299990030").put("text", "BLT tahap 4 cair 12 Des di Kantor Pos.").put("category", "REMINDER"))
                .add(new JsonObject().put("msisdn", "6281299990031").put("text", "Info pasar murah").put("category", "BROADCAST"))
                .add(new JsonObject().put("msisdn", "6281299990031").put("text", "Data Anda diperbarui.").put("category", "SERVICE"))).encode();
        HttpResponse<String> queued = call("POST", "/api/v1/notifications", body, TOKEN);
        assertEquals(202, queued.statusCode(), queued.body());
        JsonArray results = new JsonObject(queued.body()).getJsonArray("results");
        assertEquals("QUEUED", results.getJsonObject(0).getString("status"));
        assertEquals("SKIPPED_OPTED_OUT", results.getJsonObject(1).getString("status"), "non-essential skips STOP");
        assertEquals("QUEUED", results.getJsonObject(2).getString("status"), "essential is sent anyway");

        assertEquals("BLT tahap 4 cair 12 Des di Kantor Pos.", smsc.phone("6281299990030").awaitSms(Duration.ofSeconds(30)).text());
        long id = results.getJsonObject(0).getLong("id");
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() ->
                "DELIVERED".equals(new JsonObject(call("GET", "/api/v1/notifications/" + id, null, TOKEN).body()).getString("status")));
        JsonObject status = new JsonObject(call("GET", "/api/v1/notifications/" + id, null, TOKEN).body());
        assertEquals("6281299990030", status.getString("msisdn"));
        assertEquals("REMINDER", status.getString("category"));
        assertNotNull(status.getString("receiptAt"));
        assertEquals(404, call("GET", "/api/v1/notifications/999999", null, TOKEN).statusCode());
        assertEquals(400, call("POST", "/api/v1/notifications", "not json", TOKEN).statusCode());
    }

    static int queuedRows(String msisdn) throws Exception {
        try (var c = id.betang.gateway.testing.TestStorage.connect(rig.mysqlUrl);
             var s = c.prepareStatement("SELECT COUNT(*) FROM outbox_sms WHERE msisdn = ? AND category LIKE 'notify-%'")) {
            s.setString(1, msisdn);
            try (var rs = s.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    static HttpResponse<String> callWithKey(String body, String key) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(rig.url("/api/v1/notifications")))
                .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + TOKEN).header("Idempotency-Key", key)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aNullOrMissingCategoryIsAReasonNotAServerError() throws Exception {
        String body = new JsonObject().put("notifications", new JsonArray()
                .add(new JsonObject().put("msisdn", "6281299990040").put("text", "a").putNull("category"))
                .add(new JsonObject().put("msisdn", "6281299990040").put("text", "b"))
                .add(new JsonObject().put("msisdn", "6281299990040").put("text", "c").put("category", 7))).encode();
        HttpResponse<String> r = call("POST", "/api/v1/notifications", body, TOKEN);
        assertEquals(400, r.statusCode(), r.body());
        JsonArray reasons = new JsonObject(r.body()).getJsonArray("results");
        for (int i = 0; i < 3; i++) {
            assertTrue(reasons.getJsonObject(i).getString("reason").startsWith("category must be one of"), r.body());
        }
    }

    @Test
    void aRetriedRequestWithItsIdempotencyKeyGetsTheFirstAnswerAndSendsNothingMore() throws Exception {
        SimulatedPhone phone = smsc.phone("6281299990041");
        String body = new JsonObject().put("msisdn", "6281299990041").put("text", "Penyaluran BPNT besok.")
                .put("category", "SERVICE").encode();
        HttpResponse<String> first = callWithKey(body, "batch-41");
        assertEquals(202, first.statusCode(), first.body());
        HttpResponse<String> again = callWithKey(body, "batch-41");
        assertEquals(202, again.statusCode());
        assertEquals(first.body(), again.body(), "the first answer, the same id");
        assertEquals("true", again.headers().firstValue("Idempotent-Replayed").orElse(null));

        assertEquals("Penyaluran BPNT besok.", phone.awaitSms(Duration.ofSeconds(30)).text());
        Quiet.noSms(phone, Duration.ofSeconds(2), "the retry sends nothing");

        String other = new JsonObject().put("msisdn", "6281299990041").put("text", "Lain.").put("category", "SERVICE").encode();
        HttpResponse<String> reused = callWithKey(other, "batch-41");
        assertEquals(422, reused.statusCode(), "the same key for another request");
        Quiet.noSms(phone, Duration.ofSeconds(1), "and nothing is sent for it");
    }

    @Test
    void aRepeatedRefIsAnsweredWithTheFirstIdAndNotQueuedAgain() throws Exception {
        SimulatedPhone phone = smsc.phone("6281299990042");
        JsonObject item = new JsonObject().put("msisdn", "6281299990042").put("text", "Jadwal posyandu.")
                .put("category", "SERVICE").put("ref", "reg-42");
        HttpResponse<String> first = call("POST", "/api/v1/notifications",
                new JsonObject().put("notifications", new JsonArray().add(item).add(item.copy())).encode(), TOKEN);
        assertEquals(202, first.statusCode(), first.body());
        JsonArray results = new JsonObject(first.body()).getJsonArray("results");
        long id = results.getJsonObject(0).getLong("id");
        assertEquals("QUEUED", results.getJsonObject(0).getString("status"));
        assertEquals("ALREADY_QUEUED", results.getJsonObject(1).getString("status"), "twice in one batch");
        assertEquals(id, results.getJsonObject(1).getLong("id"));

        HttpResponse<String> later = call("POST", "/api/v1/notifications", item.encode(), TOKEN);
        JsonObject answer = new JsonObject(later.body()).getJsonArray("results").getJsonObject(0);
        assertEquals("ALREADY_QUEUED", answer.getString("status"), later.body());
        assertEquals(id, answer.getLong("id"), "answered with the first id");

        assertEquals("Jadwal posyandu.", phone.awaitSms(Duration.ofSeconds(30)).text());
        Quiet.noSms(phone, Duration.ofSeconds(2), "one SMS for one ref");
    }
}
