package id.betang.simulator.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.apache.ibatis.session.SqlSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import id.betang.gateway.config.GatewayConfig;
import id.betang.gateway.outbox.Outbox;
import id.betang.gateway.store.Database;
import id.betang.gateway.testing.TestStorage;
import id.betang.simulator.smsc.MtRecord;
import id.betang.simulator.smsc.SimulatedPhone;
import id.betang.simulator.smsc.SmsInbox;
import id.betang.simulator.smsc.SmscSimulator;

/**
 * The SMPP layer against the simulator's named misbehaviours, over TCP, with the outbox in a real
 * MariaDB and duplicates remembered in a real Redis. Each test names the misbehaviour it uses.
 */
class SmppMisbehaviourIT {

    private static String mysqlUrl;
    private static Database database;
    private static Outbox outbox;

    private SmscSimulator smsc;
    private final List<InProcessGateway> gateways = new ArrayList<>();

    @BeforeAll
    static void storage() {
        mysqlUrl = TestStorage.freshDatabase("smpp_misbehaviour");
        database = Database.open(new GatewayConfig.Mysql(mysqlUrl, TestStorage.mysqlUser(), TestStorage.mysqlPassword()));
        outbox = new Outbox(database);
    }

    @AfterAll
    static void dropStorage() {
        database.close();
        TestStorage.dropDatabase(mysqlUrl);
    }

    @BeforeEach
    void smsc() throws Exception {
        sql("DELETE FROM outbox_sms");
        smsc = new SmscSimulator(SmscSimulator.Options.defaults(0).withReceipts(100, "DELIVRD", false)).start();
    }

    @AfterEach
    void stop() throws Exception {
        for (InProcessGateway g : gateways) {
            g.close();
        }
        smsc.close();
    }

    private InProcessGateway gateway(Map<String, String> overrides) throws Exception {
        Map<String, String> env = InProcessGateway.env(smsc.port(), mysqlUrl, TestStorage.freshRedisPrefix("smpp"));
        env.putAll(overrides);
        InProcessGateway g = InProcessGateway.start(env);
        gateways.add(g);
        return g;
    }

    /** Queues {@code count} SMS in one transaction: the gateway sees them all at once, as after an outage. */
    private static List<String> queue(int count, String tag) {
        List<String> bodies = new ArrayList<>();
        try (SqlSession session = database.sessions().openSession(false)) {
            for (int i = 0; i < count; i++) {
                String body = "Betang " + tag + " pesan " + i;
                outbox.enqueue(session, String.valueOf(6281300000000L + i), body, "test");
                bodies.add(body);
            }
            session.commit();
        }
        return bodies;
    }

    /** How many times the SMSC took each body: the heart of "no MT lost or duplicated". */
    private Map<String, Long> deliveredCounts() {
        return smsc.received().stream().filter(mt -> !mt.isUssd())
                .collect(Collectors.groupingBy(MtRecord::text, Collectors.counting()));
    }

    private void assertEachDeliveredOnce(List<String> bodies) {
        await().atMost(Duration.ofSeconds(40)).until(() -> count("status IN ('SENT','DELIVERED')") == bodies.size());
        Map<String, Long> counts = deliveredCounts();
        for (String body : bodies) {
            assertEquals(1L, counts.getOrDefault(body, 0L), "times the SMSC took: " + body);
        }
    }

    @Test
    void dropLinkMidTrafficRebindsLosesNothingAndRepeatsAtMostAWindow() throws Exception {
        InProcessGateway g = gateway(Map.of()).awaitBound(Duration.ofSeconds(10));
        smsc.misbehaviours().slowRespMs(20); // window 10 at 20 ms a response: ~0.6 s for 300, so the drop lands mid-traffic
        List<String> bodies = queue(300, "drop");
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(5))
                .until(() -> smsc.received().size() >= 60);
        smsc.dropLink(); // misbehaviour: drop-link
        assertTrue(smsc.received().size() < 300, "the link dropped while MTs were still being sent");
        await().atMost(Duration.ofSeconds(15)).until(() -> smsc.bindsAccepted() >= 2);
        await().atMost(Duration.ofSeconds(40)).until(() -> count("status IN ('SENT','DELIVERED')") == bodies.size());
        // Nothing is lost. A submit_sm whose response died with the link (the SMSC reset it with responses
        // still on the way) is sent again: the at-least-once rule, so at most one window of repeats per drop.
        Map<String, Long> counts = deliveredCounts();
        for (String body : bodies) {
            assertTrue(counts.getOrDefault(body, 0L) >= 1, "lost: " + body);
            assertTrue(counts.get(body) <= 2, "sent more than twice: " + body);
        }
        long repeated = counts.values().stream().filter(n -> n > 1).count();
        assertTrue(repeated <= 10, repeated + " repeats, more than the window of 10");
        assertTrue(g.gateway().smppBound());
    }

    @Test
    void throttlingIsBackedOffAndEverythingArrives() throws Exception {
        InProcessGateway g = gateway(Map.of()).awaitBound(Duration.ofSeconds(10));
        smsc.misbehaviours().throttleEvery(5); // misbehaviour: throttle
        List<String> bodies = queue(60, "throttle");
        assertEachDeliveredOnce(bodies);
        assertTrue(smsc.submits() > 60, "some submits were throttled and sent again");
        assertTrue(g.retried() > 0);
        assertEquals(0, count("status = 'FAILED'"));
    }

    @Test
    void slowResponsesNeverExceedTheWindow() throws Exception {
        gateway(Map.of("BETANG_SMPP_WINDOW", "3")).awaitBound(Duration.ofSeconds(10));
        smsc.misbehaviours().slowRespMs(150); // misbehaviour: slow-resp
        List<String> bodies = queue(24, "slow");
        assertEachDeliveredOnce(bodies);
        assertEquals(3, smsc.maxConcurrentSubmits(), "the window was used fully, and never exceeded");
    }

    @Test
    void slowerThanTheResponseTimeoutIsRetriedNotFailed() throws Exception {
        gateway(Map.of("BETANG_SMPP_RESPONSE_TIMEOUT_MS", "300")).awaitBound(Duration.ofSeconds(10));
        smsc.misbehaviours().slowRespMs(600); // misbehaviour: slow-resp
        queue(2, "timeout");
        await().atMost(Duration.ofSeconds(10)).until(() -> count("attempts >= 1 AND status = 'QUEUED'") == 2);
        assertTrue(failures().stream().allMatch(f -> f.contains("no submit_sm_resp within 300 ms")), failures().toString());
        smsc.misbehaviours().slowRespMs(0);
        await().atMost(Duration.ofSeconds(15)).until(() -> count("status IN ('SENT','DELIVERED')") == 2);
    }

    @Test
    void duplicateDeliverSmIsProcessedOnce() throws Exception {
        gateway(Map.of()).awaitBound(Duration.ofSeconds(10));
        smsc.misbehaviours().duplicateDeliver(true); // misbehaviour: duplicate-deliver
        SimulatedPhone phone = smsc.phone("6281234567890");
        phone.sendSms("7777", "STATUS");
        assertNotNull(phone.awaitSms(Duration.ofSeconds(10)), "one answer");
        assertNull(phone.awaitSms(Duration.ofSeconds(2)), "and only one");
        assertEquals(1, count("msisdn = '6281234567890'"));

        SimulatedPhone.Screen menu = phone.dial("*777#");
        assertTrue(menu.text().contains("1"), menu.text());
        assertTrue(phone.drain().isEmpty(), "the repeated *777# did not start a second dialogue");
    }

    @Test
    void garbledPdusGetAnErrorAndTheBindStaysUp() throws Exception {
        InProcessGateway g = gateway(Map.of()).awaitBound(Duration.ofSeconds(10));
        int bindsBefore = smsc.bindsAccepted();
        smsc.garble(); // misbehaviour: garble-pdu
        Thread.sleep(500);
        assertTrue(g.gateway().smppBound());
        assertEquals(bindsBefore, smsc.bindsAccepted(), "no rebind: the link survived");
        SimulatedPhone.Screen menu = smsc.phone("6281234567890").dial("*777#");
        assertFalse(menu.end(), "dialogues still work");
    }

    @Test
    void refusedBindBacksOffWithAClearReasonThenBinds() throws Exception {
        smsc.misbehaviours().refuseBind(true); // misbehaviour: refuse-bind
        InProcessGateway g = gateway(Map.of());
        await().atMost(Duration.ofSeconds(10)).until(() -> g.gateway().bindProblems().stream()
                .anyMatch(p -> p.contains("SMSC refused the bind: ESME_RBINDFAIL (0xd)")));
        assertFalse(g.gateway().smppBound());
        smsc.misbehaviours().refuseBind(false);
        g.awaitBound(Duration.ofSeconds(20));
    }

    @Test
    void unbindFromTheSmscIsFollowedByARebind() throws Exception {
        InProcessGateway g = gateway(Map.of()).awaitBound(Duration.ofSeconds(10));
        smsc.unbindAll(); // misbehaviour: unbind
        await().atMost(Duration.ofSeconds(15)).until(() -> smsc.bindsAccepted() == 2 && g.gateway().smppBound());
        List<String> bodies = queue(5, "after-unbind");
        assertEachDeliveredOnce(bodies);
    }

    @Test
    void receiptsSettleEachMessageWhateverTheIdForm() throws Exception {
        smsc.close();
        // hex ids in submit_sm_resp, decimal in receipts, as some SMSCs do; and one undeliverable
        smsc = new SmscSimulator(SmscSimulator.Options.defaults(0).withReceipts(50, "UNDELIV", true)).start();
        gateway(Map.of("BETANG_SMPP_MESSAGE_ID_FORMAT", "hex", "BETANG_SMPP_RECEIPT_ID_FORMAT", "decimal"))
                .awaitBound(Duration.ofSeconds(10));
        queue(3, "receipt");
        outbox.enqueue("6281399999999", "Betang panjang " + "x".repeat(200), "test"); // two parts
        await().atMost(Duration.ofSeconds(15)).until(() -> count("status = 'UNDELIVERED' AND receipt_at IS NOT NULL") == 4);
        assertEquals(0, count1("SELECT COUNT(*) FROM sms_receipt_unmatched"));
        assertEquals(5, count1("SELECT COUNT(*) FROM outbox_sms_part WHERE receipt_state = 'UNDELIVERED'"));
    }

    @Test
    void withoutReceiptsMessagesStaySent() throws Exception {
        gateway(Map.of()).awaitBound(Duration.ofSeconds(10));
        smsc.misbehaviours().noDlr(true); // misbehaviour: no-dlr
        queue(3, "nodlr");
        await().atMost(Duration.ofSeconds(10)).until(() -> count("status = 'SENT'") == 3);
        Thread.sleep(500);
        assertEquals(3, count("status = 'SENT' AND receipt_at IS NULL"));
    }

    @Test
    void twoInstancesShareOneOutboxWithoutSteppingOnEachOther() throws Exception {
        Map<String, String> small = Map.of("BETANG_OUTBOX_BATCH", "5");
        InProcessGateway a = gateway(small).awaitBound(Duration.ofSeconds(10));
        InProcessGateway b = gateway(small).awaitBound(Duration.ofSeconds(10));
        smsc.misbehaviours().slowRespMs(2);
        List<String> bodies = queue(200, "shared");
        assertEachDeliveredOnce(bodies);
        assertEquals(200, a.sent() + b.sent());
        assertTrue(a.sent() > 0 && b.sent() > 0, "both took part: " + a.sent() + " / " + b.sent());
    }

    @Test
    void aCrashedInstancesClaimsAreTakenOverAndAcceptedPartsNotResent() throws Exception {
        // an instance claimed two messages, got part 1 of the long one accepted, and died
        long single = outbox.enqueue("6281311110001", "Betang yatim satu", "test");
        String longBody = "Betang dua bagian " + "y".repeat(200);
        long twoParts = outbox.enqueue("6281311110002", longBody, "test");
        sql("UPDATE outbox_sms SET status='SENDING', claim_token='dead', claimed_by='gw-dead', "
                + "next_attempt_at = NOW(3) - INTERVAL 1 SECOND WHERE id IN (" + single + "," + twoParts + ")");
        sql("INSERT INTO outbox_sms_part (outbox_id, part_no, smsc_message_id) VALUES (" + twoParts + ", 1, 'ffff')");

        gateway(Map.of()).awaitBound(Duration.ofSeconds(10));
        await().atMost(Duration.ofSeconds(15)).until(() -> count("status IN ('SENT','DELIVERED')") == 2);
        List<MtRecord> sms = smsc.received().stream().filter(mt -> !mt.isUssd()).toList();
        assertEquals(2, sms.size(), "the single message, and only part 2 of the long one");
        MtRecord part = sms.stream().filter(mt -> mt.part() != null).findFirst().orElseThrow();
        assertEquals(2, part.part().sequence());
        assertEquals(longBody.substring(153), part.text());
    }

    @Test
    void longMoSmsArrivesWholeInAnyConcatenationForm() throws Exception {
        gateway(Map.of()).awaitBound(Duration.ofSeconds(10));
        SimulatedPhone phone = smsc.phone("6281234567890");
        String text = "ADUAN " + "bantuan belum diterima sejak Agustus ".repeat(8);
        for (SimulatedPhone.Concatenation how : SimulatedPhone.Concatenation.values()) {
            phone.sendSms("7777", text, how, null);
            SmsInbox.Sms answer = phone.awaitSms(Duration.ofSeconds(10));
            assertNotNull(answer, how + ": answered");
            assertNull(phone.awaitSms(Duration.ofMillis(700)), how + ": answered once, not once per part");
        }
    }

    private static List<String> failures() throws Exception {
        List<String> f = new ArrayList<>();
        try (Connection c = TestStorage.connect(mysqlUrl); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT failure FROM outbox_sms WHERE failure IS NOT NULL")) {
            while (rs.next()) {
                f.add(rs.getString(1));
            }
        }
        return f;
    }

    private static int count(String where) throws Exception {
        return count1("SELECT COUNT(*) FROM outbox_sms WHERE " + where);
    }

    private static int count1(String query) throws Exception {
        try (Connection c = TestStorage.connect(mysqlUrl); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(query)) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static void sql(String statement) throws Exception {
        try (Connection c = TestStorage.connect(mysqlUrl); Statement s = c.createStatement()) {
            s.execute(statement);
        }
    }
}
