package id.betang.simulator.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import id.betang.gateway.testing.TestStorage;
import id.betang.simulator.smsc.SimulatedPhone;
import id.betang.simulator.smsc.SmscSimulator;

/**
 * Both USSD profiles over TCP: the dialogue's TLVs on every MT (ussd_service_op, its_session_info with
 * sequence and end bit, the vendor session id echoed unchanged) and the dialogue found again by the key
 * each profile uses.
 */
class UssdProfilesIT {

    private static final short VENDOR_TAG = 0x1501;

    private static String mysqlUrl;
    private SmscSimulator smsc;
    private InProcessGateway gateway;

    @BeforeAll
    static void storage() {
        mysqlUrl = TestStorage.freshDatabase("ussd_profiles");
    }

    @AfterAll
    static void dropStorage() {
        TestStorage.dropDatabase(mysqlUrl);
    }

    @AfterEach
    void stop() throws Exception {
        if (gateway != null) {
            gateway.close();
        }
        if (smsc != null) {
            smsc.close();
        }
    }

    private void start(SmscSimulator.Options options, Map<String, String> overrides) throws Exception {
        smsc = new SmscSimulator(options).start();
        Map<String, String> env = InProcessGateway.env(smsc.port(), mysqlUrl, TestStorage.freshRedisPrefix("profiles"));
        env.putAll(overrides);
        gateway = InProcessGateway.start(env).awaitBound(Duration.ofSeconds(30));
    }

    @Test
    void defaultProfileCarriesServiceOpAndSessionInfoAndEndsWithTheEndBit() throws Exception {
        start(SmscSimulator.Options.defaults(0), Map.of());
        SimulatedPhone phone = smsc.phone("6281234567890");

        SimulatedPhone.Screen menu = phone.dial("*777#");
        assertFalse(menu.end());
        assertEquals(2, menu.pdu().ussdServiceOp().getAsInt(), "USSR request: an answer is expected");
        int session = menu.pdu().sessionNumber();
        assertEquals(1, menu.pdu().sequence(), "the gateway's first answer in the dialogue");
        assertNull(menu.pdu().vendorSessionId());

        SimulatedPhone.Screen next = phone.send("1");
        assertFalse(next.end());
        assertEquals(session, next.pdu().sessionNumber(), "same dialogue");
        assertEquals(3, next.pdu().sequence(), "dial 0, menu 1, answer 2, this screen 3");
        assertEquals(2, next.pdu().ussdServiceOp().getAsInt());
        assertTrue(next.text().startsWith("Masukkan NIK"), next.text());

        assertEquals(menu.text(), phone.send("0").text(), "0 goes back to the main menu");
        SimulatedPhone.Screen end = phone.send("0"); // 0 on the main menu: Keluar
        assertTrue(end.text().startsWith("Terima kasih"), end.text());
        assertEquals(17, end.pdu().ussdServiceOp().getAsInt(), "PSSR response: the dialogue is over");
        assertTrue(end.pdu().endOfSession());
    }

    @Test
    void sessionTlvProfileEchoesTheVendorSessionIdUnchanged() throws Exception {
        start(SmscSimulator.Options.defaults(0).withVendorSessionTag(VENDOR_TAG),
                Map.of("BETANG_SMPP_PROFILE", "session-tlv", "BETANG_SMPP_SESSION_TLV_TAG", "0x1501"));
        SimulatedPhone phone = smsc.phone("6281234567890");

        SimulatedPhone.Screen menu = phone.dial("*777#");
        byte[] vendorId = menu.pdu().vendorSessionId();
        assertTrue(vendorId != null && vendorId.length == 8, "the vendor TLV came back");
        assertEquals(2, menu.pdu().ussdServiceOp().getAsInt());

        SimulatedPhone.Screen next = phone.send("1");
        assertArrayEquals(vendorId, next.pdu().vendorSessionId(), "echoed unchanged on every screen");
        assertTrue(next.text().startsWith("Masukkan NIK"), "the dialogue found its session by the vendor id: " + next.text());
        assertFalse(next.end());
    }

    @Test
    void hangingUpEndsTheDialogueAndANewDialStartsFresh() throws Exception {
        start(SmscSimulator.Options.defaults(0), Map.of());
        SimulatedPhone phone = smsc.phone("6281234567890");
        String mainMenu = phone.dial("*777#").text();
        phone.send("1");
        phone.hangUp();
        assertEquals(mainMenu, phone.dial("*777#").text(), "the abandoned dialogue did not resume");
    }

    /** A screen limit that pages the district list over three screens, so that 99 is pressed twice. */
    private static final Map<String, String> SHORT_SCREENS = Map.of("BETANG_USSD_SCREEN_LIMIT_GSM", "130");
    private static final Map<String, String> SESSION_TLV_SHORT_SCREENS = Map.of("BETANG_SMPP_PROFILE", "session-tlv",
            "BETANG_SMPP_SESSION_TLV_TAG", "0x1501", "BETANG_USSD_SCREEN_LIMIT_GSM", "130");

    /** The same key pressed twice in one dialogue is two inputs, never a redelivery: 4 then 4, 99 then 99. */
    private static void sameKeyTwiceAdvancesTwice(SimulatedPhone phone) throws Exception {
        // a new dial starts afresh (no hang-up: without its_session_info there is no end bit to send)
        phone.dial("*777#");
        SimulatedPhone.Screen first = phone.send("3");
        assertTrue(first.text().startsWith("Pilih kabupaten/kota:\n1 Kotawaringin Barat"), first.text());
        assertTrue(first.text().endsWith("99 Lanjut"), first.text());
        SimulatedPhone.Screen second = phone.send("99");
        assertNotEquals(first.text(), second.text(), "page 2");
        assertTrue(second.text().endsWith("99 Lanjut"), "a third page follows: " + second.text());
        SimulatedPhone.Screen third = phone.send("99");
        assertNotEquals(second.text(), third.text(), "the second 99 turned the page again");
        assertTrue(third.text().contains("14 Kota Palangka Raya"), third.text());

        phone.dial("*777#");
        SimulatedPhone.Screen categories = phone.send("4");
        assertTrue(categories.text().startsWith("Jenis pengaduan:"), categories.text());
        SimulatedPhone.Screen nik = phone.send("4");
        assertTrue(nik.text().startsWith("Masukkan NIK"), "the second 4 chose category 4: " + nik.text());
    }

    @Test
    void defaultProfileTakesTheSameKeyTwice() throws Exception {
        start(SmscSimulator.Options.defaults(0), SHORT_SCREENS);
        sameKeyTwiceAdvancesTwice(smsc.phone("6281234567890"));
    }

    @Test
    void sessionTlvProfileTakesTheSameKeyTwiceWithOrWithoutSessionInfo() throws Exception {
        start(SmscSimulator.Options.defaults(0).withVendorSessionTag(VENDOR_TAG), SESSION_TLV_SHORT_SCREENS);
        sameKeyTwiceAdvancesTwice(smsc.phone("6281234567890"));
        // a network that sends only its own session id: nothing in the PDU numbers the step
        sameKeyTwiceAdvancesTwice(smsc.phone("6281234567891").withoutSessionInfo());
    }

    @Test
    void withoutAnySessionTlvTheSameKeyTwiceStillAdvances() throws Exception {
        start(SmscSimulator.Options.defaults(0), SHORT_SCREENS);
        sameKeyTwiceAdvancesTwice(smsc.phone("6281234567890").withoutSessionInfo());
    }
}
