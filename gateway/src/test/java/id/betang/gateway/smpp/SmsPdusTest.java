package id.betang.gateway.smpp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;

import org.jsmpp.SMPPConstant;
import org.jsmpp.bean.DeliverSm;
import org.jsmpp.bean.OptionalParameter;
import org.junit.jupiter.api.Test;

class SmsPdusTest {

    private static final Instant NOW = Instant.parse("2026-11-25T03:00:00Z");

    private static DeliverSm pdu(int esmClass, int dataCoding, byte[] message, OptionalParameter... tlvs) {
        DeliverSm pdu = new DeliverSm();
        pdu.setSourceAddr("6281234567890");
        pdu.setDestAddress("7777");
        pdu.setEsmClass((byte) esmClass);
        pdu.setDataCoding((byte) dataCoding);
        pdu.setShortMessage(message);
        pdu.setOptionalParameters(tlvs);
        return pdu;
    }

    @Test
    void receiptFromTlvs() throws MalformedPduException {
        DeliverSm pdu = pdu(0x04, 0, new byte[0], new OptionalParameter.Receipted_message_id("1a2b"),
                new OptionalParameter.Message_state((byte) 5));
        assertTrue(SmsPdus.isReceipt(pdu));
        DeliveryReceipt receipt = SmsPdus.receipt(pdu, NOW);
        assertEquals("1a2b", receipt.messageId());
        assertEquals(DeliveryReceipt.State.UNDELIVERED, receipt.state());
        assertEquals(NOW, receipt.doneAt());
    }

    @Test
    void receiptFromTheClassicTextAlone() throws MalformedPduException {
        String text = "id:0000006699 sub:001 dlvrd:001 submit date:2611251000 done date:2611251002 stat:DELIVRD err:000 text:";
        DeliveryReceipt receipt = SmsPdus.receipt(pdu(0x04, 0, text.getBytes(StandardCharsets.US_ASCII)), NOW);
        assertEquals("0000006699", receipt.messageId());
        assertEquals(DeliveryReceipt.State.DELIVERED, receipt.state());
        assertEquals(Instant.parse("2026-11-25T03:02:00Z"), receipt.doneAt(), "done date read as WIB");
        assertEquals("000", receipt.error());
    }

    @Test
    void everyFinalStateIsRead() throws MalformedPduException {
        for (String[] row : new String[][] {{"EXPIRED", "EXPIRED"}, {"REJECTD", "REJECTED"}, {"UNDELIV", "UNDELIVERED"},
                {"ACCEPTD", "INTERIM"}}) {
            DeliveryReceipt r = SmsPdus.receipt(pdu(0x04, 0, ("id:7 stat:" + row[0]).getBytes(StandardCharsets.US_ASCII)), NOW);
            assertEquals(DeliveryReceipt.State.valueOf(row[1]), r.state(), row[0]);
        }
    }

    @Test
    void receiptWithoutAnyIdIsRefused() {
        MalformedPduException e = assertThrows(MalformedPduException.class,
                () -> SmsPdus.receipt(pdu(0x04, 0, "stat:DELIVRD".getBytes(StandardCharsets.US_ASCII)), NOW));
        assertEquals(SMPPConstant.STAT_ESME_RMISSINGTLV, e.commandStatus());
    }

    @Test
    void smsInEveryCodingAnAggregatorUses() throws MalformedPduException {
        assertEquals("STATUS", SmsPdus.sms(pdu(0, 0x00, GsmCodec.encode("STATUS").bytes())).text());
        assertEquals("status", SmsPdus.sms(pdu(0, 0x01, "status".getBytes(StandardCharsets.US_ASCII))).text());
        assertEquals("aduan café", SmsPdus.sms(pdu(0, 0x03, "aduan café".getBytes(StandardCharsets.ISO_8859_1))).text());
        assertEquals("aduan 🙏", SmsPdus.sms(pdu(0, 0x08, "aduan 🙏".getBytes(StandardCharsets.UTF_16BE))).text());
        assertEquals("BANTUAN", SmsPdus.sms(pdu(0, 0x0F, GsmCodec.encode("BANTUAN").bytes())).text());
    }

    @Test
    void concatenationFromUdhOrSar() throws MalformedPduException {
        MoSms udh = SmsPdus.sms(pdu(0x40, 0, new byte[] {5, 0, 3, 9, 2, 2, 'a', 'b'}));
        assertEquals("ab", udh.text());
        assertEquals(Optional.of(new SmsCodec.Concatenation(9, 2, 2)), udh.concatenation());

        MoSms sar = SmsPdus.sms(pdu(0, 0, new byte[] {'c'}, new OptionalParameter.Sar_msg_ref_num((short) 300),
                new OptionalParameter.Sar_total_segments((byte) 3), new OptionalParameter.Sar_segment_seqnum((byte) 1)));
        assertEquals(Optional.of(new SmsCodec.Concatenation(300, 3, 1)), sar.concatenation());
        assertFalse(SmsPdus.isReceipt(pdu(0x40, 0, new byte[0])));
    }

    @Test
    void badInputGetsAFittingStatus() {
        assertEquals(SMPPConstant.STAT_ESME_RINVTLVVAL, assertThrows(MalformedPduException.class,
                () -> SmsPdus.sms(pdu(0x40, 0, new byte[] {5, 0, 3, 9, 2, 3, 'a'}))).commandStatus(), "part 3 of 2");
        assertEquals(SMPPConstant.STAT_ESME_RMISSINGTLV, assertThrows(MalformedPduException.class,
                () -> SmsPdus.sms(pdu(0, 0, new byte[] {'c'}, new OptionalParameter.Sar_msg_ref_num((short) 1))))
                .commandStatus());
        assertEquals(SMPPConstant.STAT_ESME_RINVMSGLEN, assertThrows(MalformedPduException.class,
                () -> SmsPdus.sms(pdu(0, 0x08, new byte[] {0, 'a', 0}))).commandStatus(), "odd UCS-2");
        assertEquals(SMPPConstant.STAT_ESME_RSYSERR, assertThrows(MalformedPduException.class,
                () -> SmsPdus.sms(pdu(0, 0x04, new byte[] {1}))).commandStatus(), "8-bit binary");
        DeliverSm notAPhone = pdu(0, 0, new byte[] {'x'});
        notAPhone.setSourceAddr("BANK");
        assertEquals(SMPPConstant.STAT_ESME_RINVSRCADR,
                assertThrows(MalformedPduException.class, () -> SmsPdus.sms(notAPhone)).commandStatus());
    }
}
