package id.betang.gateway.registry;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import id.betang.gateway.ops.CallerContext;
import io.lettuce.core.SetArgs;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

/**
 * The registry's last answer per NIK and question (status, schedule), kept in Redis for a while so that a
 * resident still gets something true-as-of-a-date while the registry is down. Keyed by the NIK's keyed hash;
 * the value carries when it was fetched so the screen can say "per 12 Nov". A zero lifetime switches it off.
 * Failures to remember are ignored: the cache is a courtesy, never a reason to fail a step.
 */
public final class LastAnswers {

    /** A remembered answer and when the registry gave it. */
    public record Remembered(JsonObject answer, Instant fetchedAt) {
    }

    private final RedisClusterAsyncCommands<String, String> redis;
    private final String prefix;
    private final Duration lifetime;
    private final Clock clock;

    public LastAnswers(RedisClusterAsyncCommands<String, String> redis, String keyPrefix, Duration lifetime, Clock clock) {
        this.redis = redis;
        this.prefix = keyPrefix + "last:";
        this.lifetime = lifetime;
        this.clock = clock;
    }

    public void remember(String question, String nikHash, JsonObject answer) {
        if (lifetime.isZero()) {
            return;
        }
        JsonObject stored = new JsonObject().put("at", clock.millis()).put("answer", answer);
        redis.set(key(question, nikHash), stored.encode(), SetArgs.Builder.px(lifetime.toMillis()));
    }

    public Future<Optional<Remembered>> recall(String question, String nikHash) {
        if (lifetime.isZero()) {
            return Future.succeededFuture(Optional.empty());
        }
        return CallerContext.future(redis.get(key(question, nikHash)))
                .map(text -> Optional.ofNullable(text).map(JsonObject::new)
                        .map(o -> new Remembered(o.getJsonObject("answer"), Instant.ofEpochMilli(o.getLong("at")))))
                .otherwise(Optional.empty());
    }

    private String key(String question, String nikHash) {
        return prefix + question + ":" + nikHash;
    }
}
