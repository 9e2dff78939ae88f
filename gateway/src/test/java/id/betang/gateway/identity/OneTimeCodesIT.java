package id.betang.gateway.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import id.betang.gateway.identity.OneTimeCodes.Check;
import id.betang.gateway.session.RedisConnection;
import id.betang.gateway.testing.TestStorage;

/** One-time codes in the real Redis: 5 minutes, 3 tries, one use, and only a keyed hash kept. */
public class OneTimeCodesIT { // public: RedisClusterIT and RedisSentinelIT run it on their own engines

    static RedisConnection redis;
    static String prefix = TestStorage.freshRedisPrefix("codes");
    static final NikHash HASH = new NikHash("one-time-codes-test-key-0123");
    static final String SITI = HASH.of("6203014107850002");
    static OneTimeCodes codes;

    @BeforeAll
    static void connect() {
        redis = RedisConnection.open(TestStorage.redis(prefix));
        codes = new OneTimeCodes(redis.commands(), prefix, HASH, new SecureRandom());
    }

    @AfterAll
    static void close() {
        redis.close();
    }

    static <T> T await(io.vertx.core.Future<T> f) throws Exception {
        return f.await(5, TimeUnit.SECONDS);
    }

    static String issue(String phone) throws Exception {
        Optional<String> code = await(codes.issue(phone, SITI, true));
        assertTrue(code.isPresent() && code.get().matches("\\d{6}"), code.toString());
        return code.get();
    }

    static String other(String code) {
        return code.equals("000000") ? "000001" : "000000";
    }

    @Test
    void theRightCodeConfirmsOnceForThatPhoneOnly() throws Exception {
        String phone = "6281200001001";
        String code = issue(phone);
        assertEquals(Check.EXPIRED, await(codes.check("6281200001002", SITI, code)), "another phone has no code pending");
        assertEquals(Check.RIGHT, await(codes.check(phone, SITI, code)));
        assertEquals(Check.EXPIRED, await(codes.check(phone, SITI, code)), "used up");
    }

    @Test
    void redisKeepsAKeyedHashForFiveMinutesNeverTheCodeNorTheNik() throws Exception {
        String phone = "6281200001003";
        String code = issue(phone);
        String key = codes.codeKey(phone, SITI);
        Map<String, String> kept = redis.sync().hgetall(key);
        assertEquals(64, kept.get("h").length(), kept.toString());
        assertFalse(kept.values().stream().anyMatch(v -> v.contains(code)), "the code itself is not kept: " + kept);
        assertTrue(redis.sync().keys(prefix + "*").stream().noneMatch(k -> k.contains("6203014107850002")));
        long ttl = redis.sync().pttl(key);
        assertTrue(ttl > 4 * 60_000 && ttl <= 5 * 60_000, "valid 5 minutes: " + ttl);
    }

    @Test
    void threeWrongTriesEndTheCode() throws Exception {
        String phone = "6281200001004";
        String code = issue(phone);
        for (int i = 0; i < 3; i++) {
            assertEquals(Check.WRONG, await(codes.check(phone, SITI, other(code))));
        }
        assertEquals(Check.EXPIRED, await(codes.check(phone, SITI, code)), "even the right one is too late now");
    }

    @Test
    void aNewCodeReplacesThePendingOneAndAHouseholdGetsOnlyThreeInHalfAnHour() throws Exception {
        String phone = "6281200001005";
        String first = issue(phone);
        String second = issue(phone);
        issue(phone);
        assertEquals(Optional.empty(), await(codes.issue(phone, SITI, true)), "a fourth is refused: no SMS flood");
        if (!first.equals(second)) {
            assertEquals(Check.WRONG, await(codes.check(phone, SITI, first)));
        }
    }

    @Test
    void aNikWithoutAHouseholdPhoneKeepsTheSameShapeButNothingMatches() throws Exception {
        String phone = "6281200001006";
        String nik = HASH.of("6271010101900001");
        Optional<String> code = await(codes.issue(phone, nik, false));
        assertTrue(code.isPresent(), "the same answer as for a household");
        assertEquals(64, redis.sync().hget(codes.codeKey(phone, nik), "h").length());
        assertEquals(Check.WRONG, await(codes.check(phone, nik, code.get())), "not even the code it made up");
    }
}
