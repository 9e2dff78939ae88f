package id.betang.gateway.smpp;

import java.util.Optional;

/**
 * A mobile-originated USSD PDU as the SMPP edge sees it: everything needed to answer on the same
 * session. It never leaves the smpp package; the dialogue sees a {@code UssdRequest}.
 */
record MoUssd(String msisdn, int serviceOp, int sessionNumber, int sequence, boolean endOfSession,
              Optional<byte[]> vendorSessionId, String text) {

    String sessionKey() {
        return vendorSessionId.map(id -> "v:" + java.util.HexFormat.of().formatHex(id))
                .orElseGet(() -> sessionNumber >= 0 ? msisdn + ":" + sessionNumber : msisdn);
    }
}
