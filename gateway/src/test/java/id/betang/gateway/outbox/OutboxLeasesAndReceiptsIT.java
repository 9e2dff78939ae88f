package id.betang.gateway.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.apache.ibatis.session.SqlSession;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import id.betang.gateway.config.GatewayConfig;
import id.betang.gateway.smpp.DeliveryReceipt;
import id.betang.gateway.store.Database;
import id.betang.gateway.testing.TestStorage;

/**
 * Claim leases and receipt matching against the real MariaDB, every time taken from the database's clock:
 * rows are aged with SQL, never by waiting.
 */
class OutboxLeasesAndReceiptsIT {

    private static String url;
    private static Database database;
    private static Outbox outbox;

    @BeforeAll
    static void open() {
        url = TestStorage.freshDatabase("outbox_leases");
        database = Database.open(new GatewayConfig.Mysql(url, TestStorage.mysqlUser(), TestStorage.mysqlPassword()));
        outbox = new Outbox(database);
    }

    @AfterAll
    static void close() {
        database.close();
        TestStorage.dropDatabase(url);
    }

    @BeforeEach
    void empty() throws Exception {
        sql("DELETE FROM outbox_sms");
        sql("DELETE FROM sms_receipt_unmatched");
    }

    @Test
    void aReceiptChangesOnlyThePartSentWithinTheWindowWhenTheSmscReusedAnId() throws Exception {
        // the SMSC's counter wrapped: a month-old message and today's carry the same id
        long old = sentWithPart("6281300000001", "a1b2", "INTERVAL 30 DAY");
        long fresh = sentWithPart("6281300000002", "a1b2", "INTERVAL 1 SECOND");

        assertTrue(outbox.applyReceipt("a1b2", new DeliveryReceipt("a1b2", DeliveryReceipt.State.UNDELIVERED,
                Instant.now(), "001")));

        assertEquals("UNDELIVERED", one("SELECT status FROM outbox_sms WHERE id = " + fresh));
        assertEquals("UNDELIVERED", one("SELECT receipt_state FROM outbox_sms_part WHERE outbox_id = " + fresh));
        assertEquals("SENT", one("SELECT status FROM outbox_sms WHERE id = " + old), "the old message keeps its state");
        assertNull(one("SELECT receipt_state FROM outbox_sms_part WHERE outbox_id = " + old));
        assertNull(one("SELECT receipt_at FROM outbox_sms WHERE id = " + old));
    }

    @Test
    void aReceiptForOnlyAnOldPartMatchesNothing() throws Exception {
        long old = sentWithPart("6281300000003", "c3d4", "INTERVAL 8 DAY");
        assertFalse(outbox.applyReceipt("c3d4", new DeliveryReceipt("c3d4", DeliveryReceipt.State.DELIVERED,
                Instant.now(), "000")), "left to the caller, who keeps it as unmatched");
        assertEquals("SENT", one("SELECT status FROM outbox_sms WHERE id = " + old));
    }

    @Test
    void aBatchOfReceiptsSettlesEachMessageAsOneAfterTheOtherWouldAndReturnsWhatMatchedNothing() throws Exception {
        long twoParts = sentWithPart("6281300000004", "e5f6", "INTERVAL 1 SECOND");
        sql("UPDATE outbox_sms SET parts = 2 WHERE id = " + twoParts);
        sql("INSERT INTO outbox_sms_part (outbox_id, part_no, smsc_message_id) VALUES (" + twoParts + ", 2, 'e5f7')");
        long onePart = sentWithPart("6281300000005", "a9b0", "INTERVAL 1 SECOND");
        long waiting = sentWithPart("6281300000006", "c1d2", "INTERVAL 1 SECOND");
        Instant done = Instant.parse("2026-11-30T08:00:00Z");
        DeliveryReceipt nobodys = receipt("ffff", DeliveryReceipt.State.DELIVERED, done);

        List<DeliveryReceipt> unmatched = outbox.applyReceipts(List.of(
                receipt("e5f6", DeliveryReceipt.State.DELIVERED, done),
                receipt("a9b0", DeliveryReceipt.State.UNDELIVERED, done),
                receipt("c1d2", DeliveryReceipt.State.INTERIM, done),
                nobodys,
                receipt("e5f7", DeliveryReceipt.State.DELIVERED, done.plusSeconds(5)),
                receipt("a9b0", DeliveryReceipt.State.DELIVERED, done.plusSeconds(9)))); // the SMSC tried again

        assertEquals(List.of(nobodys), unmatched, "only the receipt no part carries is left to the caller");
        assertEquals("DELIVERED", one("SELECT status FROM outbox_sms WHERE id = " + twoParts), "both parts arrived");
        assertEquals("1", one("SELECT receipt_at = (SELECT MAX(receipt_at) FROM outbox_sms_part WHERE outbox_id = "
                + twoParts + ") FROM outbox_sms WHERE id = " + twoParts), "settled at its last part's receipt");
        assertEquals("DELIVERED", one("SELECT status FROM outbox_sms WHERE id = " + onePart),
                "the later receipt counts");
        assertEquals("SENT", one("SELECT status FROM outbox_sms WHERE id = " + waiting),
                "an interim receipt decides nothing");
        assertNull(one("SELECT receipt_state FROM outbox_sms_part WHERE outbox_id = " + waiting));
    }

    @Test
    void aClaimSkipsTheRowsAnotherInstanceIsClaimingInsteadOfWaitingForThem() throws Exception {
        for (int i = 0; i < 6; i++) {
            outbox.enqueue("628130000001" + i, "Betang antre " + i, "test");
        }
        try (SqlSession first = database.sessions().openSession(false);
             SqlSession second = database.sessions().openSession(false)) {
            OutboxMapper one = first.getMapper(OutboxMapper.class);
            OutboxMapper two = second.getMapper(OutboxMapper.class);
            List<Long> firstRows = ids(one.lockDue(4, 3600));
            // the first claim has not committed: were its rows waited for, this would block until the lock
            // wait timeout and fail
            List<Long> secondRows = ids(two.lockDue(4, 3600));
            assertEquals(4, firstRows.size(), "the longest-waiting rows");
            assertEquals(2, secondRows.size(), "only the rows nobody holds");
            Set<Long> all = new HashSet<>(firstRows);
            all.addAll(secondRows);
            assertEquals(6, all.size(), "no row in both claims");
            assertEquals(4, one.claim(RowIds.of(firstRows), "tok-1", "gw-1", 60_000));
            assertEquals(2, two.claim(RowIds.of(secondRows), "tok-2", "gw-2", 60_000));
            first.commit(true);
            second.commit(true);
        }
        assertEquals("4", one("SELECT COUNT(*) FROM outbox_sms WHERE status = 'SENDING' AND claim_token = 'tok-1'"
                + " AND next_attempt_at > NOW(3) + INTERVAL 50 SECOND"));
        assertEquals("2", one("SELECT COUNT(*) FROM outbox_sms WHERE status = 'SENDING' AND claim_token = 'tok-2'"));
    }

    private static List<Long> ids(List<ClaimedSms> rows) {
        return rows.stream().map(ClaimedSms::id).toList();
    }

    @Test
    void renewalPushesOutTheLeaseOfEveryHeldClaimInOneRound() throws Exception {
        long a = claimedRow("tok-a", "INTERVAL 1 SECOND");
        long b = claimedRow("tok-a", "INTERVAL 1 SECOND");
        long c = claimedRow("tok-b", "INTERVAL 1 SECOND");
        long other = claimedRow("tok-other", "INTERVAL 1 SECOND"); // another instance's claim
        ClaimLeases leases = new ClaimLeases(database, Duration.ofSeconds(60));
        leases.claimed("tok-a", List.of(a, b), System.nanoTime());
        leases.claimed("tok-b", List.of(c), System.nanoTime());

        leases.renew();

        for (long id : new long[] {a, b, c}) {
            assertEquals("1", one("SELECT next_attempt_at > NOW(3) + INTERVAL 50 SECOND FROM outbox_sms WHERE id = "
                    + id), "row " + id + " renewed to the full lease");
        }
        assertEquals("1", one("SELECT next_attempt_at < NOW(3) + INTERVAL 2 SECOND FROM outbox_sms WHERE id = "
                + other), "a claim this instance does not hold is left alone");
        assertTrue(leases.safeToSend("tok-a"));
    }

    @Test
    void aSettledClaimIsNoLongerRenewedNorSent() throws Exception {
        long id = claimedRow("tok-done", "INTERVAL 1 SECOND");
        ClaimLeases leases = new ClaimLeases(database, Duration.ofSeconds(60));
        leases.claimed("tok-done", List.of(id), System.nanoTime());
        leases.settled("tok-done", id);
        leases.renew();
        assertEquals(0, leases.heldClaims());
        assertFalse(leases.safeToSend("tok-done"));
        assertEquals("1", one("SELECT next_attempt_at < NOW(3) + INTERVAL 2 SECOND FROM outbox_sms WHERE id = " + id));
    }

    @Test
    void aLeaseThatRanOutInTheDatabaseIsNotRevived() throws Exception {
        // the lease lapsed (this instance lost MySQL for a while): another instance may have its rows by now
        long id = claimedRow("tok-late", "INTERVAL -1 SECOND");
        ClaimLeases leases = new ClaimLeases(database, Duration.ofSeconds(60));
        leases.claimed("tok-late", List.of(id), System.nanoTime());
        leases.renew();
        assertEquals("1", one("SELECT next_attempt_at < NOW(3) FROM outbox_sms WHERE id = " + id));
    }

    @Test
    void aClaimWhoseLeaseMayRunOutBeforeTheNextRenewalIsNotSent() {
        ClaimLeases leases = new ClaimLeases(database, Duration.ofSeconds(60));
        // claimed 50 s ago by this JVM's monotonic clock, with no renewal since: under a third of the lease left
        leases.claimed("tok-old", List.of(1L), System.nanoTime() - Duration.ofSeconds(50).toNanos());
        assertFalse(leases.safeToSend("tok-old"));
        leases.claimed("tok-new", List.of(2L), System.nanoTime());
        assertTrue(leases.safeToSend("tok-new"));
    }

    private static DeliveryReceipt receipt(String messageId, DeliveryReceipt.State state, Instant doneAt) {
        return new DeliveryReceipt(messageId, state, doneAt, state == DeliveryReceipt.State.DELIVERED ? "000" : "001");
    }

    /** A SENT message with one part of this SMSC id, submitted {@code ago} before the database's now. */
    private static long sentWithPart(String msisdn, String messageId, String ago) throws Exception {
        long id = outbox.enqueue(msisdn, "Betang pesan " + msisdn, "test");
        sql("UPDATE outbox_sms SET status = 'SENT', parts = 1, attempts = 1, sent_at = NOW(3) - " + ago
                + ", created_at = NOW(3) - " + ago + " WHERE id = " + id);
        sql("INSERT INTO outbox_sms_part (outbox_id, part_no, smsc_message_id, submitted_at) VALUES (" + id
                + ", 1, '" + messageId + "', NOW(3) - " + ago + ")");
        return id;
    }

    /** A row claimed under {@code token} whose lease ends {@code inFromNow} from the database's now. */
    private static long claimedRow(String token, String inFromNow) throws Exception {
        long id = outbox.enqueue("6281300000009", "Betang diklaim", "test");
        sql("UPDATE outbox_sms SET status = 'SENDING', claim_token = '" + token + "', claimed_by = 'gw-test', "
                + "next_attempt_at = NOW(3) + " + inFromNow + " WHERE id = " + id);
        return id;
    }

    private static String one(String query) throws Exception {
        try (Connection c = TestStorage.connect(url); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(query)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    private static void sql(String statement) throws Exception {
        TestStorage.execute(url, statement);
    }
}
