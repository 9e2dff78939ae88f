package id.betang.gateway.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
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

import id.betang.gateway.action.Actions;
import id.betang.gateway.config.GatewayConfig;
import id.betang.gateway.session.RedisConnection;
import id.betang.gateway.testing.TestStorage;

/** The identity rules' counters in the real Redis. */
public class NikGuardIT { // public: RedisClusterIT and RedisSentinelIT run it on their own engines

    static RedisConnection redis;
    static String prefix = TestStorage.freshRedisPrefix("nikguard");
    static final NikHash HASH = new NikHash("nik-guard-test-key-0123");
    static final GatewayConfig.Identity RULES = new GatewayConfig.Identity("unused", 3, 3, Duration.ofMinutes(30));

    @BeforeAll
    static void connect() {
        redis = RedisConnection.open(TestStorage.redis(prefix));
    }

    @AfterAll
    static void close() {
        redis.close();
    }

    NikGuard guard(Clock clock) {
        return new NikGuard(redis.commands(), prefix, RULES, clock);
    }

    static <T> T await(io.vertx.core.Future<T> f) throws Exception {
        return f.await(5, TimeUnit.SECONDS);
    }

    @Test
    void aPhoneMayLookUpOnlySoManyDistinctNiksADay() throws Exception {
        NikGuard guard = guard(Clock.systemUTC());
        String phone = "6281200000001";
        for (int i = 1; i <= 3; i++) {
            assertEquals(NikGuard.Admission.ALLOWED, await(guard.admit(phone, HASH.of("627101010190000" + i))));
        }
        assertEquals(NikGuard.Admission.LIMITED, await(guard.admit(phone, HASH.of("6271010101900004"))));
        assertEquals(NikGuard.Admission.ALLOWED, await(guard.admit(phone, HASH.of("6271010101900002"))),
                "one already counted today stays allowed");
        assertEquals(NikGuard.Admission.LIMITED, await(guard.admit(phone, HASH.of("6271010101900005"))),
                "a refused NIK did not take a place");
        assertEquals(NikGuard.Admission.ALLOWED, await(guard.admit("6281200000002", HASH.of("6271010101900004"))),
                "another phone has its own count");
    }

    /** Phones 10 NIKs a day, aggregators 4, agents 2: each counter holds the step back on its own. */
    static final GatewayConfig.Identity WIDE = new GatewayConfig.Identity("unused", 10, 3, Duration.ofMinutes(30), 4, 2);

    static Actions.Caller caller(String phone, String aggregator, String agent) {
        return new Actions.Caller(phone, "test", Optional.ofNullable(aggregator), Optional.ofNullable(agent),
                System.nanoTime(), eventual -> { });
    }

    @Test
    void anAggregatorsCallersShareOneCountWhateverPhoneTheyClaim() throws Exception {
        NikGuard guard = new NikGuard(redis.commands(), prefix, WIDE, Clock.systemUTC());
        // a stranger rotating phoneNumber through one aggregator: every lookup counts for the aggregator
        for (int i = 1; i <= 4; i++) {
            assertEquals(NikGuard.Admission.ALLOWED, await(guard.admit(caller("628130000010" + i, "agg-x", null),
                    HASH.of("627101010191000" + i))));
        }
        assertEquals(NikGuard.Admission.LIMITED, await(guard.admit(caller("6281300000109", "agg-x", null),
                HASH.of("6271010101910009"))));
        assertEquals(NikGuard.Admission.ALLOWED, await(guard.admit(caller("6281300000101", "agg-x", null),
                HASH.of("6271010101910001"))), "a NIK the aggregator already counted today");
        assertEquals(NikGuard.Admission.ALLOWED, await(guard.admit(caller("6281300000109", "agg-y", null),
                HASH.of("6271010101910009"))), "another aggregator has its own count");
        assertEquals(NikGuard.Admission.ALLOWED, await(guard.admit(caller("6281300000109", null, null),
                HASH.of("6271010101910008"))), "and the refused phone did not use up its own count");
    }

    @Test
    void anAgentHasOneCountWhateverPhoneTheyUse() throws Exception {
        NikGuard guard = new NikGuard(redis.commands(), prefix, WIDE, Clock.systemUTC());
        assertEquals(NikGuard.Admission.ALLOWED, await(guard.admit(caller("6281300000201", null, "AG-7"),
                HASH.of("6271010101920001"))));
        assertEquals(NikGuard.Admission.ALLOWED, await(guard.admit(caller("6281300000202", null, "AG-7"),
                HASH.of("6271010101920002"))));
        assertEquals(NikGuard.Admission.LIMITED, await(guard.admit(caller("6281300000203", null, "AG-7"),
                HASH.of("6271010101920003"))));
        assertEquals(NikGuard.Admission.ALLOWED, await(guard.admit(caller("6281300000203", null, "AG-8"),
                HASH.of("6271010101920003"))), "another agent");
        assertEquals(NikGuard.Admission.ALLOWED, await(guard.admit("6281300000201", HASH.of("6271010101920009"))),
                "the phone alone, as the old call counts it");
    }

    @Test
    void theCountStartsAfreshTheNextDayInWib() throws Exception {
        String phone = "6281200000003";
        // 16:59 UTC is 23:59 in Palangka Raya; 17:01 UTC is already the next day there
        NikGuard evening = guard(Clock.fixed(Instant.parse("2026-11-25T16:59:00Z"), ZoneOffset.UTC));
        NikGuard night = guard(Clock.fixed(Instant.parse("2026-11-25T17:01:00Z"), ZoneOffset.UTC));
        for (int i = 1; i <= 3; i++) {
            await(evening.admit(phone, HASH.of("627101010190000" + i)));
        }
        assertEquals(NikGuard.Admission.LIMITED, await(evening.admit(phone, HASH.of("6271010101900009"))));
        assertEquals(NikGuard.Admission.ALLOWED, await(night.admit(phone, HASH.of("6271010101900009"))));
    }

    @Test
    void wrongConfirmationsLockThatNikForThatPhoneOnly() throws Exception {
        NikGuard guard = guard(Clock.systemUTC());
        String phone = "6281200000004";
        String nik = HASH.of("6203014107850002");
        assertFalse(await(guard.failedVerification(phone, nik)));
        assertFalse(await(guard.failedVerification(phone, nik)));
        assertTrue(await(guard.failedVerification(phone, nik)), "the third wrong answer locks");
        assertEquals(NikGuard.Admission.LOCKED, await(guard.admit(phone, nik)));
        assertEquals(NikGuard.Admission.ALLOWED, await(guard.admit("6281200000005", nik)));
        long ttl = redis.sync().pttl(guard.failKey(phone, nik));
        assertTrue(ttl > 29 * 60_000 && ttl <= 30 * 60_000, "the lock lasts 30 minutes from the first failure: " + ttl);
    }

    @Test
    void aConfirmationOpensTheNikAndForgetsEarlierMistakes() throws Exception {
        NikGuard guard = guard(Clock.systemUTC());
        String phone = "6281200000006";
        String nik = HASH.of("6203014107850002");
        assertFalse(await(guard.isVerified(phone, nik)));
        await(guard.failedVerification(phone, nik));
        await(guard.failedVerification(phone, nik));
        await(guard.verified(phone, nik));
        assertTrue(await(guard.isVerified(phone, nik)));
        assertFalse(await(guard.isVerified("6281200000007", nik)));
        assertFalse(await(guard.failedVerification(phone, nik)), "the count started again");
    }

    @Test
    void keysHoldTheHashNeverTheNik() {
        String nik = "6203014107850002";
        assertEquals(64, HASH.of(nik).length());
        assertEquals(HASH.of(nik), new NikHash("nik-guard-test-key-0123").of(nik));
        assertNotEquals(HASH.of(nik), new NikHash("another-key-0123456789").of(nik), "keyed, not a plain hash");
        assertTrue(redis.sync().keys(prefix + "*").stream().noneMatch(k -> k.contains(nik)));
    }
}
