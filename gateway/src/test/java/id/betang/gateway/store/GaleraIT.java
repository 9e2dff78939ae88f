package id.betang.gateway.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import id.betang.gateway.complaint.Complaint;
import id.betang.gateway.complaint.ComplaintStore;
import id.betang.gateway.config.GatewayConfig;
import id.betang.gateway.outbox.Outbox;
import id.betang.gateway.testing.GaleraCluster;

/**
 * The gateway's store on a real three-node MariaDB Galera cluster: instances that start together on different
 * nodes migrate the schema once, and complaints filed through a multi-host URL while the node they are written
 * to is killed (-9) are all there afterwards, once each, each with its forward and its ticket SMS.
 */
class GaleraIT {

    private static final int WRITERS = 4;
    private static final int BEFORE_KILL = 120;
    private static final int AFTER_KILL = 120;

    static GaleraCluster cluster;

    @BeforeAll
    static void startCluster() throws Exception {
        cluster = GaleraCluster.start(3);
        cluster.execute(0, "CREATE DATABASE betang CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void migratesOnceThenKeepsEveryAcknowledgedComplaintWhenANodeIsKilled() throws Exception {
        // two instances on each node, all at once: Flyway's own lock is node-local here
        List<String> urls = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            urls.add(cluster.nodeUrl(i % 3, "betang"));
        }
        ClusterRulesIT.startTogether(urls);
        for (int node = 0; node < 3; node++) {
            ClusterRulesIT.assertMigratedOnce(cluster.nodeUrl(node, "betang"));
        }
        assertEquals(List.of(), ClusterRulesIT.tablesWithoutPrimaryKey(cluster.nodeUrl(1, "betang")));

        Map<String, String> acked = new ConcurrentHashMap<>(); // ticket -> body
        AtomicInteger failed = new AtomicInteger();
        List<String> reasons = java.util.Collections.synchronizedList(new ArrayList<>());
        try (Database db = Database.open(new GatewayConfig.Mysql(cluster.failoverUrl("betang"), "root", ""))) {
            ComplaintStore store = new ComplaintStore(db, new Outbox(db), 1_000_000);
            ExecutorService writers = Executors.newFixedThreadPool(WRITERS);
            AtomicInteger next = new AtomicInteger();
            long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
            java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
            for (int w = 0; w < WRITERS; w++) {
                int writer = w;
                writers.submit(() -> {
                    while (!stop.get() && System.nanoTime() < deadline) {
                        int n = next.incrementAndGet();
                        String body = "galera complaint " + n;
                        try {
                            // keyed as every production filing is (an SMS by its inbox row, USSD by its step):
                            // the unique key, not a read that a lagging node may answer stale, stops a second row
                            Complaint c = store.file(new ComplaintStore.Filing("OTHER", "SMS",
                                    "6281100" + writer + String.format("%05d", n), null, null, null, null, body)
                                    .keyedBy("mo:" + n), ticket -> "Tiket " + ticket);
                            acked.put(c.ticketId(), body);
                        } catch (RuntimeException e) {
                            failed.incrementAndGet(); // not acknowledged: the filer is told to try again
                            reasons.add(String.valueOf(rootCause(e)));
                        }
                    }
                });
            }
            awaitAcked(acked, BEFORE_KILL, deadline);
            // the failover URL writes to the first node: kill that one
            cluster.kill(0);
            int atKill = acked.size();
            awaitAcked(acked, atKill + AFTER_KILL, deadline);
            stop.set(true);
            writers.shutdown();
            assertTrue(writers.awaitTermination(2, TimeUnit.MINUTES));
        }
        assertTrue(acked.size() >= BEFORE_KILL + AFTER_KILL, "acked " + acked.size() + " within the time");

        for (int node = 1; node < 3; node++) {
            String url = cluster.nodeUrl(node, "betang");
            Map<String, String> stored = new java.util.HashMap<>();
            for (List<String> row : rows(url, "SELECT ticket_id, body FROM complaint")) {
                stored.put(row.get(0), row.get(1));
            }
            for (Map.Entry<String, String> a : acked.entrySet()) {
                assertEquals(a.getValue(), stored.get(a.getKey()), "acknowledged complaint " + a.getKey() + " on node " + node);
            }
            assertEquals(List.of(), rows(url, "SELECT body FROM complaint GROUP BY body HAVING COUNT(*) > 1"),
                    "no complaint filed twice");
            assertTrue(stored.size() <= acked.size() + failed.get(), "nothing filed that nobody asked for");
            assertEquals(List.of(), rows(url, "SELECT c.ticket_id FROM complaint c LEFT JOIN complaint_forward f"
                    + " ON f.ticket_id = c.ticket_id WHERE f.ticket_id IS NULL"), "each complaint is forwarded");
            assertEquals(List.of(List.of(String.valueOf(stored.size()), String.valueOf(stored.size()))),
                    rows(url, "SELECT COUNT(*), COUNT(DISTINCT body) FROM outbox_sms WHERE category = 'ticket'"),
                    "one ticket SMS per complaint");
        }
        System.out.printf("galera: acked=%d not_acked=%d lost=0 duplicate_complaints=0%n", acked.size(), failed.get());
        assertEquals(List.of(), reasons, "a node killed mid-write costs a retry, not a complaint");
    }

    private static Throwable rootCause(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t;
    }

    private static void awaitAcked(Map<String, String> acked, int count, long deadline) throws InterruptedException {
        while (acked.size() < count && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
    }

    private static List<List<String>> rows(String url, String sql) throws Exception {
        List<List<String>> out = new ArrayList<>();
        try (Connection c = java.sql.DriverManager.getConnection(url, "root", "");
             ResultSet rs = c.createStatement().executeQuery(sql)) {
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<String> row = new ArrayList<>();
                for (int i = 1; i <= columns; i++) {
                    row.add(rs.getString(i));
                }
                out.add(row);
            }
        }
        return out;
    }
}
