package id.betang.gateway.complaint;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import id.betang.gateway.config.GatewayConfig;
import id.betang.gateway.outbox.Outbox;
import id.betang.gateway.store.Database;
import id.betang.gateway.testing.TestStorage;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * The "still being handled" SMS against the real MariaDB, complaints dated back with SQL: only open complaints
 * with no status change for the quiet period get it, once per period however many instances look, in the
 * outbox as an essential ticket update, by day only; the gauge counts the quiet ones at any hour.
 */
class QuietComplaintsIT {

    static final Clock MORNING = Clock.fixed(Instant.parse("2026-12-02T03:00:00Z"), ZoneOffset.UTC); // 10:00 WIB
    static final Clock NIGHT = Clock.fixed(Instant.parse("2026-12-02T16:00:00Z"), ZoneOffset.UTC); // 23:00 WIB

    private static String url;
    private static Database database;
    private static Outbox outbox;

    @BeforeAll
    static void open() {
        url = TestStorage.freshDatabase("quietcomplaints");
        database = Database.open(new GatewayConfig.Mysql(url, TestStorage.mysqlUser(), TestStorage.mysqlPassword()));
        outbox = new Outbox(database);
    }

    @AfterAll
    static void close() {
        database.close();
        TestStorage.dropDatabase(url);
    }

    @BeforeEach
    void complaints() throws Exception {
        sql("DELETE FROM outbox_sms");
        sql("DELETE FROM complaint_forward");
        sql("DELETE FROM complaint_event");
        sql("DELETE FROM complaint");
        complaint("HB7K3Q9P", "IN_REVIEW", "8 DAY");     // quiet: told
        complaint("HB7K3Q9Q", "FIELD_VISIT", "30 DAY");  // quiet: told
        complaint("HB7K3Q9R", "RESOLVED", "30 DAY");     // closed: never
        complaint("HB7K3Q9S", "RECEIVED", "2 DAY");      // news two days ago: not yet
    }

    static void complaint(String ticket, String status, String age) throws Exception {
        sql("INSERT INTO complaint (ticket_id, category, channel, msisdn, body, status, updated_at) VALUES ('" + ticket
                + "', 'OTHER', 'SMS', '62813" + ticket.substring(5).chars().map(c -> c % 10).collect(StringBuilder::new,
                StringBuilder::append, StringBuilder::append) + "0000', 'x', '" + status + "', NOW(3) - INTERVAL " + age + ")");
    }

    static void sql(String statement) throws Exception {
        TestStorage.execute(url, statement);
    }

    static QuietComplaints quiet(Clock clock, SimpleMeterRegistry metrics) {
        return new QuietComplaints(null, database, outbox, Duration.ofDays(7), clock, 7, 20,
                (msisdn, c) -> "still being handled: " + c.ticketId() + " " + c.status(), metrics);
    }

    static List<String> queued() throws Exception {
        List<String> bodies = new java.util.ArrayList<>();
        try (var c = TestStorage.connect(url); var rs = c.createStatement().executeQuery(
                "SELECT body, category FROM outbox_sms ORDER BY body")) {
            while (rs.next()) {
                bodies.add(rs.getString(1) + " [" + rs.getString(2) + "]");
            }
        }
        return bodies;
    }

    @Test
    void openComplaintsQuietForThePeriodAreToldOncePerPeriod() throws Exception {
        SimpleMeterRegistry metrics = new SimpleMeterRegistry();
        QuietComplaints quiet = quiet(MORNING, metrics);

        assertEquals(2, quiet.pass());
        assertEquals(List.of("still being handled: HB7K3Q9P IN_REVIEW [ticket-update]",
                "still being handled: HB7K3Q9Q FIELD_VISIT [ticket-update]"), queued());
        assertEquals(2, metrics.get("betang_complaints_quiet").gauge().value());

        assertEquals(0, quiet.pass(), "once per period");
        sql("UPDATE complaint SET quiet_sms_at = NOW(3) - INTERVAL 8 DAY WHERE ticket_id = 'HB7K3Q9Q'");
        assertEquals(1, quiet.pass(), "a new quiet period, a new SMS");
        assertEquals(3, metrics.get("betang_complaint_quiet_sms").counter().count());
    }

    @Test
    void aStatusChangeEndsTheQuiet() throws Exception {
        sql("UPDATE complaint SET status = 'FIELD_VISIT', updated_at = NOW(3) WHERE ticket_id = 'HB7K3Q9P'");
        assertEquals(1, quiet(MORNING, new SimpleMeterRegistry()).pass());
        assertEquals(List.of("still being handled: HB7K3Q9Q FIELD_VISIT [ticket-update]"), queued());
    }

    @Test
    void atNightNothingIsSentButTheQuietAreCounted() throws Exception {
        SimpleMeterRegistry metrics = new SimpleMeterRegistry();
        assertEquals(0, quiet(NIGHT, metrics).pass());
        assertEquals(List.of(), queued());
        assertEquals(2, metrics.get("betang_complaints_quiet").gauge().value());
    }

    @Test
    void severalInstancesSendOneSmsPerComplaint() throws Exception {
        List<CompletableFuture<Integer>> passes = java.util.stream.IntStream.range(0, 4)
                .mapToObj(i -> CompletableFuture.supplyAsync(() -> quiet(MORNING, new SimpleMeterRegistry()).pass()))
                .toList();
        assertEquals(2, passes.stream().mapToInt(CompletableFuture::join).sum());
        assertEquals(2, queued().size());
    }
}
