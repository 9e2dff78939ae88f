package id.betang.gateway.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import id.betang.gateway.testing.TestStorage;
import id.betang.menus.DialogueState;
import id.betang.menus.Screen;

/** Sessions in the real Redis: stored with the TTL, read back, gone when deleted or expired. */
public class SessionStoreIT { // public: RedisClusterIT and RedisSentinelIT run it on their own engines

    static RedisConnection redis;
    static String prefix = TestStorage.freshRedisPrefix("sessions");

    @BeforeAll
    static void connect() {
        redis = RedisConnection.open(TestStorage.redis(prefix));
    }

    @AfterAll
    static void close() {
        redis.close();
    }

    @Test
    void storesWithTtlAndReadsBack() throws Exception {
        SessionStore store = new SessionStore(redis.commands(), prefix, Duration.ofSeconds(180));
        DialogueState state = DialogueState.start("main", "id", Screen.Audience.RESIDENT, List.of());
        long before = System.nanoTime();
        store.save("6281234567890:1", state, "sha256:0123456789ab").await(5, TimeUnit.SECONDS);
        long ttl = redis.sync().pttl(prefix + "ussd:session:6281234567890:1");
        // 180 s from the save, less what has passed since (however long a busy machine took)
        long passed = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - before);
        assertTrue(ttl >= 180_000 - passed - 1 && ttl <= 180_000, "TTL " + ttl + " ms, " + passed + " ms after the save");
        assertEquals(Optional.of(new SessionStore.Saved(state, "sha256:0123456789ab")), store.load("6281234567890:1").await(5, TimeUnit.SECONDS));
        store.delete("6281234567890:1").await(5, TimeUnit.SECONDS);
        assertEquals(Optional.empty(), store.load("6281234567890:1").await(5, TimeUnit.SECONDS));
    }

    @Test
    void expiresAfterTheTtl() throws Exception {
        SessionStore store = new SessionStore(redis.commands(), prefix, Duration.ofMillis(200));
        store.save("s", DialogueState.start("main", "id", Screen.Audience.RESIDENT, List.of())).await(5, TimeUnit.SECONDS);
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20))
                .until(() -> store.load("s").await(5, TimeUnit.SECONDS).isEmpty());
        assertEquals(0L, redis.sync().exists(prefix + "ussd:session:s"));
    }
}
