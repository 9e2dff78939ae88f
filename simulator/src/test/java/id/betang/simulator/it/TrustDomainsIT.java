package id.betang.simulator.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import id.betang.gateway.testing.TestStorage;
import id.betang.simulator.smsc.SimulatedPhone;
import id.betang.simulator.smsc.SmscSimulator;

/**
 * Each credential opens its own door and no other, against the real jar: an aggregator's token only its own
 * {@code /ussd/{provider}}, the API token only the notifications API (never /ussd), a provider's source
 * networks enforced; a token in a query string reaches no log line, even at DEBUG; and a phone over its rate
 * limit gets 429 over HTTP and a "try later" screen over SMPP.
 */
class TrustDomainsIT {

    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final String OTHER = "hubtel";
    static final String OTHER_TOKEN = "6d1f0b83e2a9c47d5b3e8a01";
    /** What a caller might put in a URL by mistake; it must not turn up in the log either. */
    static final String WRONG_TOKEN = "e5a7c2d90b4f16a83c7e2d5f";
    /** Steps one phone may take at once before its bucket is empty (refilled at one a minute). */
    static final int BURST = 3;

    static SmscSimulator smsc;
    static GatewayProcess gateway;
    static String mysqlUrl;

    @BeforeAll
    static void start() throws Exception {
        smsc = new SmscSimulator(SmscSimulator.Options.defaults(GatewayProcess.freePort())).start();
        mysqlUrl = TestStorage.freshDatabase("trustdomains");
        Map<String, String> env = GatewayProcess.env(smsc.port(), mysqlUrl, TestStorage.redisUrl(),
                TestStorage.freshRedisPrefix("trustdomains"));
        env.put("BETANG_USSD_HTTP_TOKENS", GatewayProcess.AGGREGATOR + ":" + GatewayProcess.AGGREGATOR_TOKEN
                + "," + OTHER + ":" + OTHER_TOKEN);
        // the other aggregator calls only from a documentation network, so loopback is refused
        env.put("BETANG_USSD_HTTP_ALLOW", OTHER + ":203.0.113.0/24|2001:db8::/32");
        env.put("BETANG_LIMIT_MSISDN_PER_MINUTE", "1");
        env.put("BETANG_LIMIT_MSISDN_BURST", String.valueOf(BURST));
        // every line the gateway can write, so the scan for tokens covers them all
        env.put("BETANG_LOG_LEVEL", "DEBUG");
        gateway = GatewayProcess.start("trustdomains", env).awaitReady(Duration.ofSeconds(60));
    }

    @AfterAll
    static void stop() throws Exception {
        if (gateway != null) {
            gateway.close();
        }
        if (smsc != null) {
            smsc.close();
        }
        TestStorage.dropDatabase(mysqlUrl);
    }

    @Test
    void eachTokenOpensOnlyItsOwnDomain() throws Exception {
        String phone = "6281200000101";
        assertEquals(200, ussd("/ussd/africastalking", GatewayProcess.AGGREGATOR_TOKEN, "t1", phone).statusCode());

        HttpResponse<String> apiOnUssd = ussd("/ussd/africastalking", GatewayProcess.API_TOKEN, "t2", phone);
        assertEquals(401, apiOnUssd.statusCode(), "the API token opens no USSD adapter");
        assertEquals("", apiOnUssd.body(), "a refusal tells nothing");
        assertEquals(401, ussd("/ussd/africastalking?token=" + GatewayProcess.API_TOKEN, null, "t3", phone)
                .statusCode());
        assertEquals(401, ussd("/ussd/" + OTHER, GatewayProcess.AGGREGATOR_TOKEN, "t4", phone).statusCode(),
                "one aggregator's token opens no other aggregator's adapter");
        assertEquals(401, ussd("/ussd/nobody", GatewayProcess.AGGREGATOR_TOKEN, "t5", phone).statusCode());

        HttpResponse<String> aggregatorOnApi = HTTP.send(HttpRequest.newBuilder(url("/api/v1/notifications"))
                .header("Authorization", "Bearer " + GatewayProcess.AGGREGATOR_TOKEN)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"msisdn\":\"" + phone + "\",\"text\":\"x\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(401, aggregatorOnApi.statusCode(), "an aggregator's token opens no notifications API");
        assertEquals("{\"status\":\"up\"}", gateway.get("/ready", GatewayProcess.AGGREGATOR_TOKEN).body(),
                "nor the details of /ready");
    }

    @Test
    void aProviderWithSourceNetworksIsRefusedFromAnyOther() throws Exception {
        HttpResponse<String> fromLoopback = ussd("/ussd/" + OTHER, OTHER_TOKEN, "n1", "6281200000102");
        assertEquals(403, fromLoopback.statusCode());
        assertEquals("", fromLoopback.body());
    }

    @Test
    void aTokenInTheQueryStringReachesNoLogLine() throws Exception {
        String phone = "6281200000103";
        assertEquals(200, ussd("/ussd/africastalking?token=" + GatewayProcess.AGGREGATOR_TOKEN, null, "q1", phone)
                .statusCode());
        assertEquals(401, ussd("/ussd/africastalking?token=" + WRONG_TOKEN, null, "q2", phone).statusCode());
        assertEquals(401, ussd("/ussd/" + OTHER + "?token=" + WRONG_TOKEN, null, "q3", phone).statusCode());
        // the step's own log line is written once it answered; everything before it is in the file by then
        awaitLogLine("session=http:africastalking:q1");
        String log = gateway.output();
        for (String token : new String[] {GatewayProcess.AGGREGATOR_TOKEN, WRONG_TOKEN, OTHER_TOKEN,
                GatewayProcess.API_TOKEN}) {
            assertFalse(log.contains(token), "a token is in the log: " + token.substring(0, 4) + "…");
        }
    }

    @Test
    void aPhoneOverItsLimitIsAnswered429WithRetryAfter() throws Exception {
        String phone = "6281200000104";
        for (int i = 0; i < BURST; i++) {
            assertEquals(200, ussd("/ussd/africastalking", GatewayProcess.AGGREGATOR_TOKEN, "r" + i, phone).statusCode());
        }
        HttpResponse<String> limited = ussd("/ussd/africastalking", GatewayProcess.AGGREGATOR_TOKEN, "r9", phone);
        assertEquals(429, limited.statusCode());
        long retryAfter = Long.parseLong(limited.headers().firstValue("Retry-After").orElseThrow());
        assertTrue(retryAfter >= 1 && retryAfter <= 60, "refilled at one a minute: " + retryAfter);
        assertEquals("END Terlalu banyak permintaan. Coba lagi nanti.", limited.body());
        assertEquals(200, ussd("/ussd/africastalking", GatewayProcess.AGGREGATOR_TOKEN, "r10", "6281200000105")
                .statusCode(), "another phone is not held back");
    }

    @Test
    void aPhoneOverItsLimitOverSmppGetsATryLaterScreen() throws Exception {
        SimulatedPhone phone = smsc.phone("6281200000106");
        for (int i = 0; i < BURST; i++) {
            SimulatedPhone.Screen menu = phone.dial("*777#");
            assertFalse(menu.end(), menu.text());
        }
        SimulatedPhone.Screen limited = phone.dial("*777#");
        assertTrue(limited.end());
        assertEquals("Terlalu banyak permintaan. Coba lagi nanti.", limited.text());
    }

    @Test
    void metricsAnswerOnLoopbackWithoutAToken() throws Exception {
        HttpResponse<String> metrics = gateway.get("/metrics");
        assertEquals(200, metrics.statusCode());
        assertFalse(metrics.body().matches("(?s).*628\\d{8,}.*"), "no phone number in any label");
    }

    static void awaitLogLine(String fragment) throws Exception {
        for (int i = 0; i < 300 && !gateway.output().contains(fragment); i++) {
            Thread.sleep(100);
        }
        assertTrue(gateway.output().contains(fragment), "no log line with " + fragment);
    }

    static URI url(String path) {
        return URI.create("http://127.0.0.1:" + gateway.httpPort() + path);
    }

    static HttpResponse<String> ussd(String path, String bearer, String session, String phone) throws Exception {
        String body = Map.of("sessionId", session, "serviceCode", "*777#", "phoneNumber", phone, "text", "")
                .entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpRequest.Builder request = HttpRequest.newBuilder(url(path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
