package id.betang.gateway.outbox;

import java.util.List;

import org.apache.ibatis.annotations.Param;

/** SQL of the MT outbox; statements in OutboxMapper.xml beside this interface's package path. */
public interface OutboxMapper {

    void insert(NewSms sms);

    /** One multi-row insert; each row gets its generated id back. */
    void insertAll(@Param("rows") List<NewSms> rows);

    /**
     * Locks up to {@code limit} due rows, the longest-waiting first, skipping rows another transaction holds;
     * inside a transaction, followed by {@link #claim}. {@code validityS}: a row created longer ago than this
     * is marked expired (by the database's clock).
     */
    List<ClaimedSms> lockDue(@Param("limit") int limit, @Param("validityS") long validityS);

    /** Locks up to {@code limit} rows whose claim lease ran out (their instance crashed or lost MySQL). */
    List<ClaimedSms> lockAbandoned(@Param("limit") int limit, @Param("validityS") long validityS);

    /** Claims the rows this transaction locked for {@code leaseMs}; returns how many. */
    int claim(@Param("ids") RowIds ids, @Param("token") String token, @Param("instance") String instance,
              @Param("leaseMs") long leaseMs);

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
