package id.betang.gateway.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import id.betang.gateway.session.RedisConnection;
import id.betang.gateway.testing.TestStorage;
import io.vertx.core.json.JsonObject;

/** The registry's last answers in the real Redis: kept with their date and lifetime, or not at all. */
public class LastAnswersIT { // public: RedisClusterIT and RedisSentinelIT run it on their own engines

    static RedisConnection redis;
    static String prefix = TestStorage.freshRedisPrefix("lastanswers");
    static final Clock FETCHED = Clock.fixed(Instant.parse("2026-11-12T03:00:00Z"), ZoneOffset.UTC);

    @BeforeAll
    static void connect() {
        redis = RedisConnection.open(TestStorage.redis(prefix));
    }

    @AfterAll
    static void close() {
        redis.close();
    }

    @Test
    void keptWithWhenItWasFetchedForItsLifetime() throws Exception {
        LastAnswers last = new LastAnswers(redis.commands(), prefix, Duration.ofHours(24), FETCHED);
        last.remember("STATUS", "abc", new JsonObject().put("values", new JsonObject().put("nik", "x")));
        var found = org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20))
                .until(() -> last.recall("STATUS", "abc").await(5, TimeUnit.SECONDS), Optional::isPresent).orElseThrow();
        assertEquals(Instant.parse("2026-11-12T03:00:00Z"), found.fetchedAt());
        assertEquals("x", found.answer().getJsonObject("values").getString("nik"));
        long ttl = redis.sync().pttl(prefix + "last:STATUS:abc");
        assertTrue(ttl > 23 * 3_600_000L && ttl <= 24 * 3_600_000L, "kept 24 h: " + ttl);
        assertEquals(Optional.empty(), last.recall("SCHEDULE", "abc").await(5, TimeUnit.SECONDS), "per question");
    }

    @Test
    void aZeroLifetimeKeepsNothing() throws Exception {
        LastAnswers off = new LastAnswers(redis.commands(), prefix, Duration.ZERO, FETCHED);
        off.remember("STATUS", "def", new JsonObject().put("values", new JsonObject()));
        // a SET, had remember sent one, would reach Redis ahead of this EXISTS on the same connection: no wait needed
        assertEquals(0L, redis.sync().exists(prefix + "last:STATUS:def"));
        assertEquals(Optional.empty(), off.recall("STATUS", "def").await(5, TimeUnit.SECONDS));
    }
}
