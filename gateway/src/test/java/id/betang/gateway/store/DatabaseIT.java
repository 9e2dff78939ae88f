package id.betang.gateway.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;

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
        List<String> applied = new ArrayList<>();
        try (Connection c = TestStorage.connect(url);
             ResultSet rs = c.createStatement().executeQuery(
                     "SELECT version, success FROM flyway_schema_history WHERE version IS NOT NULL AND type <> 'BASELINE' ORDER BY installed_rank")) {
            while (rs.next()) {
                assertTrue(rs.getBoolean("success"), "migration " + rs.getString("version"));
                applied.add(rs.getString("version"));
            }
        }
        List<String> shipped;
        try (var files = java.nio.file.Files.list(java.nio.file.Path.of("src/main/resources/db/migration"))) {
            shipped = files.map(f -> f.getFileName().toString()).filter(n -> n.matches("V\\d+__.*\\.sql"))
                    .map(n -> n.substring(1, n.indexOf("__"))).sorted(java.util.Comparator.comparingInt(Integer::parseInt))
                    .toList();
        }
        assertTrue(shipped.size() >= 6, "the migrations are found: " + shipped);
        assertEquals(shipped, applied, "each migration applied once, in order");
        try (Connection c = TestStorage.connect(url)) {
            DatabaseMetaData meta = c.getMetaData();
            try (ResultSet rs = meta.getColumns(null, null, "outbox_sms", "claim_token")) {
                assertTrue(rs.next(), "outbox_sms has its claim token");
            }
            try (ResultSet rs = meta.getTables(null, null, "outbox_sms_part", null)) {
                assertTrue(rs.next(), "outbox_sms_part exists");
            }
            try (ResultSet rs = meta.getColumns(null, null, "disclosure_audit", "nik_hash")) {
                assertTrue(rs.next(), "disclosure_audit keeps NIKs as hashes");
            }
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
        assertEquals("jdbc:mysql://h1:3306,h2:3306/db?connectTimeout=2000&socketTimeout=10000&failOverReadOnly=false",
                Database.withTimeouts("jdbc:mysql://h1:3306,h2:3306/db"), "every node of a cluster takes writes");
        assertEquals("jdbc:mysql:loadbalance://h1,h2/db?connectTimeout=2000&socketTimeout=10000&failOverReadOnly=false",
                Database.withTimeouts("jdbc:mysql:loadbalance://h1,h2/db"));
    }
}
