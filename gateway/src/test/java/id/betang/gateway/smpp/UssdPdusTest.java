package id.betang.gateway.smpp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.Set;

import org.jsmpp.SMPPConstant;
import org.jsmpp.bean.DeliverSm;
import org.jsmpp.bean.OptionalParameter;
import org.junit.jupiter.api.Test;

class UssdPdusTest {

    static final UssdProfile DEFAULT = new UssdProfile("default", Optional.empty(), Set.of(), "*777#");
    static final UssdProfile SESSION_TLV = new UssdProfile("session-tlv", Optional.of((short) 0x1501), Set.of(), "*777#");

    static DeliverSm ussd(String from, int op, Integer sessionInfo, String text, OptionalParameter... extra) {
        DeliverSm pdu = new DeliverSm();
        pdu.setServiceType("USSD");
        pdu.setSourceAddr(from);
        pdu.setDataCoding((byte) 0);
        pdu.setShortMessage(GsmCodec.encode(text).bytes());
        java.util.List<OptionalParameter> tlvs = new java.util.ArrayList<>();
        tlvs.add(new OptionalParameter.Ussd_service_op((byte) op));
        if (sessionInfo != null) {
            tlvs.add(new OptionalParameter.Its_session_info(sessionInfo.shortValue()));
        }
        tlvs.addAll(java.util.List.of(extra));
        pdu.setOptionalParameters(tlvs.toArray(new OptionalParameter[0]));
        return pdu;
    }

    @Test
    void beginOnTheDefaultProfile() throws Exception {
        MoUssd mo = new UssdPdus(DEFAULT).parse(ussd("+6281234567890", 1, (7 << 8), "*777#"));
        assertEquals("6281234567890", mo.msisdn());
        assertEquals(7, mo.sessionNumber());
        assertEquals(0, mo.sequence());
        assertFalse(mo.endOfSession());
        assertEquals("*777#", mo.text());
        assertEquals("6281234567890:7", mo.sessionKey());
    }

    @Test
    void replyCarriesNextSequenceAndEndBit() throws Exception {
        UssdPdus pdus = new UssdPdus(DEFAULT);
        MoUssd mo = pdus.parse(ussd("6281234567890", 18, (200 << 8) | (3 << 1), "1"));
        OptionalParameter[] cont = pdus.replyTlvs(mo, false);
        assertEquals(2, ((OptionalParameter.Byte) cont[0]).getValue());
        assertEquals((short) ((200 << 8) | (4 << 1)), ((OptionalParameter.Short) cont[1]).getValue());
        OptionalParameter[] fin = pdus.replyTlvs(mo, true);
        assertEquals(17, ((OptionalParameter.Byte) fin[0]).getValue());
        assertEquals((short) ((200 << 8) | (4 << 1) | 1), ((OptionalParameter.Short) fin[1]).getValue());
    }

    @Test
    void endBitMeansTheUserLeft() throws Exception {
        assertTrue(new UssdPdus(DEFAULT).parse(ussd("6281234567890", 18, (5 << 8) | (2 << 1) | 1, "")).endOfSession());
    }

    @Test
    void withoutSessionInfoTheMsisdnIsTheKey() throws Exception {
        assertEquals("6281234567890", new UssdPdus(DEFAULT).parse(ussd("6281234567890", 1, null, "*777#")).sessionKey());
    }

    @Test
    void vendorSessionIdIsTheKeyAndEchoedUnchanged() throws Exception {
        byte[] id = {1, 2, 3, (byte) 0xFE};
        UssdPdus pdus = new UssdPdus(SESSION_TLV);
        MoUssd mo = pdus.parse(ussd("6281234567890", 1, null, "*777#", new OptionalParameter.OctetString((short) 0x1501, id)));
        assertEquals("v:010203fe", mo.sessionKey());
        OptionalParameter[] tlvs = pdus.replyTlvs(mo, false);
        OptionalParameter.OctetString echoed = (OptionalParameter.OctetString) tlvs[tlvs.length - 1];
        org.junit.jupiter.api.Assertions.assertArrayEquals(id, echoed.getValue());
    }

    @Test
    void malformedPdusGetPreciseStatuses() {
        UssdPdus pdus = new UssdPdus(DEFAULT);
        assertEquals(SMPPConstant.STAT_ESME_RINVSRCADR, assertThrows(MalformedPduException.class,
                () -> pdus.parse(ussd("12", 1, 0, "*777#"))).commandStatus());
        DeliverSm noOp = ussd("6281234567890", 1, 0, "*777#");
        noOp.setOptionalParameters(new OptionalParameter[0]);
        assertEquals(SMPPConstant.STAT_ESME_RMISSINGTLV, assertThrows(MalformedPduException.class,
                () -> pdus.parse(noOp)).commandStatus());
        assertEquals(SMPPConstant.STAT_ESME_RMISSINGTLV, assertThrows(MalformedPduException.class,
                () -> new UssdPdus(SESSION_TLV).parse(ussd("6281234567890", 1, 0, "*777#"))).commandStatus());
        DeliverSm badCoding = ussd("6281234567890", 1, 0, "*777#");
        badCoding.setDataCoding((byte) 0x04);
        assertEquals(SMPPConstant.STAT_ESME_RSYSERR, assertThrows(MalformedPduException.class,
                () -> pdus.parse(badCoding)).commandStatus());
    }
}
