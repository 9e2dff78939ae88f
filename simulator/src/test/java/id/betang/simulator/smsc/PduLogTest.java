package id.betang.simulator.smsc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import org.jsmpp.SMPPConstant;
import org.jsmpp.bean.OptionalParameter;
import org.jsmpp.util.DefaultComposer;
import org.junit.jupiter.api.Test;

import id.betang.gateway.smpp.GsmCodec;

/** The session log reads PDUs as an engineer would, from octets composed by jSMPP, not by our own code. */
class PduLogTest {

    static final DefaultComposer COMPOSE = new DefaultComposer();
    static final int LINK = 40001;
    static final String PHONE = "6281234567890";

    final PduLog log = new PduLog(100, null);

    static byte[] dial(int sequence, String code) throws Exception {
        return COMPOSE.deliverSm(sequence, "USSD", (byte) 1, (byte) 1, PHONE, (byte) 0, (byte) 0, "777", (byte) 0,
                (byte) 0, (byte) 0, (byte) 0, (byte) 0, code.getBytes(StandardCharsets.US_ASCII),
                new OptionalParameter.Ussd_service_op((byte) 1), new OptionalParameter.Its_session_info((short) 0x0c00));
    }

    static byte[] screen(int sequence, String text) throws Exception {
        GsmCodec.Encoded encoded = GsmCodec.encode(text);
        return COMPOSE.submitSm(sequence, "USSD", (byte) 0, (byte) 0, "777", (byte) 1, (byte) 1, PHONE, (byte) 0,
                (byte) 0, (byte) 0, null, null, (byte) 0, (byte) 0, encoded.dataCoding(), (byte) 0, encoded.bytes(),
                new OptionalParameter.Ussd_service_op((byte) 17), new OptionalParameter.Its_session_info((short) 0x0c03));
    }

    Pdu only() {
        List<PduLog.Entry> all = log.after(0, null, 10);
        assertEquals(1, all.size(), all.toString());
        return (Pdu) all.get(0);
    }

    @Test
    void aUssdDialWithItsTlvsAndText() throws Exception {
        log.pdu(LINK, Pdu.Direction.IN, dial(7, "*777#"));
        Pdu pdu = only();
        assertEquals("deliver_sm", pdu.command());
        assertEquals(7, pdu.sequence());
        assertEquals(0, pdu.status());
        assertEquals(PHONE, pdu.msisdn());
        assertEquals("*777#", pdu.text());
        assertEquals("USSD", pdu.fields().get("service_type"));
        assertEquals("0x00", pdu.fields().get("esm_class"));
        assertEquals("0x00 GSM 7-bit (SMSC default)", pdu.fields().get("data_coding"));
        assertEquals(new Pdu.Tlv(0x0501, "ussd_service_op", 1, "1", "PSSR indication"), pdu.tlv(0x0501).orElseThrow());
        assertEquals(new Pdu.Tlv(0x1383, "its_session_info", 2, "0x0c00", "session 12, sequence 0, end 0"),
                pdu.tlv(0x1383).orElseThrow());
        assertNull(pdu.problem());
    }

    @Test
    void theLastScreenEndsTheSessionAndItsResponseNamesThePhone() throws Exception {
        log.pdu(LINK, Pdu.Direction.OUT, screen(3, "Terima kasih."));
        log.pdu(LINK, Pdu.Direction.IN, COMPOSE.submitSmResp(3, "1a2b"));
        log.pdu(LINK, Pdu.Direction.OUT, COMPOSE.enquireLink(4));
        List<PduLog.Entry> all = log.after(0, null, 10);
        Pdu submit = (Pdu) all.get(0);
        assertEquals("submit_sm", submit.command());
        assertEquals("PSSR response", submit.tlv(0x0501).orElseThrow().meaning());
        assertEquals("session 12, sequence 1, end 1", submit.tlv(0x1383).orElseThrow().meaning());
        Pdu resp = (Pdu) all.get(1);
        assertEquals("submit_sm_resp", resp.command());
        assertTrue(resp.isResponse());
        assertEquals("1a2b", resp.fields().get("message_id"));
        assertEquals(PHONE, resp.msisdn(), "a response belongs to its request's phone");
        Pdu keepAlive = (Pdu) all.get(2);
        assertEquals("enquire_link", keepAlive.command());
        assertNull(keepAlive.msisdn());

        assertEquals(List.of(submit.id(), resp.id()), log.after(0, PHONE, 10).stream().map(PduLog.Entry::id).toList());
        assertEquals(List.of(keepAlive.id()), log.after(resp.id(), null, 10).stream().map(PduLog.Entry::id).toList());
        assertEquals(List.of(PHONE), log.phones());
    }

    @Test
    void aGenericNackShowsItsStatus() {
        byte[] nack = HexFormat.of().parseHex("00000010" + "80000000" + "00000003" + "7fffff01");
        log.pdu(LINK, Pdu.Direction.OUT, nack);
        Pdu pdu = only();
        assertEquals("generic_nack", pdu.command());
        assertEquals(SMPPConstant.STAT_ESME_RINVCMDID, pdu.status());
    }

    @Test
    void theBindPasswordIsMaskedInFieldsAndOctets() throws Exception {
        log.pdu(LINK, Pdu.Direction.OUT, COMPOSE.bind(SMPPConstant.CID_BIND_TRANSCEIVER, 1, "betang", "secret12", "",
                (byte) 0x34, (byte) 0, (byte) 0, ""));
        Pdu pdu = only();
        assertEquals("bind_transceiver", pdu.command());
        assertEquals("betang", pdu.fields().get("system_id"));
        assertEquals("********", pdu.fields().get("password"));
        assertFalse(new String(pdu.octets(), StandardCharsets.ISO_8859_1).contains("secret12"));
    }

    @Test
    void garbageIsShownAsFarAsItReads() {
        log.pdu(LINK, Pdu.Direction.IN, Garbage.unknownCommand());
        log.pdu(LINK, Pdu.Direction.IN, Garbage.deliverSmWithBadTlv());
        List<PduLog.Entry> all = log.after(0, null, 10);
        Pdu unknown = (Pdu) all.get(0);
        assertEquals("unknown command 0x000000ab", unknown.command());
        assertTrue(unknown.problem().contains("not in SMPP 3.4"), unknown.problem());
        Pdu bad = (Pdu) all.get(1);
        assertEquals("deliver_sm", bad.command());
        assertEquals("*777#", bad.text());
        assertEquals("should be 2 octets, is 3", bad.tlv(0x1383).orElseThrow().meaning());
    }

    @Test
    void theFramerCutsAStreamIntoPdusWhateverTheChunks() throws Exception {
        List<byte[]> pdus = new ArrayList<>();
        PduFramer framer = new PduFramer(pdus::add);
        byte[] a = dial(1, "*777#");
        byte[] b = COMPOSE.enquireLink(2);
        byte[] stream = new byte[a.length + b.length];
        System.arraycopy(a, 0, stream, 0, a.length);
        System.arraycopy(b, 0, stream, a.length, b.length);
        for (int i = 0; i < stream.length; i += 3) { // the header's length split across chunks, too
            framer.accept(stream, i, Math.min(3, stream.length - i));
        }
        assertEquals(2, pdus.size());
        assertEquals(HexFormat.of().formatHex(a), HexFormat.of().formatHex(pdus.get(0)));
        assertEquals(HexFormat.of().formatHex(b), HexFormat.of().formatHex(pdus.get(1)));
    }

    @Test
    void theLogKeepsTheNewestEntries() throws Exception {
        PduLog small = new PduLog(3, null);
        for (int i = 1; i <= 5; i++) {
            small.note(PHONE, "note " + i);
        }
        assertEquals(List.of("note 3", "note 4", "note 5"),
                small.after(0, null, 10).stream().map(e -> ((PduLog.Note) e).text()).toList());
        assertEquals(List.of("note 5"), small.after(0, null, 1).stream().map(e -> ((PduLog.Note) e).text()).toList());
    }
}
