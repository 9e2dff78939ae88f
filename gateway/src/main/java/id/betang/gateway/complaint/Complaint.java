package id.betang.gateway.complaint;

import java.time.Instant;
import java.util.Set;

/**
 * A complaint as the gateway keeps it. {@code body} is stored verbatim (parameters only, never spliced
 * into SQL or HTML); what goes on an SMS is trimmed where it is written.
 */
public record Complaint(String ticketId, String category, String channel, String msisdn, String agentId, String nik,
                        String region, String village, String body, String status, String note, Instant createdAt,
                        Instant updatedAt) {

    /** The registry's categories (registry-api.yaml, ComplaintIn). */
    public static final Set<String> CATEGORIES = Set.of("AID_NOT_RECEIVED", "WRONG_DATA", "EXCLUDED_BUT_ELIGIBLE",
            "INELIGIBLE_RECIPIENT", "ILLEGAL_LEVY", "DATA_UPDATE", "OTHER");
    /** Where a complaint can stand (registry-api.yaml, ComplaintState). */
    public static final Set<String> STATUSES = Set.of("RECEIVED", "IN_REVIEW", "FIELD_VISIT", "RESOLVED", "REJECTED");
    public static final int MAX_BODY = 1000;

    /** The day of the last change, in Central Kalimantan, as ticket screens and SMS show it. */
    public String updatedOn() {
        return updatedAt.atZone(java.time.ZoneId.of("Asia/Jakarta")).toLocalDate().toString();
    }

    /** Whether this phone may read the ticket's details: the one that filed it, or the agent's phone. */
    public boolean readableBy(String askingMsisdn) {
        return msisdn.equals(askingMsisdn);
    }
}
