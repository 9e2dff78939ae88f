package id.betang.gateway.limits;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import id.betang.gateway.config.GatewayConfig;
import id.betang.gateway.ops.CallerContext;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.vertx.core.Future;

/**
 * Token buckets in Redis, shared by every gateway instance. One script takes a token from each of a step's
 * buckets at once or from none (a step refused by its MSISDN's bucket costs its aggregator nothing), on the
 * Redis server's clock, so instances with drifting clocks agree. A bucket left alone expires once it would
 * be full again: Redis holds only callers active lately. A step's buckets belong to one owner (a phone, an
 * aggregator) whose name is their keys' hash tag, so on a Redis Cluster the script finds them in one slot.
 */
final class TokenBuckets {

    /**
     * KEYS: the buckets; ARGV: per bucket its tokens per millisecond and burst. A bucket is a hash of its
     * tokens ({@code v}) and when they were counted ({@code t}, ms). Answers {1, 0} when every bucket gave a
     * token, else {0, ms until the emptiest one has one again}.
     */
    private static final StoredScript TAKE = new StoredScript("""
            local time = redis.call('TIME')
            local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
            local tokens = {}
            local wait = 0
            for i, key in ipairs(KEYS) do
              local rate = tonumber(ARGV[2 * i - 1])
              local burst = tonumber(ARGV[2 * i])
              local bucket = redis.call('HMGET', key, 'v', 't')
              local v = tonumber(bucket[1]) or burst
              local t = tonumber(bucket[2]) or now
              v = math.min(burst, v + math.max(0, now - t) * rate)
              tokens[i] = v
              if v < 1 then wait = math.max(wait, math.ceil((1 - v) / rate)) end
            end
            if wait > 0 then return {0, wait} end
            for i, key in ipairs(KEYS) do
              local rate = tonumber(ARGV[2 * i - 1])
              local burst = tonumber(ARGV[2 * i])
              redis.call('HSET', key, 'v', tostring(tokens[i] - 1), 't', now)
              redis.call('PEXPIRE', key, math.ceil(burst / rate) + 1000)
            end
            return {1, 0}
            """);

    private final RedisClusterAsyncCommands<String, String> redis;
    private final String prefix;

    TokenBuckets(RedisClusterAsyncCommands<String, String> redis, String keyPrefix) {
        this.redis = redis;
        this.prefix = keyPrefix + "limit:";
    }

    /** One bucket of a step: its name under its owner ({@code ""}: the owner's own bucket) and its settings. */
    record Bucket(String name, GatewayConfig.Bucket settings) {
    }

    /**
     * @param owner whose buckets these are, e.g. {@code msisdn:6281…}: the hash tag of every key
     * @return empty when every bucket gave a token, else how long until they would
     */
    Future<java.util.Optional<Duration>> take(String owner, List<Bucket> buckets) {
        String[] keys = buckets.stream().map(b -> key(owner, b)).toArray(String[]::new);
        List<String> args = new ArrayList<>();
        for (Bucket b : buckets) {
            args.add(String.valueOf(b.settings().perMinute() / 60_000.0));
            args.add(String.valueOf(b.settings().burst()));
        }
        return CallerContext.future(TAKE.<List<Long>>run(redis, ScriptOutputType.MULTI, keys, args.toArray(String[]::new)))
                .map(answer -> answer.get(0) == 1L ? java.util.Optional.<Duration>empty()
                        : java.util.Optional.of(Duration.ofMillis(answer.get(1))));
    }

    String key(String owner, Bucket bucket) {
        return prefix + "{" + owner + "}" + (bucket.name().isEmpty() ? "" : ":" + bucket.name());
    }
}
