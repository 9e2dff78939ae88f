package id.betang.gateway.smpp;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jsmpp.SMPPConstant;
import org.jsmpp.bean.DeliverSm;
import org.jsmpp.bean.OptionalParameter;

import id.betang.gateway.identity.Msisdn;

/**
 * Reads non-USSD deliver_sm: a delivery receipt (esm_class message type 0x04) or an MO SMS part
 * (UDH or SAR TLVs for concatenation; short_message or message_payload for the text).
 */
final class SmsPdus {

    private static final Pattern RECEIPT_ID = Pattern.compile("(?i)\\bid:\\s*([^\\s]+)");
    private static final Pattern RECEIPT_STAT = Pattern.compile("(?i)\\bstat:\\s*([A-Za-z]+)");
    private static final Pattern RECEIPT_DONE = Pattern.compile("(?i)\\bdone date:\\s*(\\d{10,12})");
    private static final Pattern RECEIPT_ERR = Pattern.compile("(?i)\\berr:\\s*([0-9A-Za-z]+)");
    private static final short SAR_MSG_REF_NUM = 0x020C;
    private static final short SAR_TOTAL_SEGMENTS = 0x020E;
    private static final short SAR_SEGMENT_SEQNUM = 0x020F;

    private SmsPdus() {
    }

    static boolean isReceipt(DeliverSm pdu) {
        // bits 5..2 of esm_class give the message type; 0x04 = SMSC delivery receipt
        return (pdu.getEsmClass() & 0x3C) == 0x04;
    }

    static DeliveryReceipt receipt(DeliverSm pdu, Instant now) throws MalformedPduException {
        String text = new String(nullToEmpty(pdu.getShortMessage()), StandardCharsets.ISO_8859_1);
        OptionalParameter idTlv = pdu.getOptionalParameter(OptionalParameter.Tag.RECEIPTED_MESSAGE_ID);
        String id = idTlv instanceof OptionalParameter.COctetString s ? s.getValueAsString() : null;
        if (id == null || id.isBlank()) {
            id = find(RECEIPT_ID, text).orElseThrow(() -> new MalformedPduException(SMPPConstant.STAT_ESME_RMISSINGTLV,
                    "delivery receipt carries neither receipted_message_id nor an id: field"));
        }
        OptionalParameter stateTlv = pdu.getOptionalParameter(OptionalParameter.Tag.MESSAGE_STATE);
        DeliveryReceipt.State state;
        if (stateTlv instanceof OptionalParameter.Byte b) {
            state = DeliveryReceipt.State.fromMessageState(b.getValue() & 0xFF);
        } else {
            state = find(RECEIPT_STAT, text).map(DeliveryReceipt.State::fromStat).orElse(DeliveryReceipt.State.UNKNOWN);
        }
        Instant doneAt = find(RECEIPT_DONE, text).flatMap(SmsPdus::receiptDate).orElse(now);
        return new DeliveryReceipt(id.strip(), state, doneAt, find(RECEIPT_ERR, text).orElse(""));
    }

    static MoSms sms(DeliverSm pdu) throws MalformedPduException {
        String msisdn = Msisdn.normalise(pdu.getSourceAddr()).orElseThrow(() -> new MalformedPduException(
                SMPPConstant.STAT_ESME_RINVSRCADR, "source_addr is not a mobile number"));
        byte coding = pdu.getDataCoding();
        if (!GsmCodec.supports(coding)) {
            throw new MalformedPduException(SMPPConstant.STAT_ESME_RSYSERR,
                    "unsupported data_coding 0x" + Integer.toHexString(coding & 0xFF));
        }
        byte[] message = nullToEmpty(pdu.getShortMessage());
        if (message.length == 0 && pdu.getOptionalParameter(OptionalParameter.Tag.MESSAGE_PAYLOAD)
                instanceof OptionalParameter.OctetString payload) {
            message = payload.getValue();
        }
        Optional<SmsCodec.Concatenation> concatenation = Optional.empty();
        if ((pdu.getEsmClass() & 0x40) != 0) {
            SmsCodec.Body body = SmsCodec.splitUdh(message);
            message = body.bytes();
            concatenation = body.concatenation();
        } else {
            concatenation = sar(pdu);
        }
        if (concatenation.isPresent() && !concatenation.get().plausible()) {
            throw new MalformedPduException(SMPPConstant.STAT_ESME_RINVTLVVAL,
                    "concatenation says part " + concatenation.get().sequence() + " of " + concatenation.get().total());
        }
        if (coding == GsmCodec.UCS2 && message.length % 2 != 0) {
            throw new MalformedPduException(SMPPConstant.STAT_ESME_RINVMSGLEN, "UCS-2 text with an odd number of octets");
        }
        return new MoSms(msisdn, nullToEmpty(pdu.getDestAddress()), GsmCodec.decode(coding, message), concatenation);
    }

    private static Optional<SmsCodec.Concatenation> sar(DeliverSm pdu) throws MalformedPduException {
        OptionalParameter ref = pdu.getOptionalParameter(SAR_MSG_REF_NUM);
        OptionalParameter total = pdu.getOptionalParameter(SAR_TOTAL_SEGMENTS);
        OptionalParameter seq = pdu.getOptionalParameter(SAR_SEGMENT_SEQNUM);
        if (ref == null && total == null && seq == null) {
            return Optional.empty();
        }
        if (ref == null || total == null || seq == null) {
            throw new MalformedPduException(SMPPConstant.STAT_ESME_RMISSINGTLV,
                    "SAR TLVs come as a set: sar_msg_ref_num, sar_total_segments, sar_segment_seqnum");
        }
        return Optional.of(new SmsCodec.Concatenation(unsigned(ref), unsigned(total), unsigned(seq)));
    }

    /** The value of a 1- or 2-octet TLV, whatever class jSMPP decoded it into. */
    private static int unsigned(OptionalParameter tlv) throws MalformedPduException {
        byte[] raw = tlv.serialize();
        int length = raw.length - 4;
        if (length == 1) {
            return raw[4] & 0xFF;
        }
        if (length == 2) {
            return ((raw[4] & 0xFF) << 8) | (raw[5] & 0xFF);
        }
        throw new MalformedPduException(SMPPConstant.STAT_ESME_RINVTLVLEN, "SAR TLV 0x"
                + Integer.toHexString(tlv.tag & 0xFFFF) + " has length " + length);
    }

    private static Optional<String> find(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }

    /** {@code YYMMDDhhmm} or {@code YYMMDDhhmmss}; SMSCs write local time, we take it as UTC+7 (WIB). */
    private static Optional<Instant> receiptDate(String digits) {
        try {
            String pattern = digits.length() == 12 ? "yyMMddHHmmss" : "yyMMddHHmm";
            return Optional.of(LocalDateTime.parse(digits, DateTimeFormatter.ofPattern(pattern))
                    .toInstant(ZoneOffset.ofHours(7)));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static byte[] nullToEmpty(byte[] b) {
        return b == null ? new byte[0] : b;
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
