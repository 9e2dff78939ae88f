package id.betang.gateway.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import id.betang.gateway.complaint.Complaint;
import id.betang.gateway.complaint.ComplaintStore;
import id.betang.gateway.config.GatewayConfig;
import id.betang.gateway.outbox.Outbox;
import id.betang.gateway.sms.Subscribers;
import id.betang.gateway.store.Database;
import id.betang.gateway.testing.TestStorage;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;

/**
 * The webhook → ticket-update SMS path over HTTP with the pool at its configured size: the SMS text reads the
 * phone's language ({@link Subscribers#lang}, a pooled connection of its own), as the gateway's does.
 */
class ComplaintWebhookIT {

    static final String SECRET = "webhook-secret-for-the-burst";

    static String url;
    static Database database;
    static Vertx vertx;
    static HttpServer server;
    static ComplaintStore store;
    /** Runs as each SMS text is composed, before the phone's language is read. */
    static volatile java.util.function.Consumer<Complaint> composing = c -> { };

    @BeforeAll
    static void start() {
        url = TestStorage.freshDatabase("complaint_webhook");
        database = Database.open(new GatewayConfig.Mysql(url, TestStorage.mysqlUser(), TestStorage.mysqlPassword()));
        store = new ComplaintStore(database, new Outbox(database), 100);
        Subscribers subscribers = new Subscribers(database);
        vertx = Vertx.vertx();
        Router router = Router.router(vertx);
        ComplaintWebhook.mount(router, vertx, store, SECRET, Clock.systemUTC(),
                c -> {
                    composing.accept(c);
                    return "[" + subscribers.lang(c.msisdn()).orElse("id") + "] " + c.ticketId() + " " + c.status();
                });
        server = vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1").await();
    }

    @AfterAll
    static void stop() {
        vertx.close().await();
        database.close();
        TestStorage.dropDatabase(url);
    }

    static HttpRequest signed(String body) throws Exception {
        String timestamp = String.valueOf(Instant.now().getEpochSecond());
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String signature = HexFormat.of().formatHex(mac.doFinal((timestamp + "." + body).getBytes(StandardCharsets.UTF_8)));
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.actualPort() + "/hooks/complaints"))
                .header("Content-Type", "application/json").header("X-Timestamp", timestamp)
                .header("X-Signature", "sha256=" + signature).POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    static int count(String sql, String key) throws Exception {
        try (Connection c = TestStorage.connect(url); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, key);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    /**
     * As many webhooks as the pool has connections meet before reading the language: had any of them opened its
     * transaction first, each would hold a connection while asking for another, and the pool would run dry.
     */
    @Test
    void fiftyConcurrentWebhooksAllCompleteAndEachSmsIsQueuedOnce() throws Exception {
        int poolSize = ((org.apache.ibatis.datasource.pooled.PooledDataSource) database.dataSource())
                .getPoolMaximumActiveConnections();
        java.util.concurrent.CyclicBarrier together = new java.util.concurrent.CyclicBarrier(poolSize);
        java.util.concurrent.atomic.AtomicInteger arrived = new java.util.concurrent.atomic.AtomicInteger();
        composing = c -> {
            if (arrived.incrementAndGet() <= poolSize) {
                try {
                    together.await();
                } catch (InterruptedException | java.util.concurrent.BrokenBarrierException e) {
                    throw new IllegalStateException(e);
                }
            }
        };
        List<Complaint> filed = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            filed.add(store.file(new ComplaintStore.Filing("OTHER", "SMS", String.format("62812000030%02d", i), null,
                    null, "6271", "Langkai", "burst " + i), null));
        }
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
        String at = Instant.now().toString();
        for (Complaint c : filed) {
            String event = "{\"eventId\":\"burst-" + c.ticketId() + "\",\"ticketId\":\"" + c.ticketId()
                    + "\",\"status\":\"IN_REVIEW\",\"note\":\"Ditinjau\",\"updatedAt\":\"" + at + "\"}";
            answers.add(http.sendAsync(signed(event), HttpResponse.BodyHandlers.ofString()));
        }
        try {
            for (var a : answers) {
                assertEquals(204, a.get().statusCode(), a.get().body());
            }
        } finally {
            composing = c -> { };
        }
        for (Complaint c : filed) {
            assertEquals(1, count("SELECT COUNT(*) FROM outbox_sms WHERE category = 'ticket-update' AND msisdn = ?",
                    c.msisdn()), "one SMS each");
            assertEquals(1, count("SELECT COUNT(*) FROM outbox_sms WHERE body = CONCAT('[id] ', ?, ' IN_REVIEW')",
                    c.ticketId()));
        }
    }

    @Test
    void anOlderEventIsAcknowledgedRecordedAndTellsNobody() throws Exception {
        Complaint c = store.file(new ComplaintStore.Filing("OTHER", "SMS", "6281200003100", null, null, "6271",
                "Langkai", "order"), null);
        HttpClient http = HttpClient.newHttpClient();
        String newer = "{\"eventId\":\"o-2\",\"ticketId\":\"" + c.ticketId()
                + "\",\"status\":\"RESOLVED\",\"updatedAt\":\"2026-11-26T10:00:00+07:00\"}";
        String older = "{\"eventId\":\"o-1\",\"ticketId\":\"" + c.ticketId()
                + "\",\"status\":\"IN_REVIEW\",\"updatedAt\":\"2026-11-26T09:00:00+07:00\"}";
        String timeless = "{\"eventId\":\"o-3\",\"ticketId\":\"" + c.ticketId() + "\",\"status\":\"IN_REVIEW\"}";
        assertEquals(204, http.send(signed(newer), HttpResponse.BodyHandlers.ofString()).statusCode());
        assertEquals(204, http.send(signed(older), HttpResponse.BodyHandlers.ofString()).statusCode());
        assertEquals(400, http.send(signed(timeless), HttpResponse.BodyHandlers.ofString()).statusCode(),
                "updatedAt orders the events: required");
        assertEquals(1, count("SELECT COUNT(*) FROM complaint WHERE status = 'RESOLVED' AND ticket_id = ?", c.ticketId()));
        assertEquals(1, count("SELECT COUNT(*) FROM complaint_event WHERE applied = FALSE AND ticket_id = ?", c.ticketId()));
        assertEquals(1, count("SELECT COUNT(*) FROM outbox_sms WHERE category = 'ticket-update' AND msisdn = ?",
                "6281200003100"), "only the newer one is told");
    }
}
