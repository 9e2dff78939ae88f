package id.betang.simulator.smsc;

import java.util.OptionalInt;

/**
 * One submit_sm the SMSC received, decoded for tests and the session log.
 *
 * @param ussdServiceOp   empty for SMS
 * @param itsSessionInfo  raw 16-bit value, empty when absent
 */
public record MtRecord(String messageId, String systemId, String source, String destination, String serviceType,
                       byte dataCoding, String text, OptionalInt ussdServiceOp, OptionalInt itsSessionInfo,
                       byte[] vendorSessionId) {

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
