package id.betang.gateway.outbox;

import java.util.List;

import org.apache.ibatis.annotations.Param;

/** SQL of the MT outbox; statements in OutboxMapper.xml beside this interface's package path. */
public interface OutboxMapper {

    void insert(NewSms sms);

    /** One multi-row insert; each row gets its generated id back. */
    void insertAll(@Param("rows") List<NewSms> rows);

    /**
     * Claims up to {@code limit} due rows, the longest-waiting first, for {@code leaseMs}; returns how many.
     * Read them back with {@link #claimedRows} on the same session.
     */
    int claimDue(@Param("limit") int limit, @Param("token") String token, @Param("instance") String instance,
                 @Param("leaseMs") long leaseMs);

    /** Claims up to {@code limit} rows whose claim lease ran out (their instance crashed or lost MySQL). */
    int claimAbandoned(@Param("limit") int limit, @Param("token") String token, @Param("instance") String instance,
                       @Param("leaseMs") long leaseMs);

    /**
     * The rows the last claim on this session took. {@code validityS}: a row created longer ago than this is
     * marked expired (by the database's clock).
     */
    List<ClaimedSms> claimedRows(@Param("token") String token, @Param("validityS") long validityS);

    List<SmsPart> partsOf(@Param("ids") List<Long> outboxIds);

    int markSent(@Param("ids") RowIds ids, @Param("token") String token, @Param("parts") int parts);

    int reschedule(@Param("id") long id, @Param("token") String token, @Param("delayMs") long delayMs,
                   @Param("reason") String reason);

    int markFailed(@Param("id") long id, @Param("token") String token, @Param("reason") String reason);

    /** Pushes out the lease of those of {@code ids} still live under one of {@code tokens}. */
    int renewClaims(@Param("ids") RowIds ids, @Param("tokens") List<String> tokens, @Param("leaseMs") long leaseMs);

    /** Hands back those of {@code ids} this instance claimed, for anyone to send at once. */
    int releaseClaims(@Param("ids") RowIds ids, @Param("instance") String instance);

    /** Parts carrying one of {@code ids} submitted within the last {@code windowS} seconds. */
    List<SmsPart> recentParts(@Param("ids") List<String> canonicalMessageIds, @Param("windowS") long windowS);

    /** Records each receipt on the parts with its id submitted within the last {@code windowS} seconds. */
    int recordReceipts(@Param("receipts") List<ReceiptBatch.PartReceipt> receipts, @Param("windowS") long windowS);

    /** Stores each verdict on its message, if the message was handed to the SMSC. */
    int settleAll(@Param("settlements") List<ReceiptBatch.Settlement> settlements);

    void insertUnmatched(@Param("messageId") String canonicalMessageId, @Param("state") String state,
                         @Param("doneAt") java.sql.Timestamp doneAt);

    OutboxStatus status(@Param("id") long id);
}
