package id.betang.simulator.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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

    /** The main menu's first line, and the answer to a bare STATUS (an English keyword: answered in English). */
    private static final String MAIN_MENU = "Kartu Huma Betang Sejahtera";
    private static final String STATUS_WITHOUT_NIK = "A NIK is 16 digits, e.g.: STATUS 6271031203900004";

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
        await().atMost(Duration.ofSeconds(90)).until(() -> count("status IN ('SENT','DELIVERED')") == bodies.size());
        Map<String, Long> counts = deliveredCounts();
        for (String body : bodies) {
            assertEquals(1L, counts.getOrDefault(body, 0L), "times the SMSC took: " + body);
        }
    }

    @Test
    void dropLinkMidTrafficRebindsLosesNothingAndRepeatsAtMostAWindow() throws Exception {
        InProcessGateway g = gateway(Map.of()).awaitBound(Duration.ofSeconds(30));
        // window 10 at 100 ms a response: at least 3 s for 300, so the drop lands mid-traffic even when this
        // thread is scheduled late on a busy machine (it acts after 60)
        smsc.misbehaviours().slowRespMs(100);
        List<String> bodies = queue(300, "drop");
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(5))
                .until(() -> smsc.received().size() >= 60);
        smsc.dropLink(); // misbehaviour: drop-link
        assertTrue(smsc.received().size() < 300, "the link dropped while MTs were still being sent");
        await().atMost(Duration.ofSeconds(30)).until(() -> smsc.bindsAccepted() >= 2);
        await().atMost(Duration.ofSeconds(90)).until(() -> count("status IN ('SENT','DELIVERED')") == bodies.size());
        // Nothing is lost. A submit_sm whose response died with the link (the SMSC reset it with responses
        // still on the way) is sent again: the at-least-once rule, so at most one window of repeats per drop.
        Map<String, Long> counts = deliveredCounts();
        for (String body : bodies) {
            assertTrue(counts.getOrDefault(body, 0L) >= 1, "lost: " + body);
            assertTrue(counts.get(body) <= 2, "sent more than twice: " + body);
        }
        // and each went to its own resident, word for word: a resend after the drop is the same SMS
        Map<String, String> recipientOf = new HashMap<>();
        for (int i = 0; i < bodies.size(); i++) {
            recipientOf.put(bodies.get(i), String.valueOf(6281300000000L + i));
        }
        for (MtRecord mt : smsc.received()) {
            assertEquals(recipientOf.get(mt.text()), mt.destination(), "the SMS the SMSC took: " + mt.text());
        }
        long repeated = counts.values().stream().filter(n -> n > 1).count();
        assertTrue(repeated <= 10, repeated + " repeats, more than the window of 10");
        assertTrue(g.gateway().smppBound());
    }

    @Test
    void throttlingIsBackedOffAndEverythingArrives() throws Exception {
        InProcessGateway g = gateway(Map.of()).awaitBound(Duration.ofSeconds(30));
        smsc.misbehaviours().throttleEvery(5); // misbehaviour: throttle
        List<String> bodies = queue(60, "throttle");
        assertEachDeliveredOnce(bodies);
        assertTrue(smsc.submits() > 60, "some submits were throttled and sent again");
        assertTrue(g.retried() > 0);
        assertEquals(0, count("status = 'FAILED'"));
    }

    @Test
    void slowResponsesNeverExceedTheWindow() throws Exception {
        gateway(Map.of("BETANG_SMPP_WINDOW", "3")).awaitBound(Duration.ofSeconds(30));
        smsc.misbehaviours().slowRespMs(150); // misbehaviour: slow-resp
        List<String> bodies = queue(24, "slow");
        assertEachDeliveredOnce(bodies);
        // bulk SMS may hold all of a window of 3 but the one permit kept for USSD replies
        assertEquals(2, smsc.maxConcurrentSubmits(), "bulk's share of the window was used fully, and never exceeded");
    }

    @Test
    void slowerThanTheResponseTimeoutIsRetriedNotFailed() throws Exception {
        // a 2 s timeout against 8 s responses: far apart, so a busy machine cannot turn one into the other
        gateway(Map.of("BETANG_SMPP_RESPONSE_TIMEOUT_MS", "2000")).awaitBound(Duration.ofSeconds(30));
        smsc.misbehaviours().slowRespMs(8000); // misbehaviour: slow-resp
        queue(2, "timeout");
        await().atMost(Duration.ofSeconds(30)).until(() -> count("attempts >= 1 AND status = 'QUEUED'") == 2);
        assertTrue(failures().stream().allMatch(f -> f.contains("no submit_sm_resp within 2000 ms")), failures().toString());
        smsc.misbehaviours().slowRespMs(0);
        await().atMost(Duration.ofSeconds(60)).until(() -> count("status IN ('SENT','DELIVERED')") == 2);
    }

    @Test
    void duplicateDeliverSmIsProcessedOnce() throws Exception {
        gateway(Map.of()).awaitBound(Duration.ofSeconds(30));
        smsc.misbehaviours().duplicateDeliver(true); // misbehaviour: duplicate-deliver
        SimulatedPhone phone = smsc.phone("6281234567890");
        phone.sendSms("7777", "STATUS");
        SmsInbox.Sms answer = phone.awaitSms(Duration.ofSeconds(30));
        assertNotNull(answer, "one answer");
        assertEquals(STATUS_WITHOUT_NIK, answer.text(), "the answer to the STATUS sent");
        Quiet.noSms(phone, Duration.ofSeconds(2), "and only one");
        assertEquals(1, count("msisdn = '6281234567890'"));

        SimulatedPhone.Screen menu = phone.dial("*777#");
        assertTrue(menu.text().startsWith(MAIN_MENU), menu.text());
        assertTrue(phone.drain().isEmpty(), "the repeated *777# did not start a second dialogue");
        phone.hangUp();

        // every part of a long complaint twice: filed once, whole, its parts in order
        SimulatedPhone complainant = smsc.phone("6281234567891");
        String text = "ADUAN " + "beras bantuan bulan ini tidak sampai ke RT 04 ".repeat(5);
        complainant.sendSms("7777", text);
        SmsInbox.Sms filed = complainant.awaitSms(Duration.ofSeconds(30));
        assertNotNull(filed, "the complaint is answered");
        Matcher ticket = Pattern.compile("Nomor tiket: (HB[2-9A-HJ-NP-Z]{6})").matcher(filed.text());
        assertTrue(ticket.find(), filed.text());
        assertEquals(text.substring("ADUAN ".length()).strip(), complaintBody(ticket.group(1)).strip());
        Quiet.noSms(complainant, Duration.ofSeconds(2), "one complaint, one answer");
        assertEquals(1, count1("SELECT COUNT(*) FROM complaint WHERE msisdn = '6281234567891'"), "filed once");
    }

    @Test
    void theSameInputAgainAfterItsAnswerIsNewEvenWhileTheSmscDuplicates() throws Exception {
        gateway(Map.of()).awaitBound(Duration.ofSeconds(30));
        smsc.misbehaviours().duplicateDeliver(true); // misbehaviour: duplicate-deliver
        SimulatedPhone phone = smsc.phone("6281234567892");
        for (int time = 1; time <= 2; time++) {
            phone.sendSms("7777", "STATUS");
            SmsInbox.Sms answer = phone.awaitSms(Duration.ofSeconds(30));
            assertNotNull(answer, "STATUS sent for the " + time + ". time is answered");
            assertEquals(STATUS_WITHOUT_NIK, answer.text());
            Quiet.noSms(phone, Duration.ofSeconds(2), "once, whatever the SMSC repeated");
        }

        // no its_session_info: the SMSC's copy of a step is dropped, the resident's second 4 is not
        SimulatedPhone bare = smsc.phone("6281234567893").withoutSessionInfo();
        assertTrue(bare.dial("*777#").text().startsWith(MAIN_MENU));
        assertTrue(bare.send("4").text().startsWith("Jenis pengaduan:"), "the copy of 4 did not choose a category");
        assertTrue(bare.send("4").text().startsWith("Masukkan NIK"), "the second 4 chose category 4");
        assertTrue(bare.drain().isEmpty(), "one screen per press");
    }

    @Test
    void garbledPdusGetAnErrorAndTheBindStaysUp() throws Exception {
        InProcessGateway g = gateway(Map.of()).awaitBound(Duration.ofSeconds(30));
        int bindsBefore = smsc.bindsAccepted();
        smsc.garble(); // misbehaviour: garble-pdu
        // the link survives the garbage: no unbind, no rebind, and the bad deliver_sm started no dialogue
        await("the link survived").during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(30)).until(() ->
                g.gateway().smppBound() && smsc.bindsAccepted() == bindsBefore && smsc.received().isEmpty());
        SimulatedPhone.Screen menu = smsc.phone("6281234567890").dial("*777#");
        assertFalse(menu.end(), "dialogues still work");
        assertTrue(menu.text().startsWith(MAIN_MENU), menu.text());
        assertEquals(List.of("6281234567890"), smsc.received().stream().map(MtRecord::destination).toList(),
                "the garbled *777# from 6281200000001 was refused, not answered");
    }

    @Test
    void refusedBindBacksOffWithAClearReasonThenBinds() throws Exception {
        smsc.misbehaviours().refuseBind(true); // misbehaviour: refuse-bind
        InProcessGateway g = gateway(Map.of());
        await().atMost(Duration.ofSeconds(30)).until(() -> g.gateway().bindProblems().stream()
                .anyMatch(p -> p.contains("SMSC refused the bind: ESME_RBINDFAIL (0xd)")));
        assertFalse(g.gateway().smppBound());
        smsc.misbehaviours().refuseBind(false);
        g.awaitBound(Duration.ofSeconds(30));
    }

    @Test
    void unbindFromTheSmscIsFollowedByARebind() throws Exception {
        InProcessGateway g = gateway(Map.of()).awaitBound(Duration.ofSeconds(30));
        smsc.unbindAll(); // misbehaviour: unbind
        await().atMost(Duration.ofSeconds(30)).until(() -> smsc.bindsAccepted() == 2 && g.gateway().smppBound());
        List<String> bodies = queue(5, "after-unbind");
        assertEachDeliveredOnce(bodies);
    }

    @Test
    void receiptsSettleEachMessageWhateverTheIdForm() throws Exception {
        smsc.close();
        // hex ids in submit_sm_resp, decimal in receipts, as some SMSCs do; and one undeliverable
        smsc = new SmscSimulator(SmscSimulator.Options.defaults(0).withReceipts(50, "UNDELIV", true)).start();
        gateway(Map.of("BETANG_SMPP_MESSAGE_ID_FORMAT", "hex", "BETANG_SMPP_RECEIPT_ID_FORMAT", "decimal"))
                .awaitBound(Duration.ofSeconds(30));
        queue(3, "receipt");
        outbox.enqueue("6281399999999", "Betang panjang " + "x".repeat(200), "test"); // two parts
        // a message is UNDELIVERED once one of its parts is: the long one's second receipt may still be on its way
        await().atMost(Duration.ofSeconds(30)).until(() -> count("status = 'UNDELIVERED' AND receipt_at IS NOT NULL") == 4
                && count1("SELECT COUNT(*) FROM outbox_sms_part WHERE receipt_state = 'UNDELIVERED'") == 5);
        assertEquals(0, count1("SELECT COUNT(*) FROM sms_receipt_unmatched"));
    }

    @Test
    void withoutReceiptsMessagesStaySent() throws Exception {
        gateway(Map.of()).awaitBound(Duration.ofSeconds(30));
        smsc.misbehaviours().noDlr(true); // misbehaviour: no-dlr
        queue(3, "nodlr");
        await().atMost(Duration.ofSeconds(30)).until(() -> count("status = 'SENT'") == 3);
        // receipts come 100 ms after a response here: a second with none is a second in which none came
        await("no receipt settles them").during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(30))
                .until(() -> count("status = 'SENT' AND receipt_at IS NULL") == 3);
    }

    @Test
    void twoInstancesShareOneOutboxWithoutSteppingOnEachOther() throws Exception {
        Map<String, String> small = Map.of("BETANG_OUTBOX_BATCH", "5");
        InProcessGateway a = gateway(small).awaitBound(Duration.ofSeconds(30));
        InProcessGateway b = gateway(small).awaitBound(Duration.ofSeconds(30));
        smsc.misbehaviours().slowRespMs(2);
        List<String> bodies = queue(200, "shared");
        assertEachDeliveredOnce(bodies);
        assertEquals(200, a.sent() + b.sent());
        assertTrue(a.sent() > 0 && b.sent() > 0, "both took part: " + a.sent() + " / " + b.sent());
    }

    @Test
    void responsesSlowerThanTheLeaseNeverMakeAnyInstanceSendARowTwice() throws Exception {
        // lease 2 s, each submit_sm_resp 3 s: without renewal every claim would lapse while its rows sit in a
        // window or in the sender's queue, and the other instance (or the same one) would take and send them
        Map<String, String> slow = Map.of("BETANG_OUTBOX_LEASE_SECONDS", "2",
                "BETANG_SMPP_RESPONSE_TIMEOUT_MS", "15000", "BETANG_SMPP_WINDOW", "4");
        InProcessGateway a = gateway(slow).awaitBound(Duration.ofSeconds(30));
        InProcessGateway b = gateway(slow).awaitBound(Duration.ofSeconds(30));
        smsc.misbehaviours().slowRespMs(3000); // misbehaviour: slow-resp
        List<String> bodies = queue(24, "lease");
        assertEachDeliveredOnce(bodies);
        assertEquals(bodies.size(), smsc.submits(), "one submit_sm per row, none repeated");
        assertEquals(24, a.sent() + b.sent());
    }

    @Test
    void onStopOnlyRowsNotYetHandedToABindGoBack() throws Exception {
        InProcessGateway a = gateway(Map.of("BETANG_SMPP_RESPONSE_TIMEOUT_MS", "15000", "BETANG_SMPP_WINDOW", "3"))
                .awaitBound(Duration.ofSeconds(30));
        smsc.misbehaviours().slowRespMs(2000); // misbehaviour: slow-resp
        List<String> bodies = queue(30, "stop");
        // two rows in the window (bulk's share of 3), the rest claimed and waiting in the sender's queue
        await().atMost(Duration.ofSeconds(30)).until(() -> smsc.maxConcurrentSubmits() == 2
                && count("status = 'SENDING'") == bodies.size());
        a.close();
        gateways.remove(a);
        // what was on the wire finished and is recorded; the rest went back at once, for anyone, not after the lease
        int sentByA = count("status IN ('SENT','DELIVERED')");
        assertTrue(sentByA >= 2 && sentByA < bodies.size(), sentByA + " sent before the stop");
        assertEquals(bodies.size() - sentByA,
                count("status = 'QUEUED' AND claim_token IS NULL AND next_attempt_at <= NOW(3)"),
                "every row not handed to a bind is handed back");
        assertEquals(0, count("status = 'SENDING'"), "no row left claimed by the stopped instance");

        smsc.misbehaviours().slowRespMs(0);
        gateway(Map.of()).awaitBound(Duration.ofSeconds(30));
        assertEachDeliveredOnce(bodies);
    }

    @Test
    void aRowOlderThanItsValidityByTheDatabasesClockFailsWithTheReason() throws Exception {
        gateway(Map.of()).awaitBound(Duration.ofSeconds(30));
        smsc.misbehaviours().throttleEvery(1); // misbehaviour: throttle (every submit)
        long stale = outbox.enqueue("6281311110009", "Betang kedaluwarsa", "test");
        // created 25 h ago as the database counts: no JVM clock decides it
        sql("UPDATE outbox_sms SET created_at = NOW(3) - INTERVAL 25 HOUR WHERE id = " + stale);
        long fresh = outbox.enqueue("6281311110010", "Betang baru", "test");
        await().atMost(Duration.ofSeconds(30)).until(() -> count("id = " + stale + " AND status = 'FAILED'") == 1);
        assertTrue(failures().stream()
                .anyMatch(f -> f.startsWith("not sent within 24 h: SMSC answered ESME_RTHROTTLED")), failures().toString());
        await().atMost(Duration.ofSeconds(30)).until(() -> count("id = " + fresh + " AND attempts >= 1") == 1);
        assertEquals(1, count("id = " + fresh + " AND status IN ('QUEUED','SENDING')"), "a fresh row keeps retrying");
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

        gateway(Map.of()).awaitBound(Duration.ofSeconds(30));
        await().atMost(Duration.ofSeconds(30)).until(() -> count("status IN ('SENT','DELIVERED')") == 2);
        List<MtRecord> sms = smsc.received().stream().filter(mt -> !mt.isUssd()).toList();
        assertEquals(2, sms.size(), "the single message, and only part 2 of the long one");
        MtRecord part = sms.stream().filter(mt -> mt.part() != null).findFirst().orElseThrow();
        assertEquals(2, part.part().sequence());
        assertEquals(longBody.substring(153), part.text());
    }

    @Test
    void longMoSmsArrivesWholeInAnyConcatenationForm() throws Exception {
        gateway(Map.of()).awaitBound(Duration.ofSeconds(30));
        SimulatedPhone phone = smsc.phone("6281234567890");
        String text = "ADUAN " + "bantuan belum diterima sejak Agustus ".repeat(8);
        for (SimulatedPhone.Concatenation how : SimulatedPhone.Concatenation.values()) {
            phone.sendSms("7777", text, how, null);
            SmsInbox.Sms answer = phone.awaitSms(Duration.ofSeconds(30));
            assertNotNull(answer, how + ": answered");
            Matcher ticket = Pattern.compile("Nomor tiket: (HB[2-9A-HJ-NP-Z]{6})").matcher(answer.text());
            assertTrue(ticket.find(), how + ": a ticket for the complaint: " + answer.text());
            assertEquals(text.substring("ADUAN ".length()).strip(), complaintBody(ticket.group(1)).strip(),
                    how + ": the complaint filed is the whole text, its parts joined in order");
            Quiet.noSms(phone, Duration.ofSeconds(1), how + ": answered once, not once per part");
        }
    }

    private static String complaintBody(String ticket) throws Exception {
        try (Connection c = TestStorage.connect(mysqlUrl);
             java.sql.PreparedStatement s = c.prepareStatement("SELECT body FROM complaint WHERE ticket_id = ?")) {
            s.setString(1, ticket);
            try (ResultSet rs = s.executeQuery()) {
                assertTrue(rs.next(), "complaint " + ticket + " is stored");
                return rs.getString(1);
            }
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
        TestStorage.execute(mysqlUrl, statement);
    }
}
