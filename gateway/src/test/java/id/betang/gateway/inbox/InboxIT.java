package id.betang.gateway.inbox;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.jsmpp.bean.DeliverSm;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import id.betang.gateway.complaint.ComplaintStore;
import id.betang.gateway.config.GatewayConfig;
import id.betang.gateway.outbox.Outbox;
import id.betang.gateway.smpp.DeliverSmRouter;
import id.betang.gateway.smpp.GsmCodec;
import id.betang.gateway.smpp.MoDeferredException;
import id.betang.gateway.smpp.MoSms;
import id.betang.gateway.smpp.SmsCodec;
import id.betang.gateway.store.Database;
import id.betang.gateway.testing.TestStorage;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;

/**
 * The durable MO inbox against the real MariaDB: a deliver_sm returns (and so is answered) only once its row
 * is committed, by group commit; a store that cannot commit defers the MO; redeliveries insert nothing; the
 * workers of several instances process each message once, take over a dead instance's claims, and join long
 * SMS from durable parts.
 */
class InboxIT {

    /** The reassembly timeout under test: short, so that waiting it out keeps the test quick. */
    static final Duration TIMEOUT = Duration.ofMillis(400);
    /** How long a test waits for what must happen: generous, a busy machine may run timers late. */
    static final Duration WAIT = Duration.ofSeconds(30);
    static final String RESIDENT = "6281234567890";
    /** The duplicate window: how long a long SMS part (or a deferred SMS) recognises its copy. */
    static final Duration WINDOW = Duration.ofSeconds(60);

    static String url;
    static Database database;
    static Vertx vertx;

    final SimpleMeterRegistry metrics = new SimpleMeterRegistry();
    final List<Handled> handled = new CopyOnWriteArrayList<>();
    final List<Runnable> stops = new ArrayList<>();

    record Handled(long inboxId, MoSms sms) {
    }

    @BeforeAll
    static void open() {
        url = TestStorage.freshDatabase("inbox");
        database = Database.open(new GatewayConfig.Mysql(url, TestStorage.mysqlUser(), TestStorage.mysqlPassword()));
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void close() {
        database.close();
        vertx.close().await();
        TestStorage.dropDatabase(url);
    }

    @BeforeEach
    void empty() throws Exception {
        sql("DELETE FROM sms_inbox");
    }

    @AfterEach
    void stopAll() {
        stops.forEach(Runnable::run);
    }

    // --- intake -------------------------------------------------------------------------------------------

    @Test
    void aDeliverSmReturnsOnlyOnceItsRowIsStored() throws Exception {
        DeliverSmRouter router = router(writer(database)); // no worker: nothing processes the row

        router.onDeliverSm(null, sms(RESIDENT, "ADUAN bantuan belum diterima", 7));

        assertEquals(List.of(RESIDENT, "7777", "ADUAN bantuan belum diterima", "NEW"),
                TestStorage.row(url, "SELECT msisdn, destination, body, state FROM sms_inbox WHERE msisdn = ?", RESIDENT),
                "stored, decoded, before the response went");
    }

    @Test
    void concurrentMoShareOneCommit() throws Exception {
        InboxWriter writer = new InboxWriter(database, metrics, () -> { }, WINDOW, Duration.ofSeconds(60));
        writer.start();
        stops.add(writer::stop);
        ExecutorService jsmppThreads = Executors.newFixedThreadPool(22);
        try (Connection first = TestStorage.connect(url); Connection second = TestStorage.connect(url)) {
            // both committers' commits wait behind a row lock, as behind a slow fsync; meanwhile twenty more MO come
            List<Future<?>> stored = new ArrayList<>();
            for (Connection blocker : List.of(first, second)) {
                String fingerprint = blocker == first ? "f0" : "g0";
                blocker.setAutoCommit(false);
                try (Statement s = blocker.createStatement()) {
                    s.execute("INSERT INTO sms_inbox (fingerprint, msisdn, destination, body) VALUES ('" + fingerprint
                            + "', '1', '7777', 'x')");
                }
                stored.add(jsmppThreads.submit(() -> store(writer, part(RESIDENT, "ADUAN", null), fingerprint)));
                int waitingCommits = stored.size(); // one at a time, so each committer takes one
                await().atMost(WAIT).until(() -> count("SELECT COUNT(*) FROM information_schema.PROCESSLIST WHERE "
                        + "(INFO LIKE 'INSERT INTO sms_inbox%' OR INFO LIKE 'UPDATE sms_inbox%') AND DB = DATABASE()")
                        == waitingCommits);
            }
            for (int i = 1; i <= 20; i++) {
                String fingerprint = "f" + i;
                stored.add(jsmppThreads.submit(() -> store(writer, part(RESIDENT, "ADUAN " + fingerprint, null),
                        fingerprint)));
            }
            await().atMost(WAIT).until(() -> writer.waitingParts() == 20);
            first.rollback();
            second.rollback();
            for (Future<?> f : stored) {
                f.get(WAIT.toSeconds(), TimeUnit.SECONDS);
            }
        } finally {
            jsmppThreads.shutdown();
        }
        assertEquals(22, count("SELECT COUNT(*) FROM sms_inbox"));
        assertEquals(3.0, metrics.counter("betang_inbox_commits").count(), "the twenty waiting went in one commit");
        assertEquals(22.0, metrics.counter("betang_inbox_rows").count());
    }

    @Test
    void aRedeliveredPduIsStoredOnceAndStillAnsweredOk() throws Exception {
        DeliverSmRouter router = router(writer(database));
        router.onDeliverSm(null, sms(RESIDENT, "ADUAN dobel", 10));
        router.onDeliverSm(null, sms(RESIDENT, "ADUAN dobel", 11)); // the SMSC missed our response: new sequence

        assertEquals(1, count("SELECT COUNT(*) FROM sms_inbox"));
        startWorker(database);
        await().atMost(WAIT).until(() -> count("SELECT COUNT(*) FROM sms_inbox WHERE state = 'DONE'") == 1);
        assertEquals(1, handled.size(), "processed once");
    }

    @Test
    void anSmsStoredAfterItsDeliverSmWasDeferredIsNotProcessedAgainWhenTheSmscResendsIt() throws Exception {
        InboxWriter slow = new InboxWriter(database, metrics, () -> { }, WINDOW, Duration.ofMillis(300));
        slow.start();
        stops.add(slow::stop);
        try (Connection blocker = TestStorage.connect(url); Statement s = blocker.createStatement()) {
            // the commit takes longer than the bound (here: behind a row lock)
            blocker.setAutoCommit(false);
            s.execute("INSERT INTO sms_inbox (fingerprint, msisdn, destination, body) VALUES ('late', '1', '7777', 'x')");
            assertThrows(MoDeferredException.class, () -> slow.store(part(RESIDENT, "ADUAN terlambat", null), "late"),
                    "answered ESME_RX_T_APPN");
            blocker.rollback(); // and then the commit goes through after all
        }
        await().atMost(WAIT).until(() -> count("SELECT COUNT(*) FROM sms_inbox WHERE deferred = 1") == 1);
        startWorker(database);
        await().atMost(WAIT).until(() -> count("SELECT COUNT(*) FROM sms_inbox WHERE state = 'DONE'") == 1);

        slow.store(part(RESIDENT, "ADUAN terlambat", null), "late"); // the SMSC's retry of what it was told to retry

        assertEquals(1, count("SELECT COUNT(*) FROM sms_inbox"));
        assertEquals(1, handled.size(), "processed once");
    }

    @Test
    void theSameTextAgainAfterItsAnswerIsANewMessage() throws Exception {
        DeliverSmRouter router = router(writer(database));
        startWorker(database);
        router.onDeliverSm(null, sms(RESIDENT, "ADUAN lagi", 20));
        await().atMost(WAIT).until(() -> count("SELECT COUNT(*) FROM sms_inbox WHERE state = 'DONE' AND done_at < "
                + "NOW(3) - INTERVAL " + InboxWriter.ANSWER_GRACE_MS + " * 1000 MICROSECOND") == 1);

        router.onDeliverSm(null, sms(RESIDENT, "ADUAN lagi", 21)); // typed again after reading the answer

        await().atMost(WAIT).until(() -> handled.size() == 2);
        assertEquals(List.of("ADUAN lagi", "ADUAN lagi"), handled.stream().map(h -> h.sms().text()).toList());
    }

    @Test
    void mysqlUnreachableDefersTheMoAndItsRetryIsStored() throws Exception {
        try (CuttableProxy proxy = new CuttableProxy(mysqlPort())) {
            Database viaProxy = Database.open(new GatewayConfig.Mysql(viaPort(url, proxy.port()), TestStorage.mysqlUser(),
                    TestStorage.mysqlPassword()));
            try {
                DeliverSmRouter router = router(writer(viaProxy));
                proxy.cut();

                assertThrows(MoDeferredException.class, () -> router.onDeliverSm(null, sms(RESIDENT, "ADUAN tunda", 30)),
                        "answered ESME_RX_T_APPN: the SMSC keeps it and retries");
                assertEquals(1.0, metrics.counter("betang_mo_deferred").count());
                assertEquals(0, count("SELECT COUNT(*) FROM sms_inbox"));

                proxy.restore();
                // the SMSC retries until answered OK (the pool may first find its dropped connections)
                await().atMost(WAIT).until(() -> {
                    try {
                        router.onDeliverSm(null, sms(RESIDENT, "ADUAN tunda", 31));
                        return true;
                    } catch (MoDeferredException e) {
                        return false;
                    }
                });
                assertEquals(1, count("SELECT COUNT(*) FROM sms_inbox WHERE body = 'ADUAN tunda'"), "nothing lost");
            } finally {
                viaProxy.close();
            }
        }
    }

    // --- processing -------------------------------------------------------------------------------------------

    @Test
    void aLapsedClaimIsTakenOverAndItsComplaintFiledOnce() throws Exception {
        String phone = "6281399990001";
        InboxWriter writer = writer(database);
        writer.store(part(phone, "ADUAN bantuan belum cair", null), "crash-1");
        long id = count("SELECT id FROM sms_inbox WHERE msisdn = '" + phone + "'");
        ComplaintStore complaints = new ComplaintStore(database, new Outbox(database), 100);
        // instance A claimed the row, filed its complaint and died before marking the row done
        sql("UPDATE sms_inbox SET state = 'CLAIMED', claim_token = 'dead', claimed_by = 'gw-a', attempts = 1, "
                + "lease_until = NOW(3) - INTERVAL 1 SECOND WHERE id = " + id);
        complaints.fileWithinLimit(filing(phone, "ADUAN bantuan belum cair", "mo:" + id), t -> "Tiket " + t);

        InboxWorker b = new InboxWorker(vertx, database, (inboxId, sms) -> vertx.executeBlocking(() -> {
            handled.add(new Handled(inboxId, sms));
            return complaints.fileWithinLimit(filing(sms.msisdn(), sms.text(), "mo:" + inboxId), t -> "Tiket " + t);
        }).mapEmpty(), settings());
        b.start();
        stops.add(b::stop);

        await().atMost(WAIT).until(() -> count("SELECT COUNT(*) FROM sms_inbox WHERE state = 'DONE'") == 1);
        assertEquals(List.of(id), handled.stream().map(Handled::inboxId).toList(), "instance B took it over");
        assertEquals(1, count("SELECT COUNT(*) FROM complaint WHERE msisdn = '" + phone + "'"), "filed once");
        assertEquals(1, count("SELECT COUNT(*) FROM outbox_sms WHERE msisdn = '" + phone + "'"), "one ticket SMS");
    }

    @Test
    void aMessageWhoseHandlerFailedIsTriedAgainSoonUnderItsClaimNotAfterTheLease() throws Exception {
        String phone = "6281399990002";
        writer(database).store(part(phone, "ADUAN air bersih", null), "retry-1");
        AtomicInteger tries = new AtomicInteger();
        // a lease far longer than the wait: only the worker's own retry can get the message done in time
        InboxWorker worker = new InboxWorker(vertx, database, (id, sms) -> {
            handled.add(new Handled(id, sms));
            return tries.incrementAndGet() == 1
                    ? io.vertx.core.Future.failedFuture(new IllegalStateException("MySQL went away mid-message"))
                    : io.vertx.core.Future.succeededFuture();
        }, new InboxWorker.Settings(Duration.ofSeconds(300), Duration.ofMillis(100), TIMEOUT, 16));
        worker.start();
        stops.add(0, worker::stop);

        await().atMost(WAIT).until(() -> count("SELECT COUNT(*) FROM sms_inbox WHERE state = 'DONE'") == 1);
        assertEquals(2, handled.size(), "failed once, then done by the same claim");
        assertEquals(1, count("SELECT attempts FROM sms_inbox WHERE msisdn = '" + phone + "'"),
                "one claim: the retry did not wait for the lease to lapse and be claimed anew");
    }

    @Test
    void aRetryWhoseClaimWasLostMeanwhileIsDropped() throws Exception {
        String phone = "6281399990003";
        writer(database).store(part(phone, "ADUAN jalan rusak", null), "retry-2");
        CountDownLatch failed = new CountDownLatch(1);
        InboxWorker worker = new InboxWorker(vertx, database, (id, sms) -> {
            handled.add(new Handled(id, sms));
            failed.countDown();
            return io.vertx.core.Future.failedFuture(new IllegalStateException("Redis went away mid-message"));
        }, new InboxWorker.Settings(Duration.ofSeconds(300), Duration.ofMillis(100), TIMEOUT, 16));
        worker.start();
        stops.add(0, worker::stop);

        assertTrue(failed.await(WAIT.toSeconds(), TimeUnit.SECONDS));
        // its lease lapsed during a long outage and another instance claimed the row before the retry came
        sql("UPDATE sms_inbox SET claim_token = 'other', claimed_by = 'gw-b' WHERE msisdn = '" + phone + "'");

        await("the retry finds its claim gone and leaves the row to its new holder")
                .during(Duration.ofSeconds(3)).atMost(WAIT).until(() -> handled.size() == 1);
        assertEquals(List.of("CLAIMED", "other"), TestStorage.row(url,
                "SELECT state, claim_token FROM sms_inbox WHERE msisdn = ?", phone));
    }

    @Test
    void eachMessageIsProcessedByOneOfTwoInstances() throws Exception {
        InboxWriter writer = writer(database);
        startWorker(database);
        startWorker(database);
        for (int i = 0; i < 50; i++) {
            writer.store(part("628130000" + (1000 + i), "CEK " + i, null), "many-" + i);
        }
        await().atMost(WAIT).until(() -> count("SELECT COUNT(*) FROM sms_inbox WHERE state = 'DONE'") == 50);
        assertEquals(50, handled.stream().map(Handled::inboxId).distinct().count());
        assertEquals(50, handled.size(), "none twice");
    }

    // --- long SMS from durable parts (what SmsReassemblyIT asked of the Redis parts) ---------------------------

    @Test
    void partsInAnyOrderBecomeOneMessageInOrder() throws Exception {
        InboxWriter gateway = writer(database);
        startWorker(database);
        gateway.store(part(RESIDENT, "ketiga.", concat(11, 3, 3)), "p11-3");
        gateway.store(part(RESIDENT, "ADUAN pertama, ", concat(11, 3, 1)), "p11-1");
        gateway.store(part(RESIDENT, "kedua, ", concat(11, 3, 2)), "p11-2");
        await().atMost(WAIT).until(() -> handled.size() == 1);
        assertEquals("ADUAN pertama, kedua, ketiga.", handled.get(0).sms().text());
        assertEquals(Optional.empty(), handled.get(0).sms().concatenation());
        assertEquals(RESIDENT, handled.get(0).sms().msisdn());
        staysOne("nothing of it is left to take after the timeout");
    }

    @Test
    void partsArrivingAtTwoInstancesAreJoinedOnce() throws Exception {
        assertEquals("satu dua", joinedByTwoInstances(part(RESIDENT, "satu ", concat(12, 2, 1)),
                part(RESIDENT, "dua", concat(12, 2, 2))));
        staysOne("the other instance found nothing left to take");
    }

    @Test
    void aMissingPartLeavesAGapAfterTheTimeoutAndTheRestIsKeptOnce() throws Exception {
        assertEquals("awal … akhir", joinedByTwoInstances(part(RESIDENT, "awal", concat(13, 3, 1)),
                part(RESIDENT, "akhir", concat(13, 3, 3))));
        staysOne("two instances waited, one of them took the parts");
    }

    /** One part stored by each of two instances, each with its worker: the text of the one message handled. */
    private String joinedByTwoInstances(MoSms atFirst, MoSms atSecond) throws Exception {
        InboxWriter first = writer(database);
        InboxWriter second = writer(database);
        startWorker(database);
        startWorker(database);
        first.store(atFirst, "first-" + atFirst.text());
        second.store(atSecond, "second-" + atSecond.text());
        await().atMost(WAIT).until(() -> handled.size() == 1);
        return handled.get(0).sms().text();
    }

    @Test
    void theSameReferenceFromAnotherPhoneIsAnotherMessage() throws Exception {
        InboxWriter gateway = writer(database);
        gateway.store(part(RESIDENT, "A1 ", concat(14, 2, 1)), "p14-a1");
        gateway.store(part("6281111111111", "B1 ", concat(14, 2, 1)), "p14-b1");
        gateway.store(part(RESIDENT, "A2", concat(14, 2, 2)), "p14-a2");
        startWorker(database);
        await().atMost(WAIT).until(() -> handled.size() == 2);
        List<MoSms> whole = handled.stream().map(Handled::sms).sorted((x, y) -> x.text().compareTo(y.text())).toList();
        assertEquals("A1 A2", whole.get(0).text());
        assertEquals("B1 …", whole.get(1).text());
        assertEquals("6281111111111", whole.get(1).msisdn());
    }

    @Test
    void aRestartedInstanceFindsThePartsStoredBeforeIt() throws Exception {
        InboxWriter before = writer(database);
        before.store(part(RESIDENT, "sebelum ", concat(15, 2, 1)), "p15-1");
        before.store(part(RESIDENT, "restart", concat(15, 2, 2)), "p15-2");
        startWorker(database); // nothing in memory or Redis: the parts are rows
        await().atMost(WAIT).until(() -> handled.size() == 1);
        assertEquals("sebelum restart", handled.get(0).sms().text());
    }

    // --- helpers --------------------------------------------------------------------------------------------

    private InboxWriter writer(Database db) {
        InboxWriter writer = new InboxWriter(db, metrics, () -> { }, WINDOW);
        writer.start();
        stops.add(writer::stop);
        return writer;
    }

    private void startWorker(Database db) {
        InboxWorker worker = new InboxWorker(vertx, db, (id, sms) -> {
            handled.add(new Handled(id, sms));
            return io.vertx.core.Future.succeededFuture();
        }, settings());
        worker.start();
        stops.add(0, worker::stop); // before the writers
    }

    private static InboxWorker.Settings settings() {
        return new InboxWorker.Settings(Duration.ofSeconds(3), Duration.ofMillis(100), TIMEOUT, 16);
    }

    private static DeliverSmRouter router(InboxWriter writer) {
        return new DeliverSmRouter(null, null, null, writer, null, "text");
    }

    private static void store(InboxWriter writer, MoSms part, String fingerprint) {
        try {
            writer.store(part, fingerprint);
        } catch (MoDeferredException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ComplaintStore.Filing filing(String msisdn, String text, String key) {
        return new ComplaintStore.Filing("OTHER", "SMS", msisdn, null, null, null, null, text, key);
    }

    static DeliverSm sms(String from, String text, int sequence) {
        DeliverSm pdu = new DeliverSm();
        pdu.setSequenceNumber(sequence);
        pdu.setSourceAddr(from);
        pdu.setDestAddress("7777");
        pdu.setDataCoding((byte) 0);
        pdu.setShortMessage(GsmCodec.encode(text).bytes());
        return pdu;
    }

    private static MoSms part(String msisdn, String text, SmsCodec.Concatenation c) {
        return new MoSms(msisdn, "7777", text, Optional.ofNullable(c));
    }

    private static SmsCodec.Concatenation concat(int reference, int total, int sequence) {
        return new SmsCodec.Concatenation(reference, total, sequence);
    }

    /** Nothing more arrives while several timeouts and polls pass. */
    private void staysOne(String why) {
        await(why).during(TIMEOUT.multipliedBy(3)).atMost(TIMEOUT.multipliedBy(3).plus(WAIT))
                .until(() -> handled.size() == 1);
    }

    /** The same database reached through another port (a {@link CuttableProxy}). */
    static String viaPort(String jdbcUrl, int port) {
        return jdbcUrl.replace(":" + mysqlPort() + "/", ":" + port + "/");
    }

    static int mysqlPort() {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile(":(\\d+)/").matcher(TestStorage.mysqlServerUrl());
        return m.find() ? Integer.parseInt(m.group(1)) : 3306;
    }

    private static void sql(String statement) throws Exception {
        TestStorage.execute(url, statement);
    }

    private static long count(String query) throws Exception {
        try (Connection c = TestStorage.connect(url); Statement s = c.createStatement();
             java.sql.ResultSet rs = s.executeQuery(query)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
