package id.betang.gateway.ops;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Supplier;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;

/**
 * Keeps work within a time budget (what is left of a USSD step's, or what an SMS answer may wait). The USSD network drops a dialogue that does
 * not answer within seconds, so when the work is slower the step gets a stand-in answer at the deadline and
 * the work, which goes on, is handed to {@code late} (e.g. to follow by SMS).
 */
public final class Budget {

    private Budget() {
    }

    /**
     * @param work      the answer as it will come
     * @param standIn   what the step answers at the deadline
     * @param late      receives the work's future when the stand-in was used
     * @param settle    runs once on an answer that came in time, before the step gets it (e.g. the audit row)
     */
    public static <T> Future<T> race(Vertx vertx, long remainingMillis, Future<T> work, Supplier<T> standIn,
                              Consumer<Future<T>> late, java.util.function.Function<T, Future<T>> settle) {
        Promise<T> step = Promise.promise();
        AtomicBoolean decided = new AtomicBoolean();
        long timer = vertx.setTimer(Math.max(1, remainingMillis), t -> {
            if (decided.compareAndSet(false, true)) {
                step.complete(standIn.get());
                late.accept(work);
            }
        });
        work.onComplete(done -> {
            if (decided.compareAndSet(false, true)) {
                vertx.cancelTimer(timer);
                (done.succeeded() ? settle.apply(done.result()) : Future.<T>failedFuture(done.cause()))
                        .onComplete(step);
            }
        });
        return step.future();
    }
}
