package id.betang.gateway.ops;

import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.Future;

/**
 * The one wrapper every inbound step passes through, whatever the channel: it asks the per-MSISDN rate
 * limit first, times the step, counts it by channel and outcome, and writes one log line with the masked
 * MSISDN (never the text typed). A step over its limit is not run: its future fails with the limit's own
 * failure (outcome {@code limited}), which each channel answers its way.
 */
public final class Inbound {

    /** May this phone take a step on this channel now? A failed future refuses it. */
    @FunctionalInterface
    public interface StepLimit {
        StepLimit NONE = (channel, msisdn) -> Future.succeededFuture();

        Future<Void> admit(String channel, String msisdn);
    }

    private static final Logger LOG = LoggerFactory.getLogger("betang.inbound");

    private final MeterRegistry metrics;
    private final StepLimit limit;

    public Inbound(MeterRegistry metrics) {
        this(metrics, StepLimit.NONE);
    }

    public Inbound(MeterRegistry metrics, StepLimit limit) {
        this.metrics = metrics;
        this.limit = limit;
    }

    /** @param describe turns the result into a short outcome word for logs and metrics (e.g. "reply", "end") */
    public <T> Future<T> step(String channel, String msisdn, String session,
                              Supplier<Future<T>> work, java.util.function.Function<T, String> describe) {
        return step(channel, msisdn, session, work, describe, result -> "");
    }

    /** @param screen names the menu screen shown, for the log line only (metrics stay by outcome) */
    public <T> Future<T> step(String channel, String msisdn, String session, Supplier<Future<T>> work,
                              java.util.function.Function<T, String> describe,
                              java.util.function.Function<T, String> screen) {
        long started = System.nanoTime();
        Future<Void> admitted;
        try {
            admitted = limit.admit(channel, msisdn);
        } catch (RuntimeException e) {
            admitted = Future.failedFuture(e);
        }
        return admitted.transform(admission -> {
            if (admission.failed()) {
                record(channel, "limited", System.nanoTime() - started);
                LOG.info("{} step msisdn={} session={} outcome=limited", channel, Mask.msisdn(msisdn),
                        Mask.numbersIn(session));
                return Future.<T>failedFuture(admission.cause());
            }
            return run(channel, msisdn, session, work, describe, screen, started);
        });
    }

    private <T> Future<T> run(String channel, String msisdn, String session, Supplier<Future<T>> work,
                              java.util.function.Function<T, String> describe,
                              java.util.function.Function<T, String> screen, long started) {
        Future<T> result;
        try {
            result = work.get();
        } catch (RuntimeException e) {
            result = Future.failedFuture(e);
        }
        return result.andThen(ar -> {
            long nanos = System.nanoTime() - started;
            String outcome = ar.succeeded() ? describe.apply(ar.result()) : "error";
            record(channel, outcome, nanos);
            if (ar.succeeded()) {
                String shown = screen.apply(ar.result());
                LOG.info("{} step msisdn={} session={} outcome={}{} latency_ms={}", channel, Mask.msisdn(msisdn),
                        Mask.numbersIn(session), outcome, shown.isEmpty() ? "" : " screen=" + shown,
                        TimeUnit.NANOSECONDS.toMillis(nanos));
            } else {
                LOG.warn("{} step msisdn={} session={} failed latency_ms={}: {}", channel, Mask.msisdn(msisdn),
                        Mask.numbersIn(session), TimeUnit.NANOSECONDS.toMillis(nanos), ar.cause().toString());
            }
        });
    }

    private void record(String channel, String outcome, long nanos) {
        Timer.builder("betang_inbound_step")
                .description("Inbound steps by channel and outcome")
                .tag("channel", channel).tag("outcome", outcome)
                .publishPercentiles(0.5, 0.99)
                .register(metrics)
                .record(nanos, TimeUnit.NANOSECONDS);
    }
}
