package id.betang.gateway.ops;

import java.util.concurrent.CompletionStage;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

/**
 * Lettuce (and Caffeine's async loads) complete their futures on their own threads. Bridged with a plain
 * {@code Future.fromCompletionStage(stage)}, everything chained after them (the dialogue, the engine, the
 * render) would run on Lettuce's single I/O thread; bridged here, it comes back to the Vert.x context that
 * asked, an event loop, so the work spreads over the event loops as Vert.x intends.
 */
public final class CallerContext {

    private CallerContext() {
    }

    /**
     * The stage as a Vert.x future completed on the calling thread's context; on a thread Vert.x does not
     * own (a test's main thread, say) there is none to go back to, and it completes where the stage does.
     */
    public static <T> Future<T> future(CompletionStage<T> stage) {
        Context context = Vertx.currentContext();
        return context == null ? Future.fromCompletionStage(stage) : Future.fromCompletionStage(stage, context);
    }
}
