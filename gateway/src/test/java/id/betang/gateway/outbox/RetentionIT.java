package id.betang.gateway.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.StringJoiner;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import id.betang.gateway.config.GatewayConfig;
import id.betang.gateway.store.Database;
import id.betang.gateway.testing.TestStorage;

/**
 * The retention job against the real MariaDB: rows are dated back with SQL, never by waiting, and the
 * database's clock decides what is past the 30 days.
 */
class RetentionIT {

    private static String url;
    private static Database database;
    private static Outbox outbox;
    private Retention retention;

    @BeforeAll
    static void open() {
        url = TestStorage.freshDatabase("retention");
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
        sql("DELETE FROM reminder_sent");
        retention = new Retention(null, database, Duration.ofDays(30));
    }

    @Test
    void anOldMessageLosesItsBodyAndPartsButKeepsItsStatus() throws Exception {
        long old = delivered("6281300000001", "INTERVAL 31 DAY");
        long recent = delivered("6281300000002", "INTERVAL 29 DAY");

        Retention.Purged purged = retention.purge();

        assertEquals(1, purged.bodies());
        assertEquals(1, purged.parts());
        assertEquals("", one("SELECT body FROM outbox_sms WHERE id = " + old));
        assertEquals("0", one("SELECT COUNT(*) FROM outbox_sms_part WHERE outbox_id = " + old));
        OutboxStatus status = outbox.status(old).orElseThrow();
        assertEquals("DELIVERED", status.status(), "the notifications API still answers for it");
        assertEquals("6281300000001", status.msisdn());
        assertEquals("Betang pesan 6281300000002", one("SELECT body FROM outbox_sms WHERE id = " + recent));
        assertEquals("1", one("SELECT COUNT(*) FROM outbox_sms_part WHERE outbox_id = " + recent));
    }

    @Test
    void aMessageStillWaitingToBeSentKeepsItsBody() throws Exception {
        long queued = outbox.enqueue("6281300000003", "Betang menunggu", "test");
        sql("UPDATE outbox_sms SET created_at = NOW(3) - INTERVAL 40 DAY WHERE id = " + queued);

        assertEquals(0, retention.purge().bodies());
        assertEquals("Betang menunggu", one("SELECT body FROM outbox_sms WHERE id = " + queued));
    }

    @Test
    void oldUnmatchedReceiptsAndEndedRemindersAreDeleted() throws Exception {
        sql("INSERT INTO sms_receipt_unmatched (smsc_message_id, state, done_at, received_at) VALUES "
                + "('old', 'DELIVRD', NOW(3), NOW(3) - INTERVAL 31 DAY), ('new', 'DELIVRD', NOW(3), NOW(3))");
        sql("INSERT INTO reminder_sent (msisdn, nik_hash, program, on_date) VALUES "
                + "('6281300000004', '6271031203900004', 'PKH', CURDATE() - INTERVAL 31 DAY), "
                + "('6281300000004', '6271031203900004', 'PKH', CURDATE() + INTERVAL 1 DAY)");

        Retention.Purged purged = retention.purge();

        assertEquals(1, purged.unmatchedReceipts());
        assertEquals(1, purged.endedReminders());
        assertEquals("new", one("SELECT smsc_message_id FROM sms_receipt_unmatched"));
        assertEquals("1", one("SELECT COUNT(*) FROM reminder_sent WHERE on_date > CURDATE()"),
                "tomorrow's reminder is still needed so it goes out once");
        assertEquals("1", one("SELECT COUNT(*) FROM reminder_sent"));
    }

    @Test
    void manyRowsArePurgedInBatchesAndAgainPurgeNothing() throws Exception {
        int rows = Retention.BATCH * 2 + 500;
        StringJoiner values = new StringJoiner(",");
        for (int i = 0; i < rows; i++) {
            values.add("('62813" + String.format("%08d", i) + "', 'Betang pesan', 'test', 'SENT', NOW(3) - INTERVAL 45 DAY)");
        }
        sql("INSERT INTO outbox_sms (msisdn, body, category, status, created_at) VALUES " + values);

        assertEquals(rows, retention.purge().bodies());
        assertEquals("0", one("SELECT COUNT(*) FROM outbox_sms WHERE body <> ''"));
        assertEquals(String.valueOf(rows), one("SELECT COUNT(*) FROM outbox_sms"), "rows stay, bodies go");

        assertEquals(new Retention.Purged(0, 0, 0, 0), retention.purge(), "a second pass (or instance) finds nothing");
    }

    @Test
    void aLaterPassPurgesWhatAgedSinceTheFirst() throws Exception {
        retention.purge();
        long aged = delivered("6281300000005", "INTERVAL 721 HOUR");

        assertEquals(1, retention.purge().bodies());
        assertEquals("", one("SELECT body FROM outbox_sms WHERE id = " + aged));
    }

    /** A delivered one-part message, created and sent {@code ago}. */
    private static long delivered(String msisdn, String ago) throws Exception {
        long id = outbox.enqueue(msisdn, "Betang pesan " + msisdn, "test");
        sql("UPDATE outbox_sms SET status = 'DELIVERED', parts = 1, attempts = 1, sent_at = NOW(3) - " + ago
                + ", receipt_at = NOW(3) - " + ago + ", created_at = NOW(3) - " + ago + " WHERE id = " + id);
        sql("INSERT INTO outbox_sms_part (outbox_id, part_no, smsc_message_id, submitted_at, receipt_state) VALUES ("
                + id + ", 1, 'm" + id + "', NOW(3) - " + ago + ", 'DELIVERED')");
        return id;
    }

    private static String one(String query) throws Exception {
        try (Connection c = TestStorage.connect(url); Statement s = c.createStatement();
             ResultSet r = s.executeQuery(query)) {
            return r.next() ? r.getString(1) : null;
        }
    }

    private static void sql(String statement) throws Exception {
        TestStorage.execute(url, statement);
    }
}
