package id.betang.simulator.demo;

import java.io.PrintStream;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Tells the operator that a slow part is still starting ("starting MariaDB... 12 s" every few seconds) and when
 * it is ready, so a first start on a slow machine looks busy, not hung.
 */
final class Progress {

    @FunctionalInterface
    interface Part<T> {
        T start() throws Exception;
    }

    private static final long EVERY_SECONDS = 4;

    private final PrintStream out;

    Progress(PrintStream out) {
        this.out = out;
    }

    <T> T of(String what, Part<T> part) throws Exception {
        long started = System.nanoTime();
        out.println("starting " + what + "...");
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "progress");
            t.setDaemon(true);
            return t;
        });
        ticker.scheduleAtFixedRate(() -> out.println("starting " + what + "... " + seconds(started) + " s"),
                EVERY_SECONDS, EVERY_SECONDS, TimeUnit.SECONDS);
        try {
            T result = part.start();
            out.println(what + " ready in " + seconds(started) + " s");
            return result;
        } finally {
            ticker.shutdownNow();
        }
    }

    private static long seconds(long since) {
        return Math.round((System.nanoTime() - since) / 1e9);
    }
}
