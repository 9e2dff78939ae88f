package id.betang.gateway.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import id.betang.gateway.config.GatewayConfig;
import id.betang.gateway.testing.TestStorage;

/** Flyway migrations against the real MariaDB/MySQL, checked with plain JDBC. */
class DatabaseIT {

    static String url;

    @BeforeAll
    static void createDatabase() {
        url = TestStorage.freshDatabase("database");
    }

    @AfterAll
    static void dropDatabase() {
        TestStorage.dropDatabase(url);
    }

    @Test
    void migratesOnOpenAndIsIdempotent() throws Exception {
        GatewayConfig.Mysql config = new GatewayConfig.Mysql(url, TestStorage.mysqlUser(), TestStorage.mysqlPassword());
        try (Database db = Database.open(config)) {
            assertTrue(db.ping());
        }
        try (Database again = Database.open(config)) {
            assertTrue(again.ping());
        }
        try (Connection c = TestStorage.connect(url);
             ResultSet rs = c.createStatement().executeQuery(
                     "SELECT version, success FROM flyway_schema_history WHERE version IS NOT NULL ORDER BY installed_rank")) {
            assertTrue(rs.next());
            assertEquals("1", rs.getString("version"));
            assertTrue(rs.getBoolean("success"));
            assertFalse(rs.next(), "each migration applied once");
        }
        try (Connection c = TestStorage.connect(url);
             ResultSet rs = c.getMetaData().getColumns(null, null, "outbox_sms", "smsc_message_id")) {
            assertTrue(rs.next(), "outbox_sms.smsc_message_id exists");
        }
    }

    @Test
    void pingIsFalseWhenTheServerCannotBeReached() {
        // a port nothing listens on: the connect timeout keeps this short
        GatewayConfig.Mysql config = new GatewayConfig.Mysql("jdbc:mysql://127.0.0.1:1/none", "root", "");
        org.junit.jupiter.api.Assertions.assertThrows(RuntimeException.class, () -> Database.open(config));
    }

    @Test
    void timeoutsAreAddedUnlessGiven() {
        assertEquals("jdbc:mysql://h/db?connectTimeout=2000&socketTimeout=10000", Database.withTimeouts("jdbc:mysql://h/db"));
        assertEquals("jdbc:mysql://h/db?useSSL=false&connectTimeout=500&socketTimeout=10000",
                Database.withTimeouts("jdbc:mysql://h/db?useSSL=false&connectTimeout=500"));
    }
}
