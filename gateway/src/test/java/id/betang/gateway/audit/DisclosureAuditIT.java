package id.betang.gateway.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.sql.Connection;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import id.betang.gateway.config.GatewayConfig;
import id.betang.gateway.store.Database;
import id.betang.gateway.testing.TestStorage;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

/** The access audit in the real MariaDB, checked through plain JDBC. */
class DisclosureAuditIT {

    static String url;
    static Database database;
    static Vertx vertx;

    @BeforeAll
    static void open() {
        url = TestStorage.freshDatabase("audit");
        database = Database.open(new GatewayConfig.Mysql(url, TestStorage.mysqlUser(), TestStorage.mysqlPassword()));
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void close() throws Exception {
        vertx.close().await(5, TimeUnit.SECONDS);
        database.close();
        TestStorage.dropDatabase(url);
    }

    static Disclosure row(int i) {
        return new Disclosure("%064d".formatted(i % 7), "62812000" + (10000 + i), i % 2 == 0 ? null : "PSKS-6271-017",
                "ussd-smpp", Disclosure.Subject.STATUS, Disclosure.Outcome.SHOWN);
    }

    @Test
    void manyConcurrentDisclosuresAreAllCommittedBeforeTheyAreAnswered() throws Exception {
        DisclosureAudit audit = new DisclosureAudit(vertx, database);
        List<Future<Void>> all = new ArrayList<>();
        for (int i = 0; i < 700; i++) {
            all.add(audit.record(row(i)));
        }
        Future.all(all).await(30, TimeUnit.SECONDS);
        try (Connection c = TestStorage.connect(url);
             ResultSet rs = c.createStatement().executeQuery(
                     "SELECT COUNT(*), COUNT(agent_id), COUNT(DISTINCT nik_hash) FROM disclosure_audit")) {
            rs.next();
            assertEquals(700, rs.getInt(1));
            assertEquals(350, rs.getInt(2));
            assertEquals(7, rs.getInt(3));
        }
        List<Disclosure> about = audit.about("%064d".formatted(3));
        assertEquals(100, about.size());
        assertEquals(row(3), about.get(0), "read back whole, oldest first");
    }

    @Test
    void withoutTheDatabaseTheDisclosureFailsInsteadOfGoingUnrecorded() throws Exception {
        String gone = TestStorage.freshDatabase("audit_gone");
        Database db = Database.open(new GatewayConfig.Mysql(gone, TestStorage.mysqlUser(), TestStorage.mysqlPassword()));
        try {
            TestStorage.dropDatabase(gone);
            DisclosureAudit audit = new DisclosureAudit(vertx, db);
            assertThrows(Exception.class, () -> audit.record(row(1)).await(10, TimeUnit.SECONDS));
        } finally {
            db.close();
        }
    }
}
