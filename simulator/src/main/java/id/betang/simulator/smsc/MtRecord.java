package id.betang.simulator.smsc;

import java.util.OptionalInt;

import id.betang.gateway.smpp.SmsCodec;

/**
 * One submit_sm the SMSC received, decoded for tests and the session log.
 *
 * @param text            decoded text of this PDU (one part of a concatenated SMS)
 * @param part            where this PDU sits in a concatenated SMS; null for a single one
 * @param ussdServiceOp   empty for SMS
 * @param itsSessionInfo  raw 16-bit value, empty when absent
 */
public record MtRecord(String messageId, String systemId, String source, String destination, String serviceType,
                       byte dataCoding, String text, SmsCodec.Concatenation part, OptionalInt ussdServiceOp,
                       OptionalInt itsSessionInfo, byte[] vendorSessionId) {

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
