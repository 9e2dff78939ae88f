package id.betang.simulator.smsc;

import java.util.Arrays;
import java.util.OptionalInt;

import org.jsmpp.bean.OptionalParameter;
import org.jsmpp.bean.SubmitSm;

import id.betang.gateway.smpp.GsmCodec;
import id.betang.gateway.smpp.MalformedPduException;
import id.betang.gateway.smpp.SmsCodec;

/**
 * One submit_sm the SMSC received, decoded for tests and the phones.
 *
 * @param text            decoded text of this PDU (one part of a concatenated SMS)
 * @param part            where this PDU sits in a concatenated SMS; null for a single one
 * @param ussdServiceOp   empty for SMS
 * @param itsSessionInfo  raw 16-bit value, empty when absent
 * @param boundAs         the system_type of the bind it came over: which ESME answered when several share the
 *                        system_id (e.g. gateway instances); empty when the bind gave none
 */
public record MtRecord(String messageId, String systemId, String source, String destination, String serviceType,
                       byte dataCoding, String text, SmsCodec.Concatenation part, OptionalInt ussdServiceOp,
                       OptionalInt itsSessionInfo, byte[] vendorSessionId, String boundAs) {

    /**
     * @param vendorSessionTag the session-tlv profile's tag, whose value is kept; null in the default profile
     * @throws IllegalArgumentException when the UDH is malformed
     */
    static MtRecord of(SubmitSm submit, String messageId, String systemId, String boundAs, Short vendorSessionTag) {
        OptionalParameter op = submit.getOptionalParameter(OptionalParameter.Tag.USSD_SERVICE_OP);
        OptionalParameter info = submit.getOptionalParameter(OptionalParameter.Tag.ITS_SESSION_INFO);
        byte[] vendor = null;
        if (vendorSessionTag != null) {
            OptionalParameter v = submit.getOptionalParameter(vendorSessionTag);
            if (v != null) {
                byte[] raw = v.serialize();
                vendor = Arrays.copyOfRange(raw, 4, raw.length);
            }
        }
        byte[] body = submit.getShortMessage() == null ? new byte[0] : submit.getShortMessage();
        SmsCodec.Concatenation part = null;
        if ((submit.getEsmClass() & 0x40) != 0) {
            try {
                SmsCodec.Body split = SmsCodec.splitUdh(body);
                body = split.bytes();
                part = split.concatenation().orElse(null);
            } catch (MalformedPduException e) {
                throw new IllegalArgumentException(e.getMessage());
            }
        }
        return new MtRecord(messageId, systemId, submit.getSourceAddr(), submit.getDestAddress(),
                submit.getServiceType(), submit.getDataCoding(), GsmCodec.decode(submit.getDataCoding(), body), part,
                op instanceof OptionalParameter.Byte b ? OptionalInt.of(b.getValue() & 0xFF) : OptionalInt.empty(),
                info instanceof OptionalParameter.Short s ? OptionalInt.of(s.getValue() & 0xFFFF) : OptionalInt.empty(),
                vendor, boundAs);
    }

    public int sessionNumber() {
        return itsSessionInfo.isPresent() ? (itsSessionInfo.getAsInt() >> 8) & 0xFF : -1;
    }

    public int sequence() {
        return itsSessionInfo.isPresent() ? (itsSessionInfo.getAsInt() & 0xFF) >> 1 : -1;
    }

    public boolean endOfSession() {
        return itsSessionInfo.isPresent() && (itsSessionInfo.getAsInt() & 1) == 1;
    }

    public boolean isUssd() {
        return ussdServiceOp.isPresent();
    }
}
