package id.betang.gateway.session;

import java.time.Duration;
import java.util.Optional;

import id.betang.gateway.ops.CallerContext;
import id.betang.menus.DialogueState;
import io.lettuce.core.SetArgs;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.vertx.core.Future;

/**
 * USSD dialogue state in Redis, one key per session with the session TTL, so a dialogue survives a gateway
 * restart and may continue on another instance. Lettuce's async API, bridged to Vert.x futures.
 */
public final class SessionStore {

    private final RedisClusterAsyncCommands<String, String> redis;
    private final String prefix;
    private final Duration ttl;

    public SessionStore(RedisClusterAsyncCommands<String, String> redis, String keyPrefix, Duration ttl) {
        this.redis = redis;
        this.prefix = keyPrefix + "ussd:session:";
        this.ttl = ttl;
    }

    /** A saved dialogue and the checksum of the menu version it runs on (null when saved without one). */
    public record Saved(DialogueState state, String menu) { }

    public Future<Optional<Saved>> load(String sessionKey) {
        return CallerContext.future(redis.get(key(sessionKey)))
                .map(json -> Optional.ofNullable(json).map(StateCodec::decodeSaved));
    }

    public Future<Void> save(String sessionKey, DialogueState state) {
        return save(sessionKey, state, null);
    }

    public Future<Void> save(String sessionKey, DialogueState state, String menu) {
        return CallerContext.future(redis.set(key(sessionKey), StateCodec.encode(state, menu),
                SetArgs.Builder.px(ttl.toMillis()))).mapEmpty();
    }

    public Future<Void> delete(String sessionKey) {
        return CallerContext.future(redis.del(key(sessionKey))).mapEmpty();
    }

    public String key(String sessionKey) {
        return prefix + sessionKey;
    }
}
