package id.betang.gateway.outbox;

import java.util.List;

import org.apache.ibatis.annotations.Param;

/** SQL of the MT outbox; statements in OutboxMapper.xml beside this interface's package path. */
public interface OutboxMapper {

    void insert(NewSms sms);

    /** One multi-row insert; each row gets its generated id back. */
    void insertAll(@Param("rows") List<NewSms> rows);

    /** Rows due for sending, the longest-waiting first; nothing is locked. */
    /** {@code validityS}: a row created longer ago than this is marked expired (by the database's clock). */
    List<ClaimedSms> due(@Param("limit") int limit, @Param("validityS") long validityS);

    /** Rows whose claim lease ran out (their instance crashed or lost MySQL); nothing is locked. */
    List<ClaimedSms> abandoned(@Param("limit") int limit, @Param("validityS") long validityS);

    /** Takes those of {@code ids} that are still free to take; returns how many. */
    int claim(@Param("ids") List<Long> ids, @Param("token") String token, @Param("instance") String instance,
              @Param("leaseMs") long leaseMs);

    /** Those of {@code ids} this claim got. */
    List<ClaimedSms> claimed(@Param("ids") List<Long> ids, @Param("token") String token,
                             @Param("validityS") long validityS);

    List<SmsPart> partsOf(@Param("ids") List<Long> outboxIds);

    void insertParts(@Param("parts") List<OutboxRecorder.PartRow> parts);

    int markSent(@Param("ids") List<Long> ids, @Param("token") String token, @Param("parts") int parts);

    int reschedule(@Param("id") long id, @Param("token") String token, @Param("delayMs") long delayMs,
                   @Param("reason") String reason);

    int markFailed(@Param("id") long id, @Param("token") String token, @Param("reason") String reason);

    /** Pushes out the lease of those of {@code ids} still live under one of {@code tokens}. */
    int renewClaims(@Param("ids") List<Long> ids, @Param("tokens") List<String> tokens, @Param("leaseMs") long leaseMs);

    /** Hands back those of {@code ids} this instance claimed, for anyone to send at once. */
    int releaseClaims(@Param("ids") List<Long> ids, @Param("instance") String instance);

    /** Outbox rows with a part of this id submitted within the last {@code windowS} seconds. */
    List<Long> outboxIdsOfMessage(@Param("messageId") String canonicalMessageId, @Param("windowS") long windowS);

    int recordReceipt(@Param("messageId") String canonicalMessageId, @Param("windowS") long windowS,
                      @Param("state") String state, @Param("error") String error,
                      @Param("doneAt") java.sql.Timestamp doneAt);

    int settle(@Param("id") long outboxId, @Param("status") String status, @Param("at") java.sql.Timestamp at);

    void insertUnmatched(@Param("messageId") String canonicalMessageId, @Param("state") String state,
                         @Param("doneAt") java.sql.Timestamp doneAt);

    OutboxStatus status(@Param("id") long id);
}
