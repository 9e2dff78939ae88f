package id.betang.gateway.complaint;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;

import id.betang.gateway.config.GatewayConfig;
import id.betang.gateway.outbox.Outbox;
import id.betang.gateway.registry.RegistryClient;
import id.betang.gateway.store.Database;
import id.betang.gateway.testing.TestStorage;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;

/** The complaint relay against a WireMock registry and the real MariaDB: each rule of issue 16's relay. */
class ComplaintRelayIT {

    WireMockServer registry;
    Vertx vertx;
    String url;
    Database database;
    SimpleMeterRegistry metrics;
    ComplaintRelay relay;
    ComplaintStore store;

    @BeforeEach
    void start() {
        registry = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        registry.start();
        vertx = Vertx.vertx();
        url = TestStorage.freshDatabase("complaint_relay");
        database = Database.open(new GatewayConfig.Mysql(url, TestStorage.mysqlUser(), TestStorage.mysqlPassword()));
        metrics = new SimpleMeterRegistry();
        RegistryClient client = new RegistryClient(vertx, new GatewayConfig.Registry(
                URI.create("http://127.0.0.1:" + registry.port() + "/api/v1"), "t0ken", Duration.ofSeconds(5)));
        relay = new ComplaintRelay(vertx, database, client, Duration.ofMillis(200), metrics);
        store = new ComplaintStore(database, new Outbox(database), 100);
    }

    @AfterEach
    void stop() {
        relay.stop();
        vertx.close().await();
        registry.stop();
        database.close();
        TestStorage.dropDatabase(url);
    }

    static String accepted(String ticket, String status, String updatedAt) {
        return "{\"ticketId\":\"" + ticket + "\",\"status\":\"" + status + "\",\"updatedAt\":\"" + updatedAt + "\"}";
    }

    void registryAnswers(int status, String contentType, String body) {
        registry.resetAll();
        registry.stubFor(post(urlPathEqualTo("/api/v1/complaints"))
                .willReturn(aResponse().withStatus(status).withHeader("Content-Type", contentType).withBody(body)));
    }

    void registryAccepts() {
        registry.resetAll();
        registry.stubFor(post(urlPathEqualTo("/api/v1/complaints")).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json").withTransformers("response-template")
                .withBody("{\"ticketId\":\"{{jsonPath request.body '$.ticketId'}}\",\"status\":\"RECEIVED\","
                        + "\"updatedAt\":\"2026-11-20T01:00:00Z\"}")));
    }

    String file(String msisdn) {
        return store.file(new ComplaintStore.Filing("OTHER", "SMS", msisdn, null, null, "6271", "Langkai", "x"), null)
                .ticketId();
    }

    List<String> row(String sql, String key) throws Exception {
        return TestStorage.row(url, sql, key);
    }

    String forward(String ticket) throws Exception {
        return row("SELECT status FROM complaint_forward WHERE ticket_id = ?", ticket).get(0);
    }

    int attempts(String ticket) throws Exception {
        return Integer.parseInt(row("SELECT attempts FROM complaint_forward WHERE ticket_id = ?", ticket).get(0));
    }

    @Test
    void refusedCredentialsKeepRetryingWithAnAlertInsteadOfStrandingTheComplaint() throws Exception {
        registryAnswers(401, "application/problem+json", "{\"status\":401,\"title\":\"bad token\"}");
        String ticket = file("6281200000301");
        relay.start();
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> attempts(ticket) >= 2);
        assertEquals("PENDING", forward(ticket), "our credentials are wrong, not the complaint");
        assertTrue(metrics.counter("betang_registry_auth_failures").count() >= 2);
        assertEquals(1.0, metrics.get("betang_complaints_waiting").gauge().value());

        registryAnswers(403, "application/problem+json", "{\"status\":403}");
        int before = attempts(ticket);
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> attempts(ticket) > before);
        assertEquals("PENDING", forward(ticket));

        registryAccepts(); // the token fixed: taken without anyone touching the complaint
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> "ACCEPTED".equals(forward(ticket)));
    }

    @Test
    void onlyARefusalNamingTheComplaintNeedsAttention() throws Exception {
        registryAnswers(404, "text/html", "<html>no such path</html>");
        String misrouted = file("6281200000302");
        relay.start();
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> attempts(misrouted) >= 1);
        assertEquals("PENDING", forward(misrouted), "a 404 of POST /complaints names no complaint");

        registryAnswers(422, "application/problem+json",
                "{\"status\":422,\"code\":\"TEXT_TOO_LONG\",\"detail\":\"text over 1000\"}");
        String refused = file("6281200000303");
        relay.nudge();
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> "ATTENTION".equals(forward(refused)));
        assertTrue(row("SELECT last_error FROM complaint_forward WHERE ticket_id = ?", refused).get(0)
                .contains("TEXT_TOO_LONG"));
    }

    @Test
    void whenTheRegistryComesBackEveryWaitingComplaintIsTriedAtOnce() throws Exception {
        registryAnswers(503, "text/plain", "down");
        List<String> tickets = List.of(file("6281200000311"), file("6281200000312"), file("6281200000313"));
        relay.start();
        for (String t : tickets) {
            Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> attempts(t) >= 1);
        }
        // each now waits out a long back-off, as after a long outage
        try (Connection c = TestStorage.connect(url)) {
            c.createStatement().executeUpdate("UPDATE complaint_forward SET attempts = 7, "
                    + "next_attempt_at = NOW(3) + INTERVAL 10 MINUTE WHERE status = 'PENDING'");
        }
        registryAccepts();
        // a probe finds the registry back and the rest follow at once, not in 10 minutes. The probe may first
        // wait out the circuit breaker's 10 s (the retries above can open it), so the hang guard is generous:
        // on a loaded machine 60 s was not enough, and anything under the 10 minutes proves the point
        for (String t : tickets) {
            Awaitility.await().atMost(Duration.ofMinutes(4)).until(() -> "ACCEPTED".equals(forward(t)));
        }
        for (String t : tickets) {
            assertEquals(1, registry.findAll(postRequestedFor(urlPathEqualTo("/api/v1/complaints"))
                    .withHeader("Idempotency-Key", equalTo(t))).size());
        }
    }

    @Test
    void aRelayAnswerOlderThanTheStatusHeldIsRecordedButChangesNothing() throws Exception {
        registryAnswers(503, "text/plain", "down");
        String ticket = file("6281200000321");
        relay.start();
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> attempts(ticket) >= 1);
        // the webhook is quicker than our forward: the registry already moved it on
        assertEquals(ComplaintStore.Update.APPLIED, store.applyEvent("ev-321", ticket, "IN_REVIEW", "Ditinjau",
                Instant.parse("2026-11-21T01:00:00Z"), c -> "SMS"));
        registryAccepts(); // answers RECEIVED as of 2026-11-20: older
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> "ACCEPTED".equals(forward(ticket)));
        assertEquals(List.of("IN_REVIEW", "Ditinjau"), row("SELECT status, note FROM complaint WHERE ticket_id = ?", ticket));
        assertEquals(List.of("RECEIVED", "RELAY", "0"), row("SELECT status, source, applied FROM complaint_event "
                + "WHERE event_id = ?", "relay:" + ticket));
    }
    /**
     * A round's answers are recorded together: each complaint gets its own answer's status and time, and the
     * one whose webhook brought a newer status keeps it (its relay event recorded, not applied).
     */
    @Test
    void answersRecordedTogetherKeepEachComplaintsOwnRule() throws Exception {
        registryAnswers(503, "text/plain", "down");
        List<String> tickets = List.of(file("6281200000331"), file("6281200000332"), file("6281200000333"));
        String newer = tickets.get(1);
        relay.start();
        for (String t : tickets) {
            Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> attempts(t) >= 1);
        }
        assertEquals(ComplaintStore.Update.APPLIED, store.applyEvent("ev-332", newer, "FIELD_VISIT", "Dikunjungi",
                Instant.parse("2026-11-22T01:00:00Z"), c -> "SMS"));
        registryAccepts(); // RECEIVED as of 2026-11-20 for each
        for (String t : tickets) {
            Awaitility.await().atMost(Duration.ofMinutes(4)).until(() -> "ACCEPTED".equals(forward(t)));
        }
        long asOf = Instant.parse("2026-11-20T01:00:00Z").toEpochMilli();
        for (String t : List.of(tickets.get(0), tickets.get(2))) {
            assertEquals(List.of("RECEIVED", String.valueOf(asOf)),
                    row("SELECT status, registry_updated_ms FROM complaint WHERE ticket_id = ?", t));
            assertEquals(List.of("RECEIVED", "RELAY", "1", String.valueOf(asOf)), row("SELECT status, source, applied, "
                    + "updated_ms FROM complaint_event WHERE event_id = ?", "relay:" + t));
            assertEquals(List.of("1", "ACCEPTED"),
                    row("SELECT claim_token IS NULL, status FROM complaint_forward WHERE ticket_id = ?", t));
        }
        assertEquals(List.of("FIELD_VISIT", "Dikunjungi"), row("SELECT status, note FROM complaint WHERE ticket_id = ?", newer),
                "a status never goes backwards");
        assertEquals(List.of("0"), row("SELECT applied FROM complaint_event WHERE event_id = ?", "relay:" + newer));
    }
}
