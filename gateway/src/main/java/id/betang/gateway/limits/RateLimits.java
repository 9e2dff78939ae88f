package id.betang.gateway.limits;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import id.betang.gateway.config.GatewayConfig;
import id.betang.menus.MenuRequirements;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.vertx.core.Future;

/**
 * How often one caller may take a step: per MSISDN on every channel, and for the HTTP adapter also per
 * aggregator and per source address, in buckets shared by all instances ({@link TokenBuckets}). A limit
 * protects the service, it is not a rule about people: when Redis cannot answer, steps go through (fail
 * open, logged once per outage and counted), so the service never stops with Redis.
 */
public final class RateLimits {

    /** The USSD end screen of a refused step (both languages, in the menu's texts). */
    public static final String TRY_LATER = "tryLater";
    public static final MenuRequirements REQUIRES = MenuRequirements.systemTexts(TRY_LATER);

    private static final Logger LOG = LoggerFactory.getLogger(RateLimits.class);

    private final TokenBuckets buckets;
    private final GatewayConfig.Limits limits;
    private final MeterRegistry metrics;
    private final AtomicBoolean unavailable = new AtomicBoolean();

    public RateLimits(RedisClusterAsyncCommands<String, String> redis, String keyPrefix, GatewayConfig.Limits limits,
                      MeterRegistry metrics) {
        this.buckets = new TokenBuckets(redis, keyPrefix);
        this.limits = limits;
        this.metrics = metrics;
    }

    /** A step by this phone on any channel; fails with {@link RateLimited} when over its limit. */
    public Future<Void> msisdn(String channel, String msisdn) {
        return take(channel, "msisdn:" + msisdn, List.of(new TokenBuckets.Bucket("", limits.msisdn())));
    }

    /**
     * A request of the HTTP adapter, before its step: the aggregator's bucket and its source address's. The
     * source's bucket is the aggregator's too (a source sending for two aggregators has one under each), so a
     * cluster keeps both in the aggregator's slot and takes from them in one script.
     */
    public Future<Void> aggregator(String provider, String sourceAddress) {
        List<TokenBuckets.Bucket> both = new ArrayList<>();
        both.add(new TokenBuckets.Bucket("", limits.aggregator()));
        both.add(new TokenBuckets.Bucket("source:" + sourceAddress, limits.source()));
        return take("ussd-http", "aggregator:" + provider, both);
    }

    private Future<Void> take(String channel, String owner, List<TokenBuckets.Bucket> step) {
        Future<Optional<Duration>> taken;
        try {
            taken = buckets.take(owner, step);
        } catch (RuntimeException e) {
            taken = Future.failedFuture(e);
        }
        return taken.transform(ar -> {
            if (ar.failed()) {
                failedOpen(ar.cause());
                return Future.succeededFuture();
            }
            if (unavailable.compareAndSet(true, false)) {
                LOG.info("rate limits back: Redis answers again");
            }
            if (ar.result().isEmpty()) {
                return Future.succeededFuture();
            }
            String kind = step.size() == 1 ? "msisdn" : "aggregator+source";
            Counter.builder("betang_rate_limited").description("Steps refused by a rate limit")
                    .tag("channel", channel).tag("limit", kind).register(metrics).increment();
            return Future.failedFuture(new RateLimited(kind, ar.result().get()));
        });
    }

    private void failedOpen(Throwable cause) {
        Counter.builder("betang_rate_limit_unchecked").description("Steps let through because Redis could not count them")
                .register(metrics).increment();
        if (unavailable.compareAndSet(false, true)) {
            LOG.warn("rate limits not enforced while Redis cannot answer (steps go through): {}", cause.toString());
        }
    }
}
