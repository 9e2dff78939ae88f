package id.betang.gateway.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.ibatis.exceptions.PersistenceException;
import org.apache.ibatis.session.SqlSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import id.betang.gateway.config.GatewayConfig;
import id.betang.gateway.testing.TestStorage;

/**
 * The one retry policy, against a real deadlock on the shared MariaDB: two transactions that update two rows in
 * opposite order. InnoDB rolls one back (1213); it runs again and both effects land once.
 */
class TransactionRetryIT {

    static String url;
    static Database db;

    @BeforeAll
    static void open() throws Exception {
        url = TestStorage.freshDatabase("retry");
        db = Database.open(new GatewayConfig.Mysql(url, TestStorage.mysqlUser(), TestStorage.mysqlPassword()));
        TestStorage.execute(url, "CREATE TABLE tally (id INT PRIMARY KEY, n INT NOT NULL) ENGINE = InnoDB");
        TestStorage.execute(url, "CREATE TABLE effect (unit VARCHAR(8) PRIMARY KEY) ENGINE = InnoDB");
    }

    @AfterAll
    static void close() {
        if (db != null) {
            db.close();
        }
        TestStorage.dropDatabase(url);
    }

    @Test
    void aDeadlockedTransactionRunsAgainAndBothTakeEffectOnce() throws Exception {
        TestStorage.execute(url, "DELETE FROM tally");
        TestStorage.execute(url, "DELETE FROM effect");
        TestStorage.execute(url, "INSERT INTO tally VALUES (1, 0), (2, 0)");
        CyclicBarrier bothHoldTheirFirstRow = new CyclicBarrier(2);
        AtomicInteger attempts = new AtomicInteger();
        ExecutorService two = Executors.newFixedThreadPool(2);
        try {
            Future<?> a = two.submit(() -> db.inTransaction(s -> unit(s, "a", 1, 2, attempts, bothHoldTheirFirstRow)));
            Future<?> b = two.submit(() -> db.inTransaction(s -> unit(s, "b", 2, 1, attempts, bothHoldTheirFirstRow)));
            a.get(60, TimeUnit.SECONDS);
            b.get(60, TimeUnit.SECONDS);
        } finally {
            two.shutdownNow();
        }
        assertEquals(3, attempts.get(), "one of the two was the deadlock's victim and ran once more");
        assertEquals(List.of("1=2", "2=2"), rows("SELECT CONCAT(id, '=', n) FROM tally ORDER BY id"),
                "each unit added one to each row, once");
        assertEquals(List.of("a", "b"), rows("SELECT unit FROM effect ORDER BY unit"));
    }

    @Test
    void aFailureThatARetryCannotMendIsThrownAtOnce() {
        AtomicInteger attempts = new AtomicInteger();
        assertThrows(PersistenceException.class, () -> db.inTransaction(s -> {
            attempts.incrementAndGet();
            s.update("id.betang.gateway.store.TransactionRetryIT.none"); // no such statement: not transient
            return null;
        }));
        assertEquals(1, attempts.get());
    }

    /** Adds one to two rows in the given order; on its first run waits until the other holds its first row. */
    private static Void unit(SqlSession s, String name, int first, int second, AtomicInteger attempts,
                             CyclicBarrier barrier) {
        boolean firstRun = attempts.incrementAndGet() <= 2;
        try {
            Connection c = s.getConnection();
            c.createStatement().executeUpdate("UPDATE tally SET n = n + 1 WHERE id = " + first);
            if (firstRun) {
                barrier.await(30, TimeUnit.SECONDS);
            }
            c.createStatement().executeUpdate("UPDATE tally SET n = n + 1 WHERE id = " + second);
            c.createStatement().executeUpdate("INSERT INTO effect VALUES ('" + name + "')");
        } catch (java.sql.SQLException e) {
            throw new PersistenceException(e);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return null;
    }

    private static List<String> rows(String sql) throws Exception {
        List<String> out = new ArrayList<>();
        try (Connection c = TestStorage.connect(url); ResultSet rs = c.createStatement().executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }
}
