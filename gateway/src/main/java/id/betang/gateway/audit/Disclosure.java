package id.betang.gateway.audit;

/**
 * One row of the access audit: who (phone, agent) asked about which NIK (as its keyed hash), through which
 * channel, for what, and what the gateway did.
 */
public record Disclosure(String nikHash, String msisdn, String agentId, String channel, Subject subject,
                         Outcome outcome) {

    /**
     * What was asked: programme status, disbursement schedule, or a confirmation (card digits, one-time code)
     * before either; or a reminder SMS of a disbursement, sent to a signed-up phone (INGATKAN), which is a
     * disclosure too.
     */
    public enum Subject { STATUS, SCHEDULE, IDENTITY, REMINDER }

    public enum Outcome {
        /** the registry's answer was shown */
        SHOWN,
        /** the registry was down; its last answer was shown, stamped with its date */
        SHOWN_CACHED,
        /** the registry answered after the step budget; the answer went by SMS to the asking phone */
        SENT_BY_SMS,
        /** the registry has no such resident, and the caller was told so */
        NOT_FOUND,
        VERIFY_FAILED,
        /** a one-time code was sent to the household phone (or, for a NIK without one, the same steps taken) */
        CODE_SENT,
        LOCKED,
        LIMITED,
        /** a reminder sign-up ended: its phone may no longer see the household's schedule, nothing was sent */
        ENDED
    }
}
