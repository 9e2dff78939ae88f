package id.betang.simulator.it;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import com.github.tomakehurst.wiremock.stubbing.StubMapping;

import id.betang.gateway.identity.NikHash;
import id.betang.gateway.testing.TestStorage;
import id.betang.simulator.smsc.SimulatedPhone;
import id.betang.simulator.smsc.SmsInbox;
import id.betang.simulator.smsc.SmscSimulator;

/**
 * A reminder sign-up (INGATKAN) acts on a confirmation given earlier, so it is checked again at each send
 * (issue 17, DESIGN.md Identity): end to end against the registry stub, real MariaDB and Redis, with the check
 * running every second. Sent while the phone is still the household's, with its row in the disclosure audit;
 * ended and not sent once the phone left the household; kept and retried while the registry fails. The test
 * that fails the registry runs last: its errors open the registry circuit for a while.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReminderRecheckIT {

    static final NikHash HASH = new NikHash(GatewayProcess.NIK_HASH_KEY);
    static final LocalDate TOMORROW = LocalDate.now(ZoneId.of("Asia/Jakarta")).plusDays(1);

    static Rig rig;

    @BeforeAll
    static void start() throws Exception {
        rig = Rig.start("reminderrecheck", SmscSimulator.Options.defaults(GatewayProcess.freePort()),
                Map.of("BETANG_REMINDER_INTERVAL_SECONDS", "1", "BETANG_REMINDER_HOURS", "0-24"));
    }

    @AfterAll
    static void stop() throws Exception {
        if (rig != null) {
            rig.close();
        }
    }

    /** Signs the phone up by SMS, while nothing is due, and returns the answer. */
    static String signUp(SimulatedPhone phone, String nik) throws Exception {
        phone.drainSms();
        phone.sendSms("7777", "INGATKAN " + nik);
        SmsInbox.Sms answer = phone.awaitSms(Duration.ofSeconds(30));
        assertNotNull(answer, "the answer to INGATKAN");
        return answer.text();
    }

    /** A disbursement of this NIK due tomorrow, ahead of the stub's own. */
    static StubMapping dueTomorrow(String nik, String program) {
        return rig.registry.server().stubFor(get(urlPathEqualTo("/api/v1/residents/" + nik + "/disbursements"))
                .atPriority(1).willReturn(okJson("{\"nik\":\"" + nik + "\",\"disbursements\":[{\"program\":\"" + program
                        + "\",\"date\":\"" + TOMORROW + "\",\"amount\":600000,\"place\":\"Kantor Pos\",\"status\":\"READY\"}]}")));
    }

    static List<String> audit(String nik, String msisdn) throws Exception {
        return TestStorage.row(rig.mysqlUrl, "SELECT GROUP_CONCAT(CONCAT(subject, '/', outcome, '/', channel) ORDER BY id)"
                + " FROM disclosure_audit WHERE subject = 'REMINDER' AND msisdn = '" + msisdn + "' AND nik_hash = ?", HASH.of(nik));
    }

    static List<String> signUpRow(String nik, String msisdn) throws Exception {
        return TestStorage.row(rig.mysqlUrl, "SELECT ended_why, nik_sealed IS NULL, nik IS NULL FROM reminder"
                + " WHERE msisdn = '" + msisdn + "' AND nik_hash = ?", HASH.of(nik));
    }

    static int remindersQueuedFor(String msisdn) throws Exception {
        return Integer.parseInt(TestStorage.row(rig.mysqlUrl,
                "SELECT COUNT(*) FROM outbox_sms WHERE category = 'reminder' AND msisdn = ?", msisdn).get(0));
    }

    @Test
    @Order(1)
    void aPhoneStillOfTheHouseholdGetsItsReminderAndTheAuditSaysSo() throws Exception {
        String nik = "6271031203900004";            // Budi; his phone is the household's
        SimulatedPhone phone = rig.smsc.phone("6281234567890");
        assertTrue(signUp(phone, nik).startsWith("Pengingat aktif"));
        assertEquals(java.util.Arrays.asList(null, "0", "1"), signUpRow(nik, phone.msisdn()),
                "signed up (not ended), the NIK sealed and not in clear");
        StubMapping due = dueTomorrow(nik, "BLT");
        try {
            SmsInbox.Sms reminder = phone.awaitSms(Duration.ofSeconds(30));
            assertNotNull(reminder, "the reminder");
            assertTrue(reminder.text().startsWith("Pengingat Kartu Huma Betang: besok"), reminder.text());
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> audit(nik, phone.msisdn()).get(0) != null);
            assertEquals("REMINDER/SENT_BY_SMS/sms-smpp", audit(nik, phone.msisdn()).get(0), "one audit row per reminder");
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> rig.registry.server().findAll(
                    getRequestedFor(urlPathEqualTo("/api/v1/residents/" + nik))).size() >= 3);
            assertEquals(1, remindersQueuedFor(phone.msisdn()), "once, though the check runs every second");
            assertEquals("REMINDER/SENT_BY_SMS/sms-smpp", audit(nik, phone.msisdn()).get(0));
        } finally {
            rig.registry.server().removeStub(due);
        }
    }

    @Test
    @Order(2)
    void aPhoneThatLeftTheHouseholdGetsNothingAndItsSignUpEnds() throws Exception {
        String nik = "6213016607010004";            // Sari; household phones 6281366070004 and 6285766070004
        SimulatedPhone phone = rig.smsc.phone("6285766070004");
        assertTrue(signUp(phone, nik).startsWith("Pengingat aktif"));
        // the registry now knows the household by its other phone only
        StubMapping left = rig.registry.server().stubFor(get(urlPathEqualTo("/api/v1/residents/" + nik)).atPriority(1)
                .willReturn(okJson("{\"nik\":\"" + nik + "\",\"name\":\"Sari Wulandari\",\"householdId\":\"KK-6213-0004\","
                        + "\"region\":\"6213\",\"msisdns\":[\"6281366070004\"],\"language\":\"id\"}")));
        StubMapping due = dueTomorrow(nik, "PKH");
        try {
            Awaitility.await("the sign-up ends").atMost(Duration.ofSeconds(30))
                    .until(() -> "NOT_HOUSEHOLD".equals(signUpRow(nik, phone.msisdn()).get(0)));
            assertEquals("1", signUpRow(nik, phone.msisdn()).get(1), "its sealed NIK is dropped");
            assertEquals(List.of("REMINDER/ENDED/sms-smpp"), audit(nik, phone.msisdn()));
            assertEquals(0, remindersQueuedFor(phone.msisdn()), "nothing was sent");
            assertEquals(List.of(), phone.drainSms().stream().map(SmsInbox.Sms::text).toList());
        } finally {
            rig.registry.server().removeStub(left);
            rig.registry.server().removeStub(due);
        }
    }

    @Test
    @Order(3)
    void aRegistryThatFailsAtSendTimeSendsNothingAndTheSignUpWaitsForTheNextCheck() throws Exception {
        String nik = "6211014408990001";            // Maria; her phone is the household's
        SimulatedPhone phone = rig.smsc.phone("6281244080001");
        assertTrue(signUp(phone, nik).startsWith("Pengingat aktif"));
        StubMapping failing = rig.registry.server().stubFor(get(urlPathEqualTo("/api/v1/residents/" + nik)).atPriority(1)
                .willReturn(aResponse().withStatus(500)));
        StubMapping due = dueTomorrow(nik, "MODAL_TANI_NELAYAN");
        int asked = rig.registry.server().findAll(getRequestedFor(urlPathEqualTo("/api/v1/residents/" + nik))).size();
        try {
            Awaitility.await("asked again at later checks").atMost(Duration.ofSeconds(30)).until(() -> rig.registry
                    .server().findAll(getRequestedFor(urlPathEqualTo("/api/v1/residents/" + nik))).size() >= asked + 3);
            assertEquals(0, remindersQueuedFor(phone.msisdn()), "not sent while the registry cannot say");
            assertEquals(null, signUpRow(nik, phone.msisdn()).get(0), "nor ended");
            assertEquals(null, audit(nik, phone.msisdn()).get(0), "nothing disclosed");
        } finally {
            rig.registry.server().removeStub(failing);
        }
        try {
            // the registry is back (its circuit closes again after its delay): the reminder goes out
            SmsInbox.Sms reminder = phone.awaitSms(Duration.ofSeconds(90));
            assertNotNull(reminder, "the reminder, once the registry answers");
            assertTrue(reminder.text().startsWith("Pengingat Kartu Huma Betang: besok"), reminder.text());
            assertEquals(1, remindersQueuedFor(phone.msisdn()));
        } finally {
            rig.registry.server().removeStub(due);
        }
    }
}
