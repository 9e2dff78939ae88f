package id.betang.gateway.testing;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Tells a blocked event loop from a starved one in Vert.x's blocked-thread warning. The checker only sees that a
 * task has not finished after its limit; on a machine whose cores are shared by many processes, a loop that is
 * computing can simply be waiting for a core. What the tests must catch is a loop that <em>waits</em>: a socket,
 * a lock, a sleep, JDBC, a future's get. The warning's stack says which: a warning counts when the thread's top
 * frames are in such a call, when it has no stack to judge by, or when it lasted so long ({@value #COUNTS_ANYWAY_MS}
 * ms) that no scheduler explains it. A loop computing for longer than its limit on a quiet machine is a performance
 * matter, which the benches measure (CPU per step), not a correctness one.
 */
public final class BlockedStacks {

    /** Held this long, a warning counts whatever the thread was doing. */
    public static final long COUNTS_ANYWAY_MS = 5_000;
    /** How deep a waiting call may sit under the top of the stack (natives and their Java wrappers). */
    private static final int TOP_FRAMES = 6;
    private static final List<String> WAITING = List.of(
            "java.net.", "sun.nio.ch.", "java.io.", "sun.nio.fs.", "jdk.internal.misc.Unsafe.park",
            "java.util.concurrent.locks.", "java.lang.Object.wait", "java.lang.Thread.sleep", "java.lang.Thread.join",
            "java.util.concurrent.CompletableFuture.get", "java.util.concurrent.CompletableFuture.join",
            "java.util.concurrent.FutureTask.get", "java.util.concurrent.CountDownLatch.await",
            "java.util.concurrent.Semaphore.acquire", "com.mysql.cj.", "org.apache.ibatis.datasource.",
            "io.lettuce.core.LettuceFutures", "org.jsmpp.session.", "io.vertx.core.impl.future.FutureBase.await",
            "io.vertx.core.Future.await");
    private static final Pattern HELD = Pattern.compile("blocked for (\\d+) ms");

    private BlockedStacks() {
    }

    /**
     * @param warning the checker's message ("Thread … has been blocked for 612 ms, time limit is 500 ms")
     * @param frames  the blocked thread's stack, top first, as {@code StackTraceElement#toString} or a log's
     *                {@code at …} lines
     */
    public static boolean counts(String warning, List<String> frames) {
        Matcher held = HELD.matcher(warning);
        if (held.find() && Long.parseLong(held.group(1)) >= COUNTS_ANYWAY_MS) {
            return true;
        }
        List<String> top = frames.stream().map(BlockedStacks::method).filter(f -> !f.isEmpty()).limit(TOP_FRAMES).toList();
        return top.isEmpty() || top.stream().anyMatch(f -> WAITING.stream().anyMatch(f::startsWith));
    }

    /** {@code \tat java.net.SocketInputStream.read(SocketInputStream.java:140)} → {@code java.net.SocketInputStream.read}. */
    private static String method(String frame) {
        String f = frame.strip();
        if (f.startsWith("at ")) {
            f = f.substring(3);
        }
        int paren = f.indexOf('(');
        f = paren < 0 ? f : f.substring(0, paren);
        int slash = f.lastIndexOf('/'); // a module prefix: java.base/java.net.Socket…
        return slash < 0 ? f : f.substring(slash + 1);
    }
}
