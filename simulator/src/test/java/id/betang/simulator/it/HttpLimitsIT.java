package id.betang.simulator.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The HTTP edge holds against a caller who sends too much: every route that reads a body answers 413 past its
 * limit, the USSD adapter refuses over-long fields with a reason (400), and neither a transcript nor a shortcut
 * may carry more inputs than any menu path needs.
 */
class HttpLimitsIT {

    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final String PHONE = "6281234567890";
    static Rig rig;

    @BeforeAll
    static void start() throws Exception {
        rig = Rig.start("httplimits");
    }

    @AfterAll
    static void stop() throws Exception {
        if (rig != null) {
            rig.close();
        }
    }

    static Map<String, String> form(String session, String text) {
        return new HashMap<>(Map.of("sessionId", session, "serviceCode", "*777#", "phoneNumber", PHONE, "text", text));
    }

    static HttpResponse<String> ussd(Map<String, String> form) throws Exception {
        String body = form.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return post("/ussd/africastalking", "application/x-www-form-urlencoded", body);
    }

    static HttpResponse<String> post(String path, String type, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(rig.url(path)))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", type)
                .header("Authorization", "Bearer " + (path.startsWith("/ussd/") ? GatewayProcess.AGGREGATOR_TOKEN
                        : GatewayProcess.API_TOKEN))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void anOversizedBodyIsAnswered413OnEveryRouteThatReadsOne() throws Exception {
        Map<String, String> huge = form("big-1", "");
        huge.put("padding", "1".repeat(5 * 1024));
        assertEquals(413, ussd(huge).statusCode(), "USSD: 4 KiB");
        assertEquals(413, post("/hooks/complaints", "application/json",
                "{\"pad\":\"" + "x".repeat(100 * 1024) + "\"}").statusCode(), "webhook: 64 KiB");
        assertEquals(413, post("/api/v1/notifications", "application/json",
                "{\"pad\":\"" + "x".repeat(3 * 1024 * 1024) + "\"}").statusCode(), "notifications: 2 MiB");
        assertEquals(200, ussd(form("big-2", "")).statusCode(), "an ordinary step still passes");
    }

    @Test
    void eachOverLongFieldIsRefusedWithTheReason() throws Exception {
        Map<String, String> form = form("long-1", "");
        form.put("serviceCode", "*777*" + "1*".repeat(40) + "#");
        assertRefused(form, "serviceCode is required, at most 64 characters");

        form = form("long-2", "");
        form.put("phoneNumber", "+62 812-3456-7890-0000-0000");
        assertRefused(form, "phoneNumber is required: an Indonesian mobile number, at most 20 characters");

        form = form("s".repeat(101), "");
        assertRefused(form, "sessionId is required: 1-100 of A-Z a-z 0-9 _ . : -");

        assertRefused(form("long-3", "1*" + "9".repeat(1000)), "text is at most 1000 characters");
    }

    @Test
    void aTranscriptOrShortcutWithMoreInputsThanAnyPathIsRefused() throws Exception {
        assertRefused(form("many-1", "1" + "*1".repeat(40)), "text holds at most 40 inputs");
        HttpResponse<String> forty = ussd(form("many-2", "1" + "*1".repeat(39)));
        assertEquals(200, forty.statusCode(), forty.body());

        Map<String, String> shortcut = form("many-3", "");
        shortcut.put("serviceCode", "*777" + "*1".repeat(21) + "#");
        HttpResponse<String> refused = ussd(shortcut);
        assertEquals(200, refused.statusCode());
        assertEquals("END Pilihan salah.", refused.body(), "more than 20 shortcut inputs: the invalid-code screen");
        shortcut = form("many-4", "");
        shortcut.put("serviceCode", "*777*1#");
        assertTrue(ussd(shortcut).body().startsWith("CON "), "a short shortcut still works");
    }

    private static void assertRefused(Map<String, String> form, String reason) throws Exception {
        HttpResponse<String> answer = ussd(form);
        assertEquals(400, answer.statusCode(), answer.body());
        assertEquals("END bad request: " + reason, answer.body());
    }
}
