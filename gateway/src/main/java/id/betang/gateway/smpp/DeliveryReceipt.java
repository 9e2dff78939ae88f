package id.betang.gateway.smpp;

import java.time.Instant;

/**
 * A delivery receipt as the SMSC reported it, protocol details removed.
 *
 * @param messageId the SMSC's id of the submitted part: as written in the receipt when read, canonical
 *                  ({@link MessageIds}) once it leaves the SMPP edge
 * @param doneAt    when the SMSC says the message reached its final state (receipt time if it did not say)
 * @param error     the network error code from the receipt text, or empty
 */
public record DeliveryReceipt(String messageId, State state, Instant doneAt, String error) {

    /** This receipt with its id in the form submit_sm_resp ids are stored in, so it finds its part. */
    DeliveryReceipt canonical(MessageIds.Format format) {
        return new DeliveryReceipt(MessageIds.canonical(messageId, format), state, doneAt, error);
    }

    /** Final states we store; ENROUTE/ACCEPTED-style interim reports are {@link #INTERIM}. */
    public enum State {
        DELIVERED, UNDELIVERED, EXPIRED, REJECTED, DELETED, UNKNOWN, INTERIM;

        /** SMPP 3.4 message_state TLV values (§5.2.28). */
        static State fromMessageState(int value) {
            return switch (value) {
                case 2 -> DELIVERED;
                case 3 -> EXPIRED;
                case 4 -> DELETED;
                case 5 -> UNDELIVERED;
                case 8 -> REJECTED;
                case 1, 6 -> INTERIM;
                default -> UNKNOWN;
            };
        }

        /** The classic receipt text's {@code stat:} field (SMPP 3.4 Appendix B). */
        static State fromStat(String stat) {
            return switch (stat.toUpperCase(java.util.Locale.ROOT)) {
                case "DELIVRD" -> DELIVERED;
                case "EXPIRED" -> EXPIRED;
                case "DELETED" -> DELETED;
                case "UNDELIV" -> UNDELIVERED;
                case "REJECTD" -> REJECTED;
                case "ENROUTE", "ACCEPTD" -> INTERIM;
                default -> UNKNOWN;
            };
        }
    }
}
