package id.betang.gateway.registry;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;

import dev.failsafe.CircuitBreaker;
import id.betang.gateway.config.GatewayConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

/** The registry client against WireMock, one stub per behaviour of registry-api.yaml. */
class RegistryClientTest {

    static final String NIK = "6271031203900004";
    static final String PROBLEM = "application/problem+json";

    WireMockServer registry;
    Vertx vertx;
    RegistryClient client;

    @BeforeEach
    void start() {
        registry = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        registry.start();
        vertx = Vertx.vertx();
        client = client(CircuitBreaker.builder().withFailureThreshold(3).withDelay(Duration.ofMinutes(1)).build());
    }

    /** A generous timeout: a stub that has just started, on a busy machine, may take seconds to answer. */
    RegistryClient client(CircuitBreaker<Object> breaker) {
        return client(breaker, Duration.ofSeconds(10));
    }

    RegistryClient client(CircuitBreaker<Object> breaker, Duration timeout) {
        return new RegistryClient(vertx, new GatewayConfig.Registry(
                URI.create("http://127.0.0.1:" + registry.port() + "/api/v1/"), "secret-token", timeout), breaker);
    }

    @AfterEach
    void stop() throws Exception {
        vertx.close().await(5, TimeUnit.SECONDS);
        registry.stop();
    }

    static <T> T await(Future<T> f) throws Exception {
        return f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    static Throwable failure(Future<?> f) throws Exception {
        try {
            await(f);
        } catch (java.util.concurrent.ExecutionException e) {
            return e.getCause();
        }
        throw new AssertionError("expected a failure");
    }

    @Test
    void residentFoundWithTheBearerToken() throws Exception {
        registry.stubFor(get("/api/v1/residents/" + NIK).withHeader("Authorization", equalTo("Bearer secret-token"))
                .willReturn(okJson("""
                        {"nik":"%s","name":"Budi Santoso","householdId":"KK-1","region":"6271",
                         "msisdns":["6281234567890"],"language":"id"}""".formatted(NIK))));
        Registry.Resident r = await(client.resident(NIK));
        assertEquals("Budi Santoso", r.name());
        assertTrue(r.householdPhone("6281234567890"));
        assertFalse(r.householdPhone("6281200000000"));
    }

    @Test
    void notFoundProblemBecomesNotFoundWithItsCode() throws Exception {
        registry.stubFor(get("/api/v1/residents/" + NIK).willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", PROBLEM)
                .withBody("{\"title\":\"Resident not found\",\"status\":404,\"code\":\"RESIDENT_NOT_FOUND\"}")));
        Throwable t = failure(client.resident(NIK));
        assertTrue(RegistryProblem.isNotFound(t), t.toString());
        assertEquals("RESIDENT_NOT_FOUND", ((RegistryProblem) t).code());
        registry.verify(1, getRequestedFor(urlPathEqualTo("/api/v1/residents/" + NIK)));
    }

    @Test
    void serverErrorIsRetriedOnceThenUnavailable() throws Exception {
        registry.stubFor(get("/api/v1/residents/" + NIK + "/benefits").willReturn(aResponse().withStatus(500)));
        Throwable t = failure(client.benefits(NIK));
        assertTrue(RegistryProblem.isUnavailable(t), t.toString());
        registry.verify(2, getRequestedFor(urlPathEqualTo("/api/v1/residents/" + NIK + "/benefits")));
    }

    @Test
    void aTimeoutIsLoggedWithTheNikReducedToItsLastFourDigits() throws Exception {
        ch.qos.logback.classic.Logger log =
                (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(RegistryClient.class);
        ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> lines =
                new ch.qos.logback.core.read.ListAppender<>();
        lines.start();
        log.addAppender(lines);
        try {
            registry.stubFor(get("/api/v1/residents/" + NIK + "/benefits").willReturn(okJson("{}").withFixedDelay(60_000)));
            RegistryClient impatient = client(CircuitBreaker.builder().withFailureThreshold(3)
                    .withDelay(Duration.ofMinutes(1)).build(), Duration.ofSeconds(1));
            assertTrue(RegistryProblem.isUnavailable(failure(impatient.benefits(NIK))));
        } finally {
            log.detachAppender(lines);
        }
        String logged = lines.list.stream().map(ch.qos.logback.classic.spi.ILoggingEvent::getFormattedMessage)
                .collect(java.util.stream.Collectors.joining("\n"));
        assertTrue(logged.contains("/residents/************0004"), "the request named, its NIK masked: " + logged);
        assertFalse(logged.contains(NIK.substring(0, 4)), "neither region nor birth date of the NIK: " + logged);
    }

    @Test
    void slowAnswerTimesOutAsUnavailable() throws Exception {
        // the registry answers after a minute, far beyond the client's 1 s; the call gives up long before
        registry.stubFor(get("/api/v1/regions").willReturn(okJson("[]").withFixedDelay(60_000)));
        RegistryClient impatient = client(CircuitBreaker.builder().withFailureThreshold(3)
                .withDelay(Duration.ofMinutes(1)).build(), Duration.ofSeconds(1));
        Throwable t = failure(impatient.regions()); // waits at most 30 s: only the client's timeout ends it in time
        assertTrue(RegistryProblem.isUnavailable(t) && t.getMessage().contains("timeout"), t.toString());
        registry.verify(2, getRequestedFor(urlPathEqualTo("/api/v1/regions"))); // a read: tried once more, then given up
    }

    @Test
    void verifyPostsTheCardSuffixAndIsNeverRetried() throws Exception {
        registry.stubFor(post("/api/v1/residents/" + NIK + "/verify")
                .withRequestBody(equalToJson("{\"cardSuffix\":\"482913\"}"))
                .willReturn(okJson("{\"verified\":true}")));
        assertTrue(await(client.verify(NIK, "482913")));

        registry.stubFor(post("/api/v1/residents/6203014107850002/verify").willReturn(aResponse().withStatus(503)));
        assertTrue(RegistryProblem.isUnavailable(failure(client.verify("6203014107850002", "000000"))));
        registry.verify(1, postRequestedFor(urlPathEqualTo("/api/v1/residents/6203014107850002/verify")));
    }

    @Test
    void agentPinPostsThePinAndIsNeverRetried() throws Exception {
        registry.stubFor(post("/api/v1/agents/6281199990000/verify").withRequestBody(equalToJson("{\"pin\":\"246810\"}"))
                .willReturn(okJson("{\"verified\":true}")));
        registry.stubFor(post("/api/v1/agents/6281199990000/verify").atPriority(9).willReturn(okJson("{\"verified\":false}")));
        assertTrue(await(client.agentPin("6281199990000", "246810")));
        assertFalse(await(client.agentPin("6281199990000", "135790")));

        registry.stubFor(post("/api/v1/agents/6281200000000/verify").willReturn(aResponse().withStatus(503)));
        assertTrue(RegistryProblem.isUnavailable(failure(client.agentPin("6281200000000", "246810"))));
        registry.verify(1, postRequestedFor(urlPathEqualTo("/api/v1/agents/6281200000000/verify")));
    }

    @Test
    void disbursementsAndMarketsAreRead() throws Exception {
        registry.stubFor(get(urlPathEqualTo("/api/v1/residents/" + NIK + "/disbursements"))
                .withQueryParam("from", equalTo("2026-11-25"))
                .willReturn(okJson("""
                        {"nik":"%s","disbursements":[
                          {"program":"BLT","date":"2026-12-12","amount":600000,"place":"Kantor Pos","status":"SCHEDULED"},
                          {"program":"SEMBAKO_MURAH","date":"2026-12-05","item":"beras 10 kg","status":"READY"}]}""".formatted(NIK))));
        List<Registry.Disbursement> d = await(client.disbursements(NIK, LocalDate.of(2026, 11, 25)));
        assertEquals(OptionalLong.of(600000), d.get(0).amount());
        assertEquals("beras 10 kg", d.get(1).item().orElseThrow());
        assertTrue(d.get(1).amount().isEmpty());

        registry.stubFor(get(urlPathEqualTo("/api/v1/market-schedules")).withQueryParam("region", equalTo("6271"))
                .willReturn(okJson("[{\"date\":\"2026-12-02\",\"place\":\"Pasar Kahayan\"}]")));
        assertEquals("Pasar Kahayan", await(client.marketSchedules("6271")).get(0).place());
    }

    @Test
    void unreadableAnswerIsUnavailableNotACrash() throws Exception {
        registry.stubFor(get("/api/v1/agents/6281199990000").willReturn(okJson("<html>proxy error</html>")));
        assertTrue(RegistryProblem.isUnavailable(failure(client.agent("6281199990000"))));
    }

    @Test
    void circuitOpensAfterRepeatedFailuresAndStopsCalling() throws Exception {
        registry.stubFor(get("/api/v1/regions").willReturn(aResponse().withStatus(502)));
        failure(client.regions()); // two attempts, two failures
        failure(client.regions()); // third failure opens it; the retry is skipped
        int calls = registry.getAllServeEvents().size();
        Throwable t = failure(client.regions());
        assertTrue(RegistryProblem.isUnavailable(t) && t.getMessage().contains("circuit open"), t.toString());
        assertEquals(calls, registry.getAllServeEvents().size(), "an open circuit makes no call");
    }

    @Test
    void aRefusalDoesNotCountAgainstTheRegistry() throws Exception {
        registry.stubFor(get("/api/v1/agents/6281200000000").willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", PROBLEM).withBody("{\"code\":\"AGENT_NOT_FOUND\"}")));
        for (int i = 0; i < 5; i++) {
            assertTrue(RegistryProblem.isNotFound(failure(client.agent("6281200000000"))));
        }
        registry.stubFor(get("/api/v1/regions").willReturn(okJson("[{\"code\":\"6271\",\"name\":\"Kota Palangka Raya\"}]")));
        assertEquals("Kota Palangka Raya", await(client.regions()).get(0).name());
    }
}
