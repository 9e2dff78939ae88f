package id.betang.gateway.ops;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import id.betang.gateway.testing.BlockedThreadWatch;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;

/**
 * Dialogue work spreads over one event loop per core, a session's steps always on the same one, outcomes back on
 * the caller's context; and a handler that blocks a loop is caught by the checker the gateway runs with.
 */
class EventLoopsTest {

    private static final int CORES = Runtime.getRuntime().availableProcessors();
    private Vertx vertx;

    @BeforeEach
    void start() {
        vertx = Vertx.vertx(EventLoops.options());
    }

    @AfterEach
    void stop() throws Exception {
        vertx.close().await(10, TimeUnit.SECONDS);
    }

    /** The thread a key's work runs on. */
    private String threadOf(EventLoops loops, String key) throws Exception {
        return loops.on(key, () -> Future.succeededFuture(Thread.currentThread().getName())).await(10, TimeUnit.SECONDS);
    }

    @Test
    void sessionsSpreadOverOneLoopPerCoreAndASessionStaysOnItsLoop() throws Exception {
        EventLoops loops = EventLoops.deploy(vertx).await(10, TimeUnit.SECONDS);
        assertEquals(CORES, loops.size());
        Set<String> threads = ConcurrentHashMap.newKeySet();
        for (int i = 0; i < 200; i++) {
            String thread = threadOf(loops, "smsc-session-" + i);
            assertTrue(thread.startsWith("vert.x-eventloop-thread-"), thread);
            threads.add(thread);
        }
        assertEquals(CORES, threads.size(), "every core's loop serves some sessions: " + threads);
        String first = threadOf(loops, "smsc-session-7");
        for (int i = 0; i < 20; i++) {
            assertEquals(first, threadOf(loops, "smsc-session-7"));
        }
    }

    @Test
    void theWorkRunsOnItsKeysLoopAndItsOutcomeComesBackToTheCaller() throws Exception {
        EventLoops loops = EventLoops.deploy(vertx).await(10, TimeUnit.SECONDS);
        Context caller = vertx.getOrCreateContext();
        List<Context> seen = new ArrayList<>();
        Promise<Void> done = Promise.promise();
        caller.runOnContext(v -> loops.on("session-a", () -> {
            seen.add(Vertx.currentContext());
            // an answer that completes elsewhere (as Lettuce's do, on its own thread)
            Promise<String> elsewhere = Promise.promise();
            new Thread(() -> elsewhere.complete("answer")).start();
            return elsewhere.future();
        }).onComplete(answer -> {
            seen.add(Vertx.currentContext());
            done.complete();
        }));
        done.future().await(10, TimeUnit.SECONDS);
        assertSame(loops.forKey("session-a"), seen.get(0), "the work ran on its session's loop");
        assertSame(caller, seen.get(1), "the outcome came back to the caller's context");
    }

    @Test
    void aHandlerThatBlocksAnEventLoopIsCaughtWithWhereItBlocked() throws Exception {
        BlockedThreadWatch.listen();
        BlockedThreadWatch.drain();
        // a deliberately blocking handler: what a JDBC call or a jSMPP submit on the loop would do
        vertx.runOnContext(v -> sleep(4 * EventLoops.MAX_EXECUTE_MS));
        await("the checker's warning").atMost(Duration.ofSeconds(20)).until(() -> BlockedThreadWatch.pending() > 0);
        // the loop is free again before the warnings are taken, so none is left for the class's own check
        Promise<Void> free = Promise.promise();
        vertx.runOnContext(v -> free.complete());
        free.future().await(20, TimeUnit.SECONDS);
        // the checker's thread may still be logging what it saw while the loop was held: take the warnings once
        // none has come for a whole limit (two checks), so none is left for the class's own check
        java.util.concurrent.atomic.AtomicInteger seen = new java.util.concurrent.atomic.AtomicInteger(-1);
        await("the checker's warnings stop").pollInterval(Duration.ofMillis(EventLoops.MAX_EXECUTE_MS))
                .atMost(Duration.ofSeconds(20)).until(() -> seen.getAndSet(BlockedThreadWatch.pending())
                        == BlockedThreadWatch.pending());
        List<String> warnings = BlockedThreadWatch.drain();
        String first = warnings.get(0);
        assertTrue(first.contains(EventLoops.BLOCKED_WARNING), first);
        assertTrue(first.contains("vert.x-eventloop-thread-"), first);
        assertTrue(first.contains("time limit is " + EventLoops.MAX_EXECUTE_MS + " ms"), first);
        assertTrue(first.contains("EventLoopsTest.sleep"), "the warning shows where the loop blocked: " + first);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
