package id.betang.gateway.notify;

import java.util.List;
import java.util.Map;

import org.apache.ibatis.annotations.MapKey;
import org.apache.ibatis.annotations.Param;

/** SQL of the notifications API's memory (idempotency keys, client refs); NotificationMapper.xml. */
public interface NotificationMapper {

    /** A key older than 24 hours is forgotten: the next request with it is a new one. */
    int forgetExpiredKey(@Param("caller") String caller, @Param("key") String key);

    /** @return 1, or a duplicate-key error when the key was used already (it waits for a request in flight) */
    int claimKey(@Param("caller") String caller, @Param("key") String key, @Param("sha") String requestSha256);

    int answerKey(@Param("caller") String caller, @Param("key") String key, @Param("status") int status,
                  @Param("response") String response);

    StoredAnswer storedAnswer(@Param("caller") String caller, @Param("key") String key);

    /** Those of {@code msisdns} that opted out of non-essential SMS. */
    List<String> optedOutAmong(@Param("msisdns") java.util.Collection<String> msisdns);

    @MapKey("clientRef")
    Map<String, Ref> refs(@Param("caller") String caller, @Param("refs") List<String> refs);

    /** @return the rows, or a duplicate-key error when a concurrent request took one of the refs */
    int insertRefs(@Param("caller") String caller, @Param("refs") List<Ref> refs);

    /** A client ref and the outbox id it named first. */
    record Ref(String clientRef, long outboxId) {
    }

    /** The first answer given under an idempotency key. */
    record StoredAnswer(String requestSha256, int statusCode, String response) {
    }
}
