package id.betang.gateway.smpp;

import static id.betang.gateway.smpp.UssdPdusTest.ussd;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.jsmpp.bean.DeliverSm;
import org.jsmpp.bean.OptionalParameter;
import org.junit.jupiter.api.Test;

/** The key rule of the redelivery filter, per profile: what makes two deliver_sm the same, and for how long. */
class DuplicatesTest {

    static final String RESIDENT = "6281234567890";
    static final int SESSION = 7;

    /** its_session_info as the phone's network writes it: session number, sequence, no end bit. */
    static int info(int sequence) {
        return (SESSION << 8) | (sequence << 1);
    }

    static OptionalParameter vendor(String hex) {
        return new OptionalParameter.OctetString((short) 0x1501, java.util.HexFormat.of().parseHex(hex));
    }

    static DeliverSm sms(String text, byte esmClass) {
        DeliverSm pdu = new DeliverSm();
        pdu.setSourceAddr(RESIDENT);
        pdu.setDestAddress("7777");
        pdu.setEsmClass(esmClass);
        pdu.setDataCoding((byte) 0);
        pdu.setShortMessage(GsmCodec.encode(text).bytes());
        return pdu;
    }

    @Test
    void defaultProfileTellsTheSameKeyPressedTwiceApartByItsSequence() {
        // menu seq 1, "4" seq 2, screen seq 3, "4" seq 4
        DeliverSm first = ussd(RESIDENT, 18, info(2), "4");
        DeliverSm second = ussd(RESIDENT, 18, info(4), "4");
        assertNotEquals(Duplicates.fingerprint(first), Duplicates.fingerprint(second), "two presses, two fingerprints");
        assertEquals(Duplicates.fingerprint(first), Duplicates.fingerprint(ussd(RESIDENT, 18, info(2), "4")),
                "the SMSC's resend of the first is the same");
        assertTrue(Duplicates.keptForTheWindow(first), "a resend after our answer is still recognised");
    }

    @Test
    void sessionTlvProfileWithSessionInfoTellsPressesApartToo() {
        DeliverSm first = ussd(RESIDENT, 18, info(2), "99", vendor("0011223344556677"));
        DeliverSm second = ussd(RESIDENT, 18, info(4), "99", vendor("0011223344556677"));
        assertNotEquals(Duplicates.fingerprint(first), Duplicates.fingerprint(second));
        assertTrue(Duplicates.keptForTheWindow(first));
    }

    @Test
    void withoutSessionInfoTwoPressesLookAlikeSoTheyAreOnlyKeptUntilAnswered() {
        // session-tlv networks that send only their own id, and networks with no session TLV at all
        DeliverSm vendorOnly = ussd(RESIDENT, 18, null, "4", vendor("0011223344556677"));
        assertEquals(Duplicates.fingerprint(vendorOnly),
                Duplicates.fingerprint(ussd(RESIDENT, 18, null, "4", vendor("0011223344556677"))));
        assertFalse(Duplicates.keptForTheWindow(vendorOnly), "the vendor id names the dialogue, not the step");
        DeliverSm bare = ussd(RESIDENT, 18, null, "4");
        assertFalse(Duplicates.keptForTheWindow(bare), "nothing names the step");
    }

    @Test
    void aOnePartSmsIsKeptUntilAnsweredALongSmsPartForTheWindow() {
        assertFalse(Duplicates.keptForTheWindow(sms("STATUS", (byte) 0)), "the same text again is a new SMS");
        assertTrue(Duplicates.keptForTheWindow(sms("\u0005\u0000\u0003\u0011\u0002\u0001ADUAN", (byte) 0x40)),
                "a part carries its message's reference in the UDH");
        DeliverSm sar = sms("ADUAN", (byte) 0);
        sar.setOptionalParameters(new OptionalParameter.Sar_msg_ref_num((short) 17));
        assertTrue(Duplicates.keptForTheWindow(sar), "or in sar_msg_ref_num");
    }

    @Test
    void theSmscsSequenceNumberIsNotPartOfTheFingerprint() {
        DeliverSm first = sms("STATUS", (byte) 0);
        DeliverSm resent = sms("STATUS", (byte) 0);
        first.setSequenceNumber(41);
        resent.setSequenceNumber(977);
        assertEquals(Duplicates.fingerprint(first), Duplicates.fingerprint(resent), "a resend gets a new one, often on another bind");
    }
}
