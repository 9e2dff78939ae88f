package id.betang.gateway.limits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import id.betang.gateway.config.GatewayConfig;
import id.betang.gateway.session.RedisConnection;
import id.betang.gateway.testing.RedisServer;
import id.betang.gateway.testing.TestStorage;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;

/** Token buckets in the real Redis: shared by instances, all-or-nothing per step, and open when Redis is gone. */
public class RateLimitsIT { // public: RedisClusterIT and RedisSentinelIT run it on their own engines

    /** Refilled at one a minute: no token comes back while a test runs, however slow the machine. */
    static final GatewayConfig.Bucket THREE = new GatewayConfig.Bucket(1, 3);
    static final GatewayConfig.Bucket ONE = new GatewayConfig.Bucket(1, 1);
    static final String PREFIX = TestStorage.freshRedisPrefix("ratelimits");

    static RedisConnection first;
    static RedisConnection second;

    @BeforeAll
    static void connect() {
        first = RedisConnection.open(TestStorage.redis(PREFIX));
        second = RedisConnection.open(TestStorage.redis(PREFIX));
    }

    @AfterAll
    static void close() {
        first.close();
        second.close();
    }

    static RateLimits limits(RedisConnection redis, GatewayConfig.Limits settings) {
        return new RateLimits(redis.commands(), PREFIX, settings, new SimpleMeterRegistry());
    }

    static Throwable refusal(Future<Void> step) throws Exception {
        try {
            step.await(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            return e;
        }
        throw new AssertionError("the step was let through");
    }

    @Test
    void twoInstancesShareOnePhonesBucket() throws Exception {
        GatewayConfig.Limits settings = new GatewayConfig.Limits(THREE, THREE, THREE);
        RateLimits a = limits(first, settings);
        RateLimits b = limits(second, settings);
        String phone = "6281200000201";
        a.msisdn("ussd", phone).await(10, TimeUnit.SECONDS);
        b.msisdn("sms", phone).await(10, TimeUnit.SECONDS);
        a.msisdn("ussd-http", phone).await(10, TimeUnit.SECONDS);
        RateLimited limited = assertInstanceOf(RateLimited.class, refusal(b.msisdn("ussd", phone)));
        assertTrue(limited.retryAfter().toMillis() > 0 && limited.retryAfterSeconds() <= 60, limited.getMessage());
        b.msisdn("ussd", "6281200000202").await(10, TimeUnit.SECONDS);

        long ttl = first.sync().pttl(PREFIX + "limit:{msisdn:" + phone + "}");
        assertTrue(ttl > 0, "a bucket expires once it would be full again: " + ttl);
    }

    @Test
    void aStepRefusedByOneBucketCostsTheOthersNothing() throws Exception {
        RateLimits limits = limits(first, new GatewayConfig.Limits(THREE, THREE, ONE));
        limits.aggregator("agg-a", "192.0.2.1").await(10, TimeUnit.SECONDS);
        assertInstanceOf(RateLimited.class, refusal(limits.aggregator("agg-a", "192.0.2.1")), "the source's one token");
        // the refused step took none of the aggregator's three
        limits.aggregator("agg-a", "192.0.2.2").await(10, TimeUnit.SECONDS);
        limits.aggregator("agg-a", "192.0.2.3").await(10, TimeUnit.SECONDS);
        assertInstanceOf(RateLimited.class, refusal(limits.aggregator("agg-a", "192.0.2.4")), "the aggregator's");
        limits.aggregator("agg-b", "192.0.2.5").await(10, TimeUnit.SECONDS);
    }

    @Test
    void withRedisGoneStepsGoThroughAndAreCounted() throws Exception {
        try (RedisServer own = RedisServer.start("ratelimits-down")) {
            RedisConnection redis = RedisConnection.open(new GatewayConfig.Redis(
                    URI.create("redis://127.0.0.1:" + own.port() + "/0"), PREFIX));
            try {
                SimpleMeterRegistry metrics = new SimpleMeterRegistry();
                RateLimits limits = new RateLimits(redis.commands(), PREFIX,
                        new GatewayConfig.Limits(ONE, ONE, ONE), metrics);
                limits.msisdn("ussd", "6281200000203").await(10, TimeUnit.SECONDS);
                own.stop();
                for (int i = 0; i < 3; i++) {
                    limits.msisdn("ussd", "6281200000203").await(10, TimeUnit.SECONDS);
                }
                assertEquals(3.0, metrics.counter("betang_rate_limit_unchecked").count());
            } finally {
                redis.close();
            }
        }
    }
}
