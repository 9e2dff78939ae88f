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
    @Test
    void theTransactionStateFlagIsAddedUnlessGiven() {
        assertEquals("jdbc:mysql://h/db?useLocalTransactionState=true", Database.withLocalTransactionState("jdbc:mysql://h/db"));
        assertEquals("jdbc:mysql://h/db?a=1&useLocalTransactionState=true", Database.withLocalTransactionState("jdbc:mysql://h/db?a=1"));
        assertEquals("jdbc:mysql://h/db?useLocalTransactionState=false",
                Database.withLocalTransactionState("jdbc:mysql://h/db?useLocalTransactionState=false"));
    }

    /**
     * Transactions one after another on the pooled connection send no SET autocommit between them, and what a
     * failed unit wrote past MyBatis (raw JDBC on the session's connection) is rolled back, not committed by a
     * mode switch nor left for the next session.
     */
    @Test
    void transactionsInARowSetNoModeAndAFailedUnitLeavesNothing() throws Exception {
        GatewayConfig.Mysql config = new GatewayConfig.Mysql(url, TestStorage.mysqlUser(), TestStorage.mysqlPassword());
        try (Database db = Database.open(config)) {
            db.autocommit(session -> execute(session, "CREATE TABLE IF NOT EXISTS mode_probe (v INT)"));
            long first = db.inTransaction(session -> setStatements(session));
            long second = db.inTransaction(session -> setStatements(session));
            assertEquals(first, second, "the second transaction found its connection in the mode it needs");

            org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class, () -> db.inTransaction(session -> {
                execute(session, "INSERT INTO mode_probe VALUES (1)");
                throw new IllegalStateException("the unit failed after its raw write");
            }));
            assertEquals(0L, (long) db.autocommit(session -> count(session)), "rolled back");
            db.inTransaction(session -> execute(session, "INSERT INTO mode_probe VALUES (2)"));
            assertEquals(1L, (long) db.autocommit(session -> count(session)), "a commit still commits");
        }
    }

    private static Long setStatements(org.apache.ibatis.session.SqlSession session) {
        try (ResultSet rs = session.getConnection().createStatement()
                .executeQuery("SHOW SESSION STATUS LIKE 'Com_set_option'")) {
            rs.next();
            return rs.getLong(2);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Long count(org.apache.ibatis.session.SqlSession session) {
        try (ResultSet rs = session.getConnection().createStatement().executeQuery("SELECT COUNT(*) FROM mode_probe")) {
            rs.next();
            return rs.getLong(1);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Void execute(org.apache.ibatis.session.SqlSession session, String sql) {
        try (var s = session.getConnection().createStatement()) {
            s.execute(sql);
            return null;
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
