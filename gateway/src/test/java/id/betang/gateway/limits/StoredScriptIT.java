package id.betang.gateway.limits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import id.betang.gateway.session.RedisConnection;
import id.betang.gateway.testing.TestStorage;
import io.lettuce.core.ScriptOutputType;

/** A script run by its hash in the real Redis: the first call on a server that lacks it still answers. */
class StoredScriptIT {

    static final String PREFIX = TestStorage.freshRedisPrefix("storedscript");
    static RedisConnection redis;

    @BeforeAll
    static void connect() {
        redis = RedisConnection.open(TestStorage.redis(PREFIX));
    }

    @AfterAll
    static void close() {
        redis.close();
    }

    @Test
    void aScriptTheServerLacksIsSentOnceAndRunByItsHashAfter() throws Exception {
        // a text no server has seen (no SCRIPT FLUSH: the shared Redis's scripts are other tests' too)
        StoredScript script = new StoredScript("-- " + UUID.randomUUID() + "\nreturn redis.call('INCR', KEYS[1])");
        String key = PREFIX + "count";
        assertFalse(redis.sync().scriptExists(script.sha()).get(0), "unknown before the first call");

        assertEquals(1L, script.<Long>run(redis.commands(), ScriptOutputType.INTEGER, new String[] {key})
                .toCompletableFuture().get(10, TimeUnit.SECONDS));
        assertTrue(redis.sync().scriptExists(script.sha()).get(0), "the NOSCRIPT fallback stored it");
        assertEquals(2L, script.<Long>run(redis.commands(), ScriptOutputType.INTEGER, new String[] {key})
                .toCompletableFuture().get(10, TimeUnit.SECONDS));
        redis.sync().del(key);
    }

    @Test
    void aFailingScriptFailsWithItsOwnError() {
        StoredScript script = new StoredScript("-- " + UUID.randomUUID() + "\nreturn redis.error_reply('NOPE')");
        Exception e = org.junit.jupiter.api.Assertions.assertThrows(Exception.class, () -> script
                .<Long>run(redis.commands(), ScriptOutputType.INTEGER, new String[] {PREFIX + "x"})
                .toCompletableFuture().get(10, TimeUnit.SECONDS));
        assertTrue(String.valueOf(e.getCause()).contains("NOPE"), String.valueOf(e.getCause()));
        assertEquals(List.of(true), redis.sync().scriptExists(script.sha()));
    }
}
