package id.betang.simulator.it.fuzz;

import java.util.HexFormat;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * One generated PDU, what kind of wrong it is, and which answers from the gateway are right for it.
 * Printed with its bytes in hex when it fails (PduFuzzIT adds the seed and the case index), so it can be
 * replayed by hand or the whole run again with {@code -Dfuzz.seed}.
 */
record FuzzCase(String kind, String detail, byte[] pdu, String expected, Predicate<RawSmsc.Pdu> accepts,
                Optional<String> ussdDialFrom) {

    /** A deliver_sm_resp with this status. */
    static Predicate<RawSmsc.Pdu> deliverSmResp(int status) {
        return p -> p.commandId() == RawSmsc.DELIVER_SM_RESP && p.status() == status;
    }

    /** A generic_nack with this status. */
    static Predicate<RawSmsc.Pdu> genericNack(int status) {
        return p -> p.commandId() == RawSmsc.GENERIC_NACK && p.status() == status;
    }

    /** Any answer that is an answer to a deliver_sm: its response (whatever the status) or a generic_nack. */
    static Predicate<RawSmsc.Pdu> anyDeliverSmAnswer() {
        return p -> p.commandId() == RawSmsc.DELIVER_SM_RESP || p.commandId() == RawSmsc.GENERIC_NACK;
    }

    static FuzzCase of(String kind, byte[] pdu, String expected, Predicate<RawSmsc.Pdu> accepts) {
        return new FuzzCase(kind, "", pdu, expected, accepts, Optional.empty());
    }

    FuzzCase detailed(String what) {
        return new FuzzCase(kind, what, pdu, expected, accepts, ussdDialFrom);
    }

    FuzzCase dialledBy(String msisdn) {
        return new FuzzCase(kind, detail, pdu, expected, accepts, Optional.of(msisdn));
    }

    @Override
    public String toString() {
        return kind + (detail.isEmpty() ? "" : ": " + detail) + " (expects " + expected + ") "
                + HexFormat.of().formatHex(pdu);
    }
}
