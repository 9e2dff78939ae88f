package id.betang.gateway.session;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import id.betang.gateway.config.GatewayConfig;
import id.betang.gateway.limits.RateLimits;
import id.betang.gateway.testing.RedisServer;
import id.betang.gateway.testing.TestStorage;
import id.betang.menus.DialogueState;
import id.betang.menus.Screen;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * The failover both distributed engines must survive: dialogues saved, the primary that holds one of them
 * killed ({@code kill -9}) once its replica has everything; then, after a while of "busy", the same connection
 * reads every dialogue back from the promoted replica, writes new ones, runs the limits' Lua and answers PING.
 */
final class PrimaryKilled {

    /** Where a key lives now (a cluster's master of its slot, Sentinel's primary). */
    interface Primaries {
        RedisServer of(String key) throws Exception;
    }

    private PrimaryKilled() {
    }

    static void check(String name, Primaries primaries) throws Exception {
        String prefix = TestStorage.freshRedisPrefix(name);
        try (RedisConnection redis = RedisConnection.open(TestStorage.redis(prefix))) {
            SessionStore sessions = new SessionStore(redis.commands(), prefix, Duration.ofMinutes(10));
            List<String> ids = IntStream.range(0, 40).mapToObj(i -> "628120000" + (1000 + i) + ":1").toList();
            for (String id : ids) {
                sessions.save(id, state(id)).await(10, TimeUnit.SECONDS);
            }
            String watched = sessions.key(ids.get(0));
            RedisServer victim = primaries.of(watched);
            await("the replica has every dialogue").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                    .until(() -> victim.replicasCaughtUp(1));
            victim.kill();
            long killed = System.nanoTime();

            await("the dialogue is read again, from the promoted replica").atMost(Duration.ofSeconds(120))
                    .pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                    .until(() -> sessions.load(ids.get(0)).await(5, TimeUnit.SECONDS).isPresent());
            // a figure for the report, not an assertion: how long the lost primary's keys answered "busy"
            System.out.printf("%s: the dialogue read again %d ms after the kill%n", name,
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killed));
            assertNotEquals(victim.port(), primaries.of(watched).port(), "another server holds the dialogue now");
            for (String id : ids) {
                assertEquals(Optional.of(state(id)), sessions.load(id).await(10, TimeUnit.SECONDS).map(SessionStore.Saved::state), id);
                sessions.save(id + "0", state(id)).await(10, TimeUnit.SECONDS);
            }
            SimpleMeterRegistry metrics = new SimpleMeterRegistry();
            RateLimits limits = new RateLimits(redis.commands(), prefix, new GatewayConfig.Limits(
                    new GatewayConfig.Bucket(1, 5), new GatewayConfig.Bucket(1, 5), new GatewayConfig.Bucket(1, 5)), metrics);
            limits.aggregator("agg-failover", "192.0.2.9").await(10, TimeUnit.SECONDS);
            assertEquals(0.0, metrics.counter("betang_rate_limit_unchecked").count(), "the limits' script ran");
            await("ready again").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                    .until(() -> redis.ping().await(5, TimeUnit.SECONDS));
        }
    }

    private static DialogueState state(String id) {
        return DialogueState.start("main", id, Screen.Audience.RESIDENT, List.of());
    }
}
