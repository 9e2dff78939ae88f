package id.betang.gateway.complaint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.apache.ibatis.session.SqlSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import id.betang.gateway.config.GatewayConfig;
import id.betang.gateway.outbox.Outbox;
import id.betang.gateway.store.Database;
import id.betang.gateway.testing.TestStorage;
import id.betang.menus.TicketId;

/** The complaint mappers and store against the real MariaDB, every effect checked through plain JDBC. */
class ComplaintStoreIT {

    static String url;
    static Database database;
    static ComplaintStore store;

    @BeforeAll
    static void open() {
        url = TestStorage.freshDatabase("complaint_store");
        database = Database.open(new GatewayConfig.Mysql(url, TestStorage.mysqlUser(), TestStorage.mysqlPassword()));
        store = new ComplaintStore(database, new Outbox(database), 3);
    }

    @AfterAll
    static void close() {
        database.close();
        TestStorage.dropDatabase(url);
    }

    static List<String> row(String sql, String key) throws Exception {
        return TestStorage.row(url, sql, key);
    }

    static ComplaintStore.Filing filing(String msisdn, String body) {
        return new ComplaintStore.Filing("WRONG_DATA", "SMS", msisdn, null, "6271031203900004", "6271", "Langkai", body);
    }

    @Test
    void complaintForwardAndTicketSmsAreCommittedTogether() throws Exception {
        String body = "Nama saya salah: 'Siti' bukan \"Sity\"; <script>x</script> \u0000? \uD83D\uDE4F";
        Complaint c = store.file(filing("6281200000101", body), ticket -> "Tiket " + ticket);
        assertTrue(TicketId.isValid(c.ticketId()));
        assertEquals(List.of("WRONG_DATA", "SMS", "6281200000101", "6271031203900004", "6271", "Langkai", body, "RECEIVED"),
                row("SELECT category, channel, msisdn, nik, region, village, body, status FROM complaint WHERE ticket_id = ?",
                        c.ticketId()));
        assertEquals(List.of("PENDING", "0"), row("SELECT status, attempts FROM complaint_forward WHERE ticket_id = ?",
                c.ticketId()));
        assertEquals(List.of("Tiket " + c.ticketId(), "ticket"),
                row("SELECT body, category FROM outbox_sms WHERE msisdn = ?", "6281200000101"));
    }

    @Test
    void aPhoneFilesAtMostItsDailyShareWhateverTheChannel() throws Exception {
        for (int i = 0; i < 3; i++) {
            assertTrue(store.fileWithinLimit(filing("6281200000106", "nomor " + i), null).isPresent());
        }
        assertTrue(store.fileWithinLimit(filing("6281200000106", "keempat"), ticket -> "Tiket " + ticket).isEmpty());
        assertEquals(List.of("3"), row("SELECT COUNT(*) FROM complaint WHERE msisdn = ?", "6281200000106"));
        assertEquals(List.of("0"), row("SELECT COUNT(*) FROM outbox_sms WHERE msisdn = ?", "6281200000106"),
                "no ticket SMS for a complaint not taken");
    }

    @Test
    void aRepeatedStepAnswersTheTicketItFiledAndFilesNothingMore() throws Exception {
        ComplaintStore.Filing step = filing("6281200000107", "dua kali dikirim").keyedBy("ussd:6281200000107:41");
        Complaint first = store.file(step, ticket -> "Tiket " + ticket);
        Complaint again = store.file(step, ticket -> "Tiket " + ticket);
        assertEquals(first.ticketId(), again.ticketId());
        assertEquals(List.of("1"), row("SELECT COUNT(*) FROM complaint WHERE msisdn = ?", "6281200000107"));
        assertEquals(List.of("1"), row("SELECT COUNT(*) FROM outbox_sms WHERE msisdn = ?", "6281200000107"),
                "one ticket SMS");
        assertEquals(List.of("1"), row("SELECT COUNT(*) FROM complaint_forward f JOIN complaint c"
                + " ON c.ticket_id = f.ticket_id WHERE c.msisdn = ?", "6281200000107"), "one forward to the registry");
    }

    @Test
    void theSameContentInAnotherDialogueIsAnotherComplaint() throws Exception {
        Complaint one = store.file(filing("6281200000108", "sama").keyedBy("ussd:6281200000108:1"), null);
        Complaint other = store.file(filing("6281200000108", "sama").keyedBy("ussd:6281200000108:2"), null);
        assertTrue(!one.ticketId().equals(other.ticketId()));
        assertEquals(List.of("2"), row("SELECT COUNT(*) FROM complaint WHERE msisdn = ?", "6281200000108"));
    }

    @Test
    void theSameStepAfterTheRepeatWindowIsANewComplaint() throws Exception {
        ComplaintStore.Filing step = filing("6281200000111", "lagi").keyedBy("6281200000111");
        Complaint old = store.file(step, null);
        try (Connection conn = TestStorage.connect(url)) {
            conn.createStatement().executeUpdate("UPDATE complaint SET created_at = NOW(3) - INTERVAL "
                    + (ComplaintStore.REPEAT_WINDOW.toSeconds() + 60) + " SECOND WHERE ticket_id = '" + old.ticketId() + "'");
        }
        Complaint fresh = store.file(step, null);
        assertTrue(!old.ticketId().equals(fresh.ticketId()), "a session key the network reused, not a repeat");
        assertEquals(List.of("2"), row("SELECT COUNT(*) FROM complaint WHERE msisdn = ?", "6281200000111"));
        assertEquals(fresh.ticketId(), store.file(step, null).ticketId(), "and the new one is repeatable in turn");
    }

    @Test
    void aRepeatedStepGetsItsTicketEvenWhenThePhoneHasFiledItsShare() throws Exception {
        ComplaintStore.Filing last = filing("6281200000109", "ketiga").keyedBy("ussd:6281200000109:3");
        store.fileWithinLimit(filing("6281200000109", "satu"), null).orElseThrow();
        store.fileWithinLimit(filing("6281200000109", "dua"), null).orElseThrow();
        Complaint third = store.fileWithinLimit(last, null).orElseThrow();
        assertEquals(third.ticketId(), store.fileWithinLimit(last, null).orElseThrow().ticketId());
        assertEquals(List.of("3"), row("SELECT COUNT(*) FROM complaint WHERE msisdn = ?", "6281200000109"));
    }

    @Test
    void twoCopiesOfOneStepFilingAtOnceFileOneComplaint() throws Exception {
        ComplaintStore.Filing step = filing("6281200000110", "serentak").keyedBy("ussd:6281200000110:7");
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try (Connection lock = TestStorage.connect(url)) {
            // both copies wait on the table, so they race for the insert when it is released
            lock.createStatement().execute("LOCK TABLES complaint WRITE");
            java.util.concurrent.Future<Complaint> a = pool.submit(() -> store.file(step, ticket -> "Tiket " + ticket));
            java.util.concurrent.Future<Complaint> b = pool.submit(() -> store.file(step, ticket -> "Tiket " + ticket));
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).until(() ->
                    waitingOnTheLock() >= 2);
            lock.createStatement().execute("UNLOCK TABLES");
            assertEquals(a.get().ticketId(), b.get().ticketId());
        } finally {
            pool.shutdownNow();
        }
        assertEquals(List.of("1"), row("SELECT COUNT(*) FROM complaint WHERE msisdn = ?", "6281200000110"));
        assertEquals(List.of("1"), row("SELECT COUNT(*) FROM outbox_sms WHERE msisdn = ?", "6281200000110"));
    }

    /** Connections of this test's database waiting for a table lock. */
    static int waitingOnTheLock() throws Exception {
        String db = url.substring(url.lastIndexOf('/') + 1).replaceAll("\\?.*", "");
        try (Connection conn = TestStorage.connect(url);
             java.sql.PreparedStatement q = conn.prepareStatement("SELECT COUNT(*) FROM information_schema.PROCESSLIST"
                     + " WHERE DB = ? AND STATE LIKE 'Waiting for table%lock'")) {
            q.setString(1, db);
            try (java.sql.ResultSet rs = q.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    @Test
    void aFailedTransactionLeavesNothingBehind() throws Exception {
        try {
            store.file(filing("6281200000102", "x"), ticket -> {
                throw new IllegalStateException("the SMS could not be written");
            });
        } catch (IllegalStateException expected) {
            // as if the outbox insert had failed
        }
        assertEquals(List.of("0"), row("SELECT COUNT(*) FROM complaint WHERE msisdn = ?", "6281200000102"));
        assertEquals(List.of("0"), row("SELECT COUNT(*) FROM outbox_sms WHERE msisdn = ?", "6281200000102"));
    }

    @Test
    void longTextsAreCutAtTheRegistrysLimit() throws Exception {
        Complaint c = store.file(filing("6281200000103", "a".repeat(1500)), null);
        assertEquals(List.of("1000"), row("SELECT CHAR_LENGTH(body) FROM complaint WHERE ticket_id = ?", c.ticketId()));
    }

    @Test
    void claimsGiveEachDueRowToOneClaimerAndBackOffDoubles() throws Exception {
        Complaint c = store.file(filing("6281200000104", "claim me"), null);
        try (SqlSession session = database.sessions().openSession(true)) {
            ComplaintMapper mapper = session.getMapper(ComplaintMapper.class);
            String first = UUID.randomUUID().toString();
            String second = UUID.randomUUID().toString();
            assertEquals(1, mapper.claimForwards(List.of(c.ticketId()), first, 60_000));
            assertEquals(0, mapper.claimForwards(List.of(c.ticketId()), second, 60_000), "already claimed");
            assertEquals(0, mapper.markAcceptedAll(List.of(c.ticketId()), second), "only the claimer may settle it");
            String before = databaseNow();
            assertEquals(1, mapper.reschedule(c.ticketId(), first, 5, 600, "HTTP 503"));
            String done = databaseNow();
            List<String> after = row("SELECT attempts, last_error, claim_token FROM complaint_forward WHERE ticket_id = ?",
                    c.ticketId());
            assertEquals(List.of("1", "HTTP 503"), after.subList(0, 2));
            assertNull(after.get(2));
            assertBackOff(c.ticketId(), before, done, 5);
        }
        try (Connection conn = TestStorage.connect(url)) {
            conn.createStatement().executeUpdate("UPDATE complaint_forward SET next_attempt_at = NOW(3) WHERE ticket_id = '"
                    + c.ticketId() + "'");
        }
        try (SqlSession session = database.sessions().openSession(true)) {
            ComplaintMapper mapper = session.getMapper(ComplaintMapper.class);
            String token = UUID.randomUUID().toString();
            assertEquals(1, mapper.claimForwards(List.of(c.ticketId()), token, 60_000));
            String before = databaseNow();
            assertEquals(1, mapper.reschedule(c.ticketId(), token, 5, 600, "HTTP 503"));
            String done = databaseNow();
            assertEquals(List.of("2"), row("SELECT attempts FROM complaint_forward WHERE ticket_id = ?", c.ticketId()));
            assertBackOff(c.ticketId(), before, done, 10);
        }
    }

    /** The database's clock, which the back-off is counted on, to the millisecond. */
    private static String databaseNow() throws Exception {
        return row("SELECT CAST(NOW(3) AS CHAR) FROM DUAL WHERE ? IS NOT NULL", "now").get(0);
    }

    /**
     * The next attempt is {@code seconds} after the moment of the reschedule, which lies between {@code before}
     * and {@code after}: bounded by the statement's own moments, not by how fast this test runs.
     */
    private static void assertBackOff(String ticketId, String before, String after, long seconds) throws Exception {
        List<String> at = row("SELECT TIMESTAMPDIFF(MICROSECOND, '" + before + "', next_attempt_at), "
                + "TIMESTAMPDIFF(MICROSECOND, next_attempt_at, '" + after + "') FROM complaint_forward WHERE ticket_id = ?",
                ticketId);
        long fromBefore = Long.parseLong(at.get(0));
        long untilAfter = Long.parseLong(at.get(1));
        assertTrue(fromBefore >= seconds * 1_000_000 && -untilAfter <= seconds * 1_000_000,
                "back-off " + seconds + " s after the reschedule: " + at + " µs from " + before + " / " + after);
    }

    @Test
    void eachWebhookEventIsAppliedOnceWithItsSms() throws Exception {
        Complaint c = store.file(filing("6281200000105", "event"), null);
        assertEquals(ComplaintStore.Update.APPLIED,
                store.applyEvent("ev-1", c.ticketId(), "FIELD_VISIT", "Petugas datang Senin", Instant.parse("2026-11-25T03:00:00Z"),
                        x -> "SMS " + x.status()));
        assertEquals(ComplaintStore.Update.REPEATED,
                store.applyEvent("ev-1", c.ticketId(), "FIELD_VISIT", "Petugas datang Senin", Instant.parse("2026-11-25T03:00:00Z"),
                        x -> "SMS " + x.status()));
        assertEquals(ComplaintStore.Update.UNKNOWN_TICKET,
                store.applyEvent("ev-2", "HB2222222", "RESOLVED", null, Instant.parse("2026-11-25T03:00:00Z"), x -> "SMS"));
        assertEquals(List.of("FIELD_VISIT", "Petugas datang Senin"),
                row("SELECT status, note FROM complaint WHERE ticket_id = ?", c.ticketId()));
        assertEquals(List.of("1"), row("SELECT COUNT(*) FROM outbox_sms WHERE msisdn = ? AND category = 'ticket-update'",
                "6281200000105"));
        assertTrue(store.filedSince("6281200000105", Instant.now().minusSeconds(60)) == 1);
    }

    @Test
    void aStatusNeverGoesBackwardsAndAnOlderEventIsRecordedWithoutSms() throws Exception {
        Complaint c = store.file(filing("6281200000107", "order"), null);
        Instant resolvedAt = Instant.parse("2026-11-26T03:00:00Z");
        assertEquals(ComplaintStore.Update.APPLIED, store.applyEvent("ord-2", c.ticketId(), "RESOLVED", "Sudah cair",
                resolvedAt, x -> "SMS " + x.status()));
        // IN_REVIEW happened before RESOLVED but arrives after it
        assertEquals(ComplaintStore.Update.STALE, store.applyEvent("ord-1", c.ticketId(), "IN_REVIEW", "Ditinjau",
                resolvedAt.minusSeconds(3600), x -> "SMS " + x.status()));
        store.refresh(c.ticketId(), "FIELD_VISIT", "jawaban lama", resolvedAt.minusSeconds(60));

        assertEquals(List.of("RESOLVED", "Sudah cair"), row("SELECT status, note FROM complaint WHERE ticket_id = ?",
                c.ticketId()));
        assertEquals(List.of("1", "SMS RESOLVED"), row("SELECT COUNT(*), MIN(body) FROM outbox_sms WHERE msisdn = ? "
                + "AND category = 'ticket-update'", "6281200000107"), "the complainant hears only of the newest");
        assertEquals(List.of("IN_REVIEW", "0", "Ditinjau"), row("SELECT status, applied, note FROM complaint_event "
                + "WHERE event_id = ?", "ord-1"), "recorded, not applied");

        assertEquals(ComplaintStore.Update.APPLIED, store.applyEvent("ord-4", c.ticketId(), "IN_REVIEW", "Dibuka lagi",
                resolvedAt.plusSeconds(60), x -> "SMS " + x.status()), "a newer word still moves it, whatever status");
        assertEquals(List.of("IN_REVIEW"), row("SELECT status FROM complaint WHERE ticket_id = ?", c.ticketId()));
    }

    /**
     * The webhook path composes its SMS from the phone's language, read on a pooled connection of its own; done
     * inside the transaction, each worker would hold one connection while waiting for a second, and a burst as
     * large as the pool would wait on itself. 50 at once with the pool at its configured size must all finish.
     */
    @Test
    void fiftyConcurrentEventsCompleteWithinThePoolAndEachSmsIsQueuedOnce() throws Exception {
        List<Complaint> filed = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            filed.add(store.file(filing(String.format("62812000020%02d", i), "burst " + i), null));
        }
        java.util.function.Function<Complaint, String> message = x -> {
            try (SqlSession s = database.sessions().openSession(true)) {   // like Subscribers.lang
                s.selectOne("id.betang.gateway.complaint.ComplaintMapper.countWaiting");
            }
            return "SMS " + x.ticketId() + " " + x.status();
        };
        Instant at = Instant.parse("2026-11-27T03:00:00Z");
        java.util.concurrent.ExecutorService workers = java.util.concurrent.Executors.newFixedThreadPool(50);
        try {
            java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
            List<java.util.concurrent.Future<ComplaintStore.Update>> done = new ArrayList<>();
            for (Complaint c : filed) {
                done.add(workers.submit(() -> {
                    go.await();
                    return store.applyEvent("burst-" + c.ticketId(), c.ticketId(), "IN_REVIEW", null, at, message);
                }));
            }
            go.countDown();
            for (var d : done) {
                assertEquals(ComplaintStore.Update.APPLIED, d.get(2, java.util.concurrent.TimeUnit.MINUTES));
            }
        } finally {
            workers.shutdownNow();
        }
        for (Complaint c : filed) {
            assertEquals(List.of("1"), row("SELECT COUNT(*) FROM outbox_sms WHERE category = 'ticket-update' AND msisdn = ?",
                    c.msisdn()));
        }
    }
}
