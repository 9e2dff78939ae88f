package id.betang.gateway.registry;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;

import dev.failsafe.CircuitBreaker;
import id.betang.gateway.complaint.Complaint;
import id.betang.gateway.config.GatewayConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

/**
 * Background registry traffic (complaint relay, reminders) slow, failing and more than the registry should
 * take at once, against WireMock, while residents look up their status: the lookups are answered and their
 * circuit stays closed.
 */
class RegistryLanesTest {

    static final String RESIDENT = "6271031203900004";
    /** The NIK of reminders whose disbursements the registry cannot answer. */
    static final String REMINDED = "6271031203900012";
    static final Duration WAIT = Duration.ofSeconds(60);
    /** Background calls at the registry at once (the pool of its lane). */
    static final int BACKGROUND_AT_ONCE = 16;

    WireMockServer registry;
    Vertx vertx;
    RegistryClient interactive;
    RegistryClient background;

    @BeforeEach
    void start() {
        // delays scheduled, not slept in Jetty's threads: slow background calls must not starve the stub itself
        registry = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort().containerThreads(64)
                .asynchronousResponseEnabled(true).asynchronousResponseThreads(8));
        registry.start();
        vertx = Vertx.vertx();
        GatewayConfig.Registry config = new GatewayConfig.Registry(
                URI.create("http://127.0.0.1:" + registry.port() + "/api/v1/"), "secret-token", Duration.ofSeconds(60));
        interactive = new RegistryClient(vertx, config);
        background = RegistryClient.background(vertx, config);
        registry.stubFor(get("/api/v1/residents/" + RESIDENT + "/benefits").willReturn(okJson("""
                {"nik":"%s","benefits":[{"program":"PKH","status":"ACTIVE"}]}""".formatted(RESIDENT))));
        registry.stubFor(get(urlPathEqualTo("/api/v1/residents/" + RESIDENT + "/disbursements")).willReturn(okJson("""
                {"disbursements":[{"program":"PKH","date":"2026-12-09","status":"SCHEDULED","amount":750000}]}""")));
    }

    @AfterEach
    void stop() throws Exception {
        vertx.close().await(10, TimeUnit.SECONDS);
        registry.stop();
    }

    @Test
    void aComplaintBacklogAtASlowRegistryLeavesStatusLookupsAnswered() throws Exception {
        // the registry takes complaints, but slower than this test lasts
        registry.stubFor(post("/api/v1/complaints").willReturn(okJson("{\"status\":\"RECEIVED\"}")
                .withFixedDelay(30_000)));
        List<Future<Registry.ComplaintState>> backlog = IntStream.range(0, 200)
                .mapToObj(i -> background.fileComplaint(complaint(i))).toList();
        await().atMost(WAIT).until(() -> complaintsAtRegistry() == BACKGROUND_AT_ONCE);

        List<Future<?>> lookups = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            lookups.add(interactive.benefits(RESIDENT));
            lookups.add(interactive.disbursements(RESIDENT, LocalDate.of(2026, 12, 2)));
        }
        for (Future<?> lookup : lookups) {
            lookup.toCompletionStage().toCompletableFuture().get(WAIT.toSeconds(), TimeUnit.SECONDS);
        }

        assertTrue(interactive.circuitClosed());
        // none of the backlog went to the registry beyond its cap while the first ones were in hand
        assertEquals(BACKGROUND_AT_ONCE, complaintsAtRegistry());
        assertTrue(backlog.stream().noneMatch(Future::isComplete), "every complaint still waits for the registry");
    }

    @Test
    void remindersFailingAtTheRegistryOpenOnlyTheBackgroundCircuit() throws Exception {
        registry.stubFor(get(urlPathEqualTo("/api/v1/residents/" + REMINDED + "/disbursements"))
                .willReturn(aResponse().withStatus(503)));
        List<Future<?>> reminders = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            reminders.add(background.disbursements(REMINDED, LocalDate.of(2026, 12, 3)));
        }
        for (Future<?> reminder : reminders) {
            Throwable failure = reminder.toCompletionStage().toCompletableFuture().handle((v, e) -> e)
                    .get(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertTrue(RegistryProblem.isUnavailable(failure.getCause() == null ? failure : failure.getCause()),
                    String.valueOf(failure));
        }
        assertFalse(background.acceptsCalls(), "the background circuit opened");

        for (int i = 0; i < 20; i++) {
            Registry.Benefits benefits = interactive.benefits(RESIDENT).toCompletionStage().toCompletableFuture()
                    .get(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertEquals("ACTIVE", benefits.benefits().get(0).status());
        }
        assertTrue(interactive.circuitClosed());
        assertFalse(background.circuitClosed());
    }

    @Test
    void aBackgroundCircuitPastItsDelayAcceptsCallsBeforeAnyCallHalfOpensIt() throws Exception {
        RegistryClient relayOnly = new RegistryClient(vertx, new GatewayConfig.Registry(
                URI.create("http://127.0.0.1:" + registry.port() + "/api/v1/"), "secret-token", Duration.ofSeconds(60)),
                CircuitBreaker.builder().withFailureThreshold(1).withDelay(Duration.ofMillis(200)).build(),
                RegistryClient.Lane.BACKGROUND);
        registry.stubFor(post("/api/v1/complaints").willReturn(aResponse().withStatus(503)));
        Throwable failure = relayOnly.fileComplaint(complaint(1)).toCompletionStage().toCompletableFuture()
                .handle((v, e) -> e).get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertTrue(failure != null);
        assertFalse(relayOnly.acceptsCalls());
        // the relay asks before it calls: were the answer "no" until a call half-opened it, it would never call
        await().atMost(WAIT).until(relayOnly::acceptsCalls);
    }

    private int complaintsAtRegistry() {
        return registry.findAll(postRequestedFor(urlPathEqualTo("/api/v1/complaints"))).size();
    }

    private static Complaint complaint(int n) {
        Instant filed = Instant.parse("2026-12-02T01:00:00Z");
        return new Complaint("HB7K" + (1000 + n), "AID_NOT_RECEIVED", "sms", "6281234567890", null, null, "6271",
                null, "bantuan belum diterima " + n, "NEW", null, filed, filed);
    }
}
