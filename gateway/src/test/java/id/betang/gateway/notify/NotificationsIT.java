package id.betang.gateway.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.ibatis.exceptions.PersistenceException;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import id.betang.gateway.config.GatewayConfig;
import id.betang.gateway.outbox.Outbox;
import id.betang.gateway.store.Database;
import id.betang.gateway.testing.TestStorage;

/** The notifications store against the real MariaDB: retries that never queue an SMS twice. */
class NotificationsIT {

    static String url;
    static Database database;

    @BeforeAll
    static void open() {
        url = TestStorage.freshDatabase("notifications");
        database = Database.open(new GatewayConfig.Mysql(url, TestStorage.mysqlUser(), TestStorage.mysqlPassword()));
    }

    @AfterAll
    static void close() {
        database.close();
        TestStorage.dropDatabase(url);
    }

    static int rows(String msisdn) throws Exception {
        try (Connection c = TestStorage.connect(url);
             PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM outbox_sms WHERE msisdn = ?")) {
            s.setString(1, msisdn);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    static String ids(List<Notifications.Outcome> outcomes) {
        return outcomes.stream().map(o -> o.status() + ":" + o.id()).toList().toString();
    }

    @Test
    void aBatchIsOneInsertWithItsIdsInOrder() throws Exception {
        List<Notifications.Item> items = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            items.add(new Notifications.Item("6281200004001", "Info " + i, "notify-info", false, null));
        }
        List<Long> seen = new ArrayList<>();
        new Notifications(database, new Outbox(database)).queue("caller-a", null, "sha", items, outcomes -> {
            outcomes.forEach(o -> seen.add(o.id()));
            return "";
        });
        assertEquals(300, rows("6281200004001"));
        for (int i = 1; i < seen.size(); i++) {
            assertTrue(seen.get(i) > seen.get(i - 1), "ids follow the items: " + seen);
        }
        try (Connection c = TestStorage.connect(url);
             PreparedStatement s = c.prepareStatement("SELECT body FROM outbox_sms WHERE id = ?")) {
            s.setLong(1, seen.get(299));
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                assertEquals("Info 299", rs.getString(1), "each id names its own item");
            }
        }
    }

    /** Ten instances at once with one key (a client retrying through a load balancer): one queues, all answer alike. */
    @Test
    void concurrentRequestsWithOneKeyQueueOnceAcrossInstances() throws Exception {
        List<Notifications.Item> items = List.of(
                new Notifications.Item("6281200004002", "Penyaluran besok", "notify-service", false, null));
        ExecutorService pool = Executors.newFixedThreadPool(10);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Notifications.Answer>> answers = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                Notifications instance = new Notifications(database, new Outbox(database));
                answers.add(pool.submit(() -> {
                    go.await();
                    return instance.queue("caller-a", "key-4002", "sha-1", items, NotificationsIT::ids);
                }));
            }
            go.countDown();
            String first = null;
            int fresh = 0;
            for (Future<Notifications.Answer> a : answers) {
                Notifications.Answer.Given given = assertInstanceOf(Notifications.Answer.Given.class,
                        a.get(2, TimeUnit.MINUTES));
                fresh += given.replayed() ? 0 : 1;
                first = first == null ? given.body() : first;
                assertEquals(first, given.body(), "every one gets the first answer");
            }
            assertEquals(1, fresh);
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, rows("6281200004002"));
        // after a restart (a new instance) the key still holds; another body under it is refused
        Notifications restarted = new Notifications(database, new Outbox(database));
        assertInstanceOf(Notifications.Answer.Given.class,
                restarted.queue("caller-a", "key-4002", "sha-1", items, NotificationsIT::ids));
        assertInstanceOf(Notifications.Answer.KeyReused.class,
                restarted.queue("caller-a", "key-4002", "sha-2", items, NotificationsIT::ids));
        assertEquals(1, rows("6281200004002"));
        // keys belong to their caller
        restarted.queue("caller-b", "key-4002", "sha-2", items, NotificationsIT::ids);
        assertEquals(2, rows("6281200004002"));
    }

    @Test
    void aKeyOlderThanADayIsForgotten() throws Exception {
        List<Notifications.Item> items = List.of(
                new Notifications.Item("6281200004003", "Jadwal", "notify-service", false, null));
        Notifications n = new Notifications(database, new Outbox(database));
        n.queue("caller-a", "key-4003", "sha-1", items, NotificationsIT::ids);
        try (Connection c = TestStorage.connect(url)) {
            c.createStatement().executeUpdate("UPDATE api_idempotency SET created_at = NOW(3) - INTERVAL 25 HOUR "
                    + "WHERE idempotency_key = 'key-4003'");
        }
        Notifications.Answer.Given again = assertInstanceOf(Notifications.Answer.Given.class,
                n.queue("caller-a", "key-4003", "sha-2", items, NotificationsIT::ids));
        assertTrue(!again.replayed());
        assertEquals(2, rows("6281200004003"));
    }

    @Test
    void concurrentRequestsWithOneRefQueueItOnce() throws Exception {
        List<Notifications.Item> items = List.of(
                new Notifications.Item("6281200004004", "Posyandu", "notify-service", false, "ref-4004"));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Notifications.Answer>> answers = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                Notifications instance = new Notifications(database, new Outbox(database));
                answers.add(pool.submit(() -> {
                    go.await();
                    return instance.queue("caller-a", null, "sha", items, NotificationsIT::ids);
                }));
            }
            go.countDown();
            for (Future<Notifications.Answer> a : answers) {
                assertInstanceOf(Notifications.Answer.Given.class, a.get(2, TimeUnit.MINUTES));
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, rows("6281200004004"));
    }

    /**
     * One transaction: an item the database refuses (a number too long for its column, under the server's
     * strict mode) takes the whole batch with it, the key included, so the client's retry is a fresh request.
     */
    @Test
    void aBatchTheStoreRefusesQueuesNothingNotEvenItsKey() throws Exception {
        List<Notifications.Item> items = new ArrayList<>();
        for (int i = 0; i < 499; i++) {
            items.add(new Notifications.Item("6281200004005", "Info " + i, "notify-info", false, "r4005-" + i));
        }
        items.add(new Notifications.Item("62812000040050000000", "Info", "notify-info", false, null));
        AtomicInteger wakes = new AtomicInteger();
        Notifications n = new Notifications(database, new Outbox(database, wakes::incrementAndGet));
        assertThrows(PersistenceException.class, () -> n.queue("caller-a", "key-4005", "sha-1", items, NotificationsIT::ids));
        assertEquals(0, rows("6281200004005"), "nothing of the batch is queued");
        assertEquals(0, wakes.get(), "the sender is not woken for nothing");

        List<Notifications.Item> fixed = new ArrayList<>(items.subList(0, 499));
        Notifications.Answer.Given given = assertInstanceOf(Notifications.Answer.Given.class,
                n.queue("caller-a", "key-4005", "sha-2", fixed, NotificationsIT::ids));
        assertTrue(!given.replayed(), "the failed request left neither its key nor its refs behind");
        assertTrue(given.body().startsWith("[QUEUED:"), given.body());
        assertEquals(499, rows("6281200004005"));
    }

    /** New rows go out without waiting for the sender's poll: one wake-up per committed batch, not per SMS. */
    @Test
    void aCommittedBatchWakesTheSenderOnce() throws Exception {
        AtomicInteger wakes = new AtomicInteger();
        Notifications n = new Notifications(database, new Outbox(database, wakes::incrementAndGet));
        List<Notifications.Item> items = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            items.add(new Notifications.Item("6281200004006", "Info " + i, "notify-info", false, null));
        }
        n.queue("caller-a", null, "sha", items, NotificationsIT::ids);
        assertEquals(500, rows("6281200004006"));
        assertEquals(1, wakes.get());
        n.queue("caller-a", null, "sha", List.of(new Notifications.Item("6281200004007", "x", "notify-info", true, null)),
                NotificationsIT::ids);
        assertEquals(1, wakes.get(), "a batch with nothing to send wakes nobody");
    }

    @Test
    void optOutsOfABatchAreReadInOneGo() throws Exception {
        try (Connection c = TestStorage.connect(url)) {
            c.createStatement().executeUpdate("INSERT INTO sms_subscriber (msisdn, lang, opted_out_at) VALUES "
                    + "('6281200004008', NULL, NOW(3)), ('6281200004009', 'en', NULL)");
        }
        Notifications n = new Notifications(database, new Outbox(database));
        assertEquals(Set.of("6281200004008"), n.optedOut(Set.of("6281200004008", "6281200004009", "6281200004010")));
        assertEquals(Set.of(), n.optedOut(Set.of()));
    }
}
