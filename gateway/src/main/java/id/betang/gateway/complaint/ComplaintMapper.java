package id.betang.gateway.complaint;

import java.util.List;

import org.apache.ibatis.annotations.Param;

/** SQL in ComplaintMapper.xml beside this interface's package in resources. */
public interface ComplaintMapper {

    /**
     * @param filingKey null, or the USSD step's filing key
     * @return 1, or a duplicate-key error when the ticket id or the filing key is taken
     */
    int insert(@Param("c") Complaint complaint, @Param("filingKey") String filingKey);

    /** Forgets the filing key of a complaint filed longer ago than {@code windowS} seconds. */
    int expireFilingKey(@Param("filingKey") String filingKey, @Param("windowS") long windowSeconds);

    /** The complaint a USSD step filed before, by its filing key. */
    Complaint findByFilingKey(@Param("filingKey") String filingKey);

    /**
     * The phone's complaints of the last day: {@code filed} (how many) and {@code same} (the ticket of the
     * latest with these words on this channel within {@code seconds}, or null), and {@code lang} (the phone's
     * chosen language, or null). Database clock.
     */
    java.util.Map<String, Object> recent(@Param("msisdn") String msisdn, @Param("channel") String channel,
                                         @Param("body") String body, @Param("seconds") long seconds);

    int insertForward(@Param("ticketId") String ticketId);

    Complaint find(@Param("ticketId") String ticketId);

    /** Complaints filed by a phone since a moment, for the rate limit. */
    int countSince(@Param("msisdn") String msisdn, @Param("since") java.sql.Timestamp since);

    /** Tickets due for forwarding; nothing is locked. */
    List<String> dueForwards(@Param("limit") int limit);

    int claimForwards(@Param("ids") List<String> ticketIds, @Param("token") String token,
                      @Param("leaseMs") long leaseMs);

    List<Complaint> claimedForwards(@Param("token") String token);

    /** The registry took these forwards (held under this claim). */
    int markAcceptedAll(@Param("ids") List<String> ticketIds, @Param("token") String token);

    /** The relay's answers as events, one multi-row INSERT IGNORE (an answer recorded before stays as it was). */
    int recordRelayAnswers(@Param("answers") List<ComplaintRelay.RelayAnswer> answers);

    /** Each event's status onto its complaint unless a newer one is held ({@link #applyStatus}'s rule). */
    int applyRelayAnswers(@Param("eventIds") List<String> eventIds);

    /** Marks the events whose complaint holds a newer status than they bring: run after {@link #applyRelayAnswers}. */
    int markRelayAnswersStale(@Param("eventIds") List<String> eventIds);

    /** Back to PENDING after a back-off that doubles with each attempt, from {@code firstS} up to {@code maxS}. */
    int reschedule(@Param("ticketId") String ticketId, @Param("token") String token, @Param("firstS") long firstSeconds,
                   @Param("maxS") long maxSeconds, @Param("error") String error);

    int markAttention(@Param("ticketId") String ticketId, @Param("token") String token, @Param("error") String error);

    String forwardStatus(@Param("ticketId") String ticketId);

    /** The oldest waiting row not held by a claim, due or not: what the relay tries while the registry is down. */
    String probeForward();

    int claimProbe(@Param("ticketId") String ticketId, @Param("token") String token, @Param("leaseMs") long leaseMs);

    /** Makes every row waiting out a back-off due now. */
    int wakeForwards();

    /** Complaints the registry does not have yet (PENDING), for the waiting gauge. */
    int countWaiting();

    /** @return 1 for a new event, 0 when it was seen before (INSERT IGNORE on its id) */
    int recordEvent(@Param("eventId") String eventId, @Param("ticketId") String ticketId, @Param("status") String status,
                    @Param("source") String source, @Param("updatedMs") Long updatedEpochMs,
                    @Param("note") String note);

    int markEventStale(@Param("eventId") String eventId);

    /** @return 1 when taken, 0 when what is held is newer (the registry's updatedAt, epoch ms) */
    int applyStatus(@Param("ticketId") String ticketId, @Param("status") String status, @Param("note") String note,
                    @Param("updatedMs") Long registryUpdatedEpochMs);
}
