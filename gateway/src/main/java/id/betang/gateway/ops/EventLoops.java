package id.betang.gateway.ops;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import io.vertx.core.Context;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;

/**
 * The event loops dialogue work runs on: one context per core, chosen by a key's hash (the USSD session), so
 * dialogues spread over every core while one dialogue's steps stay on one loop, in order. The contexts are those
 * of a small verticle deployed once per core: Vert.x gives each instance an event loop of its own.
 */
public final class EventLoops {

    /**
     * The blocked-thread checker's limit for one event-loop task: far above what a warm step's own work takes (a few
     * ms), and above what first use of a code path costs on a busy core (class loading, JIT: up to ~400 ms seen with
     * the load at 12 on 2 cores, where 200 ms cried wolf), yet what a blocking call under load (waiting for a
     * submit_sm_resp, a JDBC pool) exceeds.
     */
    public static final long MAX_EXECUTE_MS = 500;
    /**
     * The phrase of Vert.x's blocked-thread warning, which the integration tests fail on once the gateway is warm
     * (after {@link #WARM}: start-up builds every part, and the warm-up walks each code path once, on cold code).
     */
    public static final String BLOCKED_WARNING = "has been blocked for";

    /** What the gateway logs once it is warmed up ({@link WarmUp}). */
    public static final String WARM = "warmed up in";

    private final List<Context> contexts;

    private EventLoops(List<Context> contexts) {
        this.contexts = List.copyOf(contexts);
    }

    /**
     * Vert.x as the gateway runs it: one event loop per core, and the blocked-thread checker on, its first
     * warning with the blocked thread's stack (where the blocking call is).
     */
    public static VertxOptions options() {
        return new VertxOptions()
                .setEventLoopPoolSize(Runtime.getRuntime().availableProcessors())
                .setBlockedThreadCheckInterval(MAX_EXECUTE_MS / 2).setBlockedThreadCheckIntervalUnit(TimeUnit.MILLISECONDS)
                .setMaxEventLoopExecuteTime(MAX_EXECUTE_MS).setMaxEventLoopExecuteTimeUnit(TimeUnit.MILLISECONDS)
                .setWarningExceptionTime(MAX_EXECUTE_MS).setWarningExceptionTimeUnit(TimeUnit.MILLISECONDS);
    }

    /**
     * One context per core. Deployed from a verticle, they are its children and go when it is undeployed.
     */
    public static Future<EventLoops> deploy(Vertx vertx) {
        int count = Runtime.getRuntime().availableProcessors();
        List<Context> contexts = Collections.synchronizedList(new ArrayList<>());
        return vertx.deployVerticle(() -> new Loop(contexts), new DeploymentOptions().setInstances(count))
                .map(id -> new EventLoops(contexts));
    }

    /** The context of the loop a key's work runs on: always the same one for the same key. */
    public Context forKey(String key) {
        return contexts.get(Math.floorMod(key.hashCode(), contexts.size()));
    }

    /**
     * Runs work on its key's loop; the outcome comes back to the caller's context (an HTTP request's, say), or
     * completes on that loop when the caller is on no Vert.x context. Already on that loop, it simply runs.
     */
    public <T> Future<T> on(String key, Supplier<Future<T>> work) {
        Context target = forKey(key);
        Context caller = Vertx.currentContext();
        if (caller == target) {
            return work.get();
        }
        Promise<T> outcome = Promise.promise();
        target.runOnContext(v -> {
            Future<T> done;
            try {
                done = work.get();
            } catch (RuntimeException e) {
                done = Future.failedFuture(e);
            }
            done.onComplete(result -> {
                if (caller == null) {
                    outcome.handle(result);
                } else {
                    caller.runOnContext(back -> outcome.handle(result));
                }
            });
        });
        return outcome.future();
    }

    /** How many loops the work is spread over. */
    public int size() {
        return contexts.size();
    }

    /** Holds nothing but its context. */
    private static final class Loop extends VerticleBase {

        private final List<Context> contexts;

        Loop(List<Context> contexts) {
            this.contexts = contexts;
        }

        @Override
        public Future<?> start() {
            contexts.add(context);
            return Future.succeededFuture();
        }
    }
}
