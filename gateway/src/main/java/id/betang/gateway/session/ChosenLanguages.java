package id.betang.gateway.session;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import id.betang.gateway.ops.CallerContext;
import id.betang.gateway.ops.Mask;
import io.lettuce.core.SetArgs;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;

/**
 * The language each phone chose, as a dial needs it: one Redis GET, shared by every instance, instead of a
 * MySQL read per dial on a worker. MySQL ({@code sms_subscriber}) stays the source of truth: a phone missing
 * here is read from it (on a small pool of its own, never the shared worker pool) and remembered, "none" too,
 * for {@link #KEPT}; a choice being made is written here after its commit ({@link #chose}), overwriting.
 *
 * <p>Why the two never disagree for long: the mirror of a read is written with {@code SET NX} and a choice with a
 * plain {@code SET} after its commit, so a read that saw the old row and lands late cannot overwrite the new
 * choice. Only a choice whose SET fails (Redis away) leaves the old value, until {@link #KEPT} runs out.
 */
public final class ChosenLanguages {

    /** How long a phone's language stays mirrored without a dial reading it again from MySQL. */
    public static final Duration KEPT = Duration.ofHours(24);
    /** What the mirror holds for a phone that chose no language. */
    private static final String NONE = "";
    private static final long WRITE_WAIT_MS = 1_000;
    private static final Logger LOG = LoggerFactory.getLogger(ChosenLanguages.class);

    private final RedisClusterAsyncCommands<String, String> redis;
    private final String prefix;
    private final Function<String, Optional<String>> source;
    private final WorkerExecutor readers;

    /**
     * @param source the blocking read of the source of truth (MySQL), run on this class's own workers
     */
    public ChosenLanguages(Vertx vertx, RedisClusterAsyncCommands<String, String> redis, String keyPrefix,
                           Function<String, Optional<String>> source) {
        this.redis = redis;
        this.prefix = keyPrefix + "lang:";
        this.source = source;
        // a miss is rare (once a day per phone); its own few threads keep it out of the shared worker pool's queue
        this.readers = vertx.createSharedWorkerExecutor("betang-lang", 4);
    }

    /** @return the phone's language code, or empty when it chose none */
    public Future<Optional<String>> of(String msisdn) {
        return CallerContext.future(redis.get(key(msisdn)))
                .compose(mirrored -> mirrored != null ? Future.succeededFuture(decode(mirrored)) : fromSource(msisdn, true),
                        redisFailed -> fromSource(msisdn, false));
    }

    /**
     * A choice committed to the source of truth: from now on every instance's next dial opens in it. Blocking
     * (waits up to a second for Redis), for the worker that committed it.
     */
    public void chose(String msisdn, Optional<String> lang) {
        try {
            redis.set(key(msisdn), lang.orElse(NONE), SetArgs.Builder.px(KEPT.toMillis())).toCompletableFuture()
                    .get(WRITE_WAIT_MS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            LOG.warn("language of {} not mirrored in Redis (interrupted)", Mask.msisdn(msisdn));
        } catch (Exception e) {
            // the dial reads the old one for up to KEPT; the choice itself is committed and serves SMS at once
            LOG.warn("language of {} not mirrored in Redis: {}", Mask.msisdn(msisdn), e.toString());
        }
    }

    /** Drops the phone's mirror (the warm-up's own phone, which leaves nothing behind); the next dial reads MySQL. */
    public Future<Void> forget(String msisdn) {
        return CallerContext.future(redis.del(key(msisdn))).mapEmpty();
    }

    private Future<Optional<String>> fromSource(String msisdn, boolean remember) {
        Future<Optional<String>> read = readers.executeBlocking(() -> source.apply(msisdn), false);
        if (remember) {
            // NX: a choice committed meanwhile has been written with a plain SET and must win
            read.onSuccess(lang -> redis.set(key(msisdn), lang.orElse(NONE), SetArgs.Builder.nx().px(KEPT.toMillis())));
        }
        return read;
    }

    private static Optional<String> decode(String mirrored) {
        return mirrored.equals(NONE) ? Optional.empty() : Optional.of(mirrored);
    }

    String key(String msisdn) {
        return prefix + msisdn;
    }
}
