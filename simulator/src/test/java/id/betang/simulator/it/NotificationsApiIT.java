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

        String body = new JsonObject().put("notifications", new JsonArray()
                .add(new JsonObject().put("msisdn", "081299990030").put("text", "BLT tahap 4 cair 12 Des di Kantor Pos.").put("category", "REMINDER"))
                .add(new JsonObject().put("msisdn", "6281299990031").put("text", "Info pasar murah").put("category", "BROADCAST"))
                .add(new JsonObject().put("msisdn", "6281299990031").put("text", "Data Anda diperbarui.").put("category", "SERVICE"))
                .add(new JsonObject().put("msisdn", "12345").put("text", "x").put("category", "INFO"))
                .add(new JsonObject().put("msisdn", "6281299990032").put("text", "x").put("category", "SPAM"))).encode();
        assertEquals(401, call("POST", "/api/v1/notifications", body, null).statusCode());
        assertEquals(401, call("POST", "/api/v1/notifications", body, "wrong").statusCode());
        HttpResponse<String> queued = call("POST", "/api/v1/notifications", body, TOKEN);
        assertEquals(202, queued.statusCode(), queued.body());
        JsonArray results = new JsonObject(queued.body()).getJsonArray("results");
        assertEquals("QUEUED", results.getJsonObject(0).getString("status"));
        assertEquals("SKIPPED_OPTED_OUT", results.getJsonObject(1).getString("status"), "non-essential skips STOP");
        assertEquals("QUEUED", results.getJsonObject(2).getString("status"), "essential is sent anyway");
        assertEquals("REJECTED", results.getJsonObject(3).getString("status"));
        assertEquals("REJECTED", results.getJsonObject(4).getString("status"));

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
}
