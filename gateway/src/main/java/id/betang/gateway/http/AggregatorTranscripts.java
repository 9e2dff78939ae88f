package id.betang.gateway.http;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import id.betang.gateway.identity.NikHash;
import id.betang.gateway.ops.CallerContext;
import io.lettuce.core.SetArgs;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.vertx.core.Future;

/**
 * The aggregator convention, kept in the HTTP adapter: an aggregator sends every input so far joined by
 * {@code *} instead of the latest one. This remembers, per aggregator session, what the transcript last seen
 * was (a small Redis record with the dialogue's TTL), so each step hands the dialogue only what was added.
 * The transcript holds a NIK, card digits, a one-time code or an agent's PIN, so Redis keeps only its
 * length and a keyed hash of it: enough to recognise it as the start of the next one, nothing to read back.
 */
final class AggregatorTranscripts {

    /** What is remembered of the transcript last seen: its length and its keyed hash. */
    record Seen(int length, String digest) {
        static final Seen NOTHING = new Seen(0, "");

        String stored() {
            return length + ":" + digest;
        }

        static Seen parse(String stored) {
            int colon = stored == null ? -1 : stored.indexOf(':');
            if (colon <= 0) {
                return NOTHING;
            }
            try {
                return new Seen(Integer.parseInt(stored.substring(0, colon)), stored.substring(colon + 1));
            } catch (NumberFormatException e) {
                return NOTHING;
            }
        }
    }

    private final RedisClusterAsyncCommands<String, String> redis;
    private final String prefix;
    private final Duration ttl;
    private final NikHash hash;

    AggregatorTranscripts(RedisClusterAsyncCommands<String, String> redis, String keyPrefix, Duration ttl, NikHash hash) {
        this.redis = redis;
        this.prefix = keyPrefix + "http:seen:";
        this.ttl = ttl;
        this.hash = hash;
    }

    /** What was last seen of this session's transcript; {@link Seen#NOTHING} for a new or unknown session. */
    Future<Seen> seen(String sessionKey) {
        return CallerContext.future(redis.get(prefix + sessionKey)).map(Seen::parse);
    }

    /** After a step: remember the transcript while the dialogue goes on, forget it once it ended. */
    Future<Void> saw(String sessionKey, String transcript, boolean ended) {
        return (ended ? CallerContext.future(redis.del(prefix + sessionKey))
                : CallerContext.future(redis.set(prefix + sessionKey, of(transcript).stored(),
                        SetArgs.Builder.px(ttl.toMillis()))))
                .mapEmpty();
    }

    Seen of(String transcript) {
        return new Seen(transcript.length(), hash.of("ussd-http-transcript:" + transcript));
    }

    /** What was typed since {@code seen}: one input per step, whatever the aggregator sends. */
    String typed(Seen seen, String transcript) {
        int n = seen.length();
        if (n > 0 && transcript.length() > n && transcript.charAt(n) == '*'
                && of(transcript.substring(0, n)).equals(seen)) {
            return transcript.substring(n + 1);
        }
        if (n == 0 && !transcript.contains("*")) {
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
