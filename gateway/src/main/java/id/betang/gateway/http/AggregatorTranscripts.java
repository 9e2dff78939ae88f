package id.betang.gateway.http;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import id.betang.gateway.ops.CallerContext;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.vertx.core.Future;

/**
 * The aggregator convention, kept in the HTTP adapter: an aggregator sends every input so far joined by
 * {@code *} instead of the latest one. This remembers, per aggregator session, the transcript last seen
 * (a small Redis record with the dialogue's TTL), so each step hands the dialogue only what was added.
 */
final class AggregatorTranscripts {

    private final RedisAsyncCommands<String, String> redis;
    private final String prefix;
    private final Duration ttl;

    AggregatorTranscripts(RedisAsyncCommands<String, String> redis, String keyPrefix, Duration ttl) {
        this.redis = redis;
        this.prefix = keyPrefix + "http:seen:";
        this.ttl = ttl;
    }

    /** The transcript of this session as last seen; empty when none was (a new or unknown session). */
    Future<String> seen(String sessionKey) {
        return CallerContext.future(redis.get(prefix + sessionKey)).map(seen -> seen == null ? "" : seen);
    }

    /** After a step: remember the transcript while the dialogue goes on, forget it once it ended. */
    Future<Void> saw(String sessionKey, String transcript, boolean ended) {
        return (ended ? CallerContext.future(redis.del(prefix + sessionKey))
                : CallerContext.future(redis.set(prefix + sessionKey, transcript, SetArgs.Builder.px(ttl.toMillis()))))
                .mapEmpty();
    }

    /** What was typed since {@code seen}: one input per step, whatever the aggregator sends. */
    static String typed(String seen, String transcript) {
        if (!seen.isEmpty() && transcript.startsWith(seen + "*")) {
            return transcript.substring(seen.length() + 1);
        }
        if (seen.isEmpty() && !transcript.contains("*")) {
            return transcript;
        }
        // an aggregator that lost track of the transcript (or one whose text we never saw): the latest input
        return transcript.substring(transcript.lastIndexOf('*') + 1);
    }

    /** How many inputs the transcript holds, counted without splitting it. */
    static long count(String transcript) {
        return transcript.isEmpty() ? 0 : transcript.chars().filter(c -> c == '*').count() + 1;
    }

    /** Every input of the transcript, to replay a dialogue the gateway does not know (expired or lost). */
    static List<String> inputs(String transcript) {
        return Arrays.asList(transcript.split("\\*"));
    }
}
