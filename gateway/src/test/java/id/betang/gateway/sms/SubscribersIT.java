package id.betang.gateway.sms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import org.apache.ibatis.session.SqlSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import id.betang.gateway.config.GatewayConfig;
import id.betang.gateway.identity.NikHash;
import id.betang.gateway.store.Database;
import id.betang.gateway.testing.TestStorage;

/** SMS preferences and reminder records against the real MariaDB, checked through plain JDBC. */
class SubscribersIT {

    static String url;
    static Database database;

    @BeforeAll
    static void open() {
        url = TestStorage.freshDatabase("subscribers");
        database = Database.open(new GatewayConfig.Mysql(url, TestStorage.mysqlUser(), TestStorage.mysqlPassword()));
    }

    @AfterAll
    static void close() {
        database.close();
        TestStorage.dropDatabase(url);
    }

    static String one(String sql) throws Exception {
        try (Connection c = TestStorage.connect(url); ResultSet rs = c.createStatement().executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    @Test
    void languageAndOptOutAreKeptPerPhone() throws Exception {
        Subscribers subscribers = new Subscribers(database);
        assertEquals(Optional.empty(), subscribers.lang("6281200000201"));
        assertFalse(subscribers.optedOut("6281200000201"), "an unknown phone has not opted out");
        subscribers.setLang("6281200000201", "en");
        subscribers.optOut("6281200000201", true);
        assertEquals("en", one("SELECT lang FROM sms_subscriber WHERE msisdn = '6281200000201'"));
        assertEquals("1", one("SELECT opted_out_at IS NOT NULL FROM sms_subscriber WHERE msisdn = '6281200000201'"));
        assertTrue(subscribers.optedOut("6281200000201"));
        subscribers.optOut("6281200000201", false);
        assertFalse(subscribers.optedOut("6281200000201"));
        assertEquals(Optional.of("en"), subscribers.lang("6281200000201"), "opting back in keeps the language");
    }

    /** A language is the menu's data: a three-letter code such as Bahasa Banjar's fits the phone and its reminders. */
    @Test
    void aLanguageCodeOfThreeLettersIsKept() throws Exception {
        Subscribers subscribers = new Subscribers(database);
        subscribers.setLang("6281200000211", "bjn");
        assertEquals(Optional.of("bjn"), subscribers.lang("6281200000211"));
        try (SqlSession session = database.sessions().openSession(true)) {
            ReminderMapper mapper = session.getMapper(ReminderMapper.class);
            mapper.upsert("6281200000211", HASH.of("6271031203900004"), new NikSeal(KEY).seal("6271031203900004"), "bjn");
            assertEquals("bjn", mapper.page(0, 10).stream().filter(r -> r.msisdn().equals("6281200000211"))
                    .findFirst().orElseThrow().lang());
        }
    }

    static final String KEY = "d4a8e1f07c3b925e6a1d0f48";
    static final NikHash HASH = new NikHash(KEY);

    @BeforeEach
    void noReminders() throws Exception {
        TestStorage.execute(url, "DELETE FROM reminder");
        TestStorage.execute(url, "DELETE FROM reminder_sent");
    }

    @Test
    void remindersArePagedInOrderAndEachIsSentOnce() throws Exception {
        NikSeal seal = new NikSeal(KEY);
        try (SqlSession session = database.sessions().openSession(true)) {
            ReminderMapper mapper = session.getMapper(ReminderMapper.class);
            mapper.upsert("6281200000302", HASH.of("6271031203900004"), seal.seal("6271031203900004"), "id");
            mapper.upsert("6281200000301", HASH.of("6271031203900004"), seal.seal("6271031203900004"), "id");
            mapper.upsert("6281200000301", HASH.of("6203014107850002"), seal.seal("6203014107850002"), "en");
            mapper.upsert("6281200000301", HASH.of("6203014107850002"), seal.seal("6203014107850002"), "id");
            List<ReminderMapper.Reminder> first = mapper.page(0, 2);
            assertEquals(List.of("6281200000302", "6281200000301"), first.stream().map(ReminderMapper.Reminder::msisdn).toList());
            assertEquals("6271031203900004", seal.open(first.get(1).nikSealed()));
            List<ReminderMapper.Reminder> second = mapper.page(first.get(1).id(), 2);
            assertEquals(1, second.size());
            assertEquals(HASH.of("6203014107850002"), second.get(0).nikHash());
            assertEquals("id", second.get(0).lang(), "a repeat changes the language, not the number of sign-ups");

            assertEquals(1, mapper.end(second.get(0).id(), Reminders.NOT_HOUSEHOLD));
            assertEquals(0, mapper.end(second.get(0).id(), Reminders.NOT_HOUSEHOLD), "ended once");
            assertEquals(List.of(), mapper.page(first.get(1).id(), 2), "an ended sign-up gets no more reminders");
            mapper.upsert("6281200000301", HASH.of("6203014107850002"), seal.seal("6203014107850002"), "id");
            assertEquals(1, mapper.page(first.get(1).id(), 2).size(), "signing up again starts it again");

            LocalDate day = LocalDate.of(2026, 12, 12);
            assertEquals(1, mapper.markSent("6281200000301", HASH.of("6203014107850002"), "PKH", day));
            assertEquals(0, mapper.markSent("6281200000301", HASH.of("6203014107850002"), "PKH", day));
            assertEquals(1, mapper.markSent("6281200000301", HASH.of("6203014107850002"), "BPNT", day));
        }
        assertEquals("3", one("SELECT COUNT(*) FROM reminder"));
        assertEquals("2", one("SELECT COUNT(*) FROM reminder_sent"));
        assertEquals("0", one("SELECT COUNT(*) FROM reminder WHERE nik IS NOT NULL OR nik_sealed LIKE '%6203%'"
                + " OR nik_hash LIKE '%6203014107850002%'"), "no NIK in clear");
    }

    @Test
    void signUpsFromBeforeAreSealedAndTheirSentRemindersRekeyed() throws Exception {
        TestStorage.execute(url, "INSERT INTO reminder (msisdn, nik, lang) VALUES ('6281200000401', '6213016607010004', 'id')");
        TestStorage.execute(url, "INSERT INTO reminder_sent (msisdn, nik_hash, program, on_date) VALUES "
                + "('6281200000401', '6213016607010004', 'BLT', CURDATE() + INTERVAL 1 DAY)");
        Reminders reminders = new Reminders(null, database, null, null, null, null, HASH, KEY,
                java.time.Clock.systemUTC(), 7, 20, null);

        assertEquals(1, reminders.sealOldSignUps());
        assertEquals(0, reminders.sealOldSignUps(), "once");
        assertEquals("0", one("SELECT COUNT(*) FROM reminder WHERE nik IS NOT NULL"));
        assertEquals(HASH.of("6213016607010004"),
                one("SELECT nik_hash FROM reminder WHERE msisdn = '6281200000401'"));
        assertEquals("6213016607010004",
                new NikSeal(KEY).open(one("SELECT nik_sealed FROM reminder WHERE msisdn = '6281200000401'")));
        assertEquals(HASH.of("6213016607010004"),
                one("SELECT nik_hash FROM reminder_sent WHERE msisdn = '6281200000401'"),
                "tomorrow's reminder, already sent, is not sent again");
    }

    @Test
    void aSealOpensOnlyWithItsSecretAndUnaltered() {
        NikSeal seal = new NikSeal(KEY);
        String sealed = seal.seal("6271031203900004");
        assertFalse(sealed.contains("6271031203900004"));
        assertTrue(!sealed.equals(seal.seal("6271031203900004")), "a fresh nonce each time");
        assertEquals("6271031203900004", seal.open(sealed));
        assertThrows(IllegalArgumentException.class, () -> new NikSeal("another secret of 24 chars").open(sealed));
        char[] altered = sealed.toCharArray();
        altered[20] = altered[20] == 'A' ? 'B' : 'A';
        assertThrows(IllegalArgumentException.class, () -> seal.open(new String(altered)));
    }
}
