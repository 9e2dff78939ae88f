package id.betang.gateway.sms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import org.apache.ibatis.session.SqlSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import id.betang.gateway.config.GatewayConfig;
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

    @Test
    void remindersArePagedInKeyOrderAndEachIsSentOnce() throws Exception {
        try (SqlSession session = database.sessions().openSession(true)) {
            ReminderMapper mapper = session.getMapper(ReminderMapper.class);
            mapper.upsert("6281200000302", "6271031203900004", "id");
            mapper.upsert("6281200000301", "6271031203900004", "id");
            mapper.upsert("6281200000301", "6203014107850002", "en");
            mapper.upsert("6281200000301", "6203014107850002", "id");
            List<ReminderMapper.Reminder> first = mapper.page("", "", 2);
            assertEquals(List.of(new ReminderMapper.Reminder("6281200000301", "6203014107850002", "id"),
                    new ReminderMapper.Reminder("6281200000301", "6271031203900004", "id")), first);
            assertEquals(List.of(new ReminderMapper.Reminder("6281200000302", "6271031203900004", "id")),
                    mapper.page("6281200000301", "6271031203900004", 2));
            LocalDate day = LocalDate.of(2026, 12, 12);
            assertEquals(1, mapper.markSent("6281200000301", "6203014107850002", "PKH", day));
            assertEquals(0, mapper.markSent("6281200000301", "6203014107850002", "PKH", day));
            assertEquals(1, mapper.markSent("6281200000301", "6203014107850002", "BPNT", day));
        }
        assertEquals("3", one("SELECT COUNT(*) FROM reminder"));
        assertEquals("2", one("SELECT COUNT(*) FROM reminder_sent"));
    }
}
