package id.betang.simulator.load;

import java.util.function.LongSupplier;

/**
 * Spreads one simulated person's steps evenly in time, like someone reading each screen before answering;
 * one who falls behind answers at once rather than trying to catch up in a burst. The pace may change while
 * the person walks (a bench stepping its offered load up): each turn asks for the current interval.
 */
public final class Pacer {

    private final LongSupplier everyNanos;
    private long next;

    public Pacer(long everyNanos, long firstNanos) {
        this(() -> everyNanos, firstNanos);
    }

    public Pacer(LongSupplier everyNanos, long firstNanos) {
        this.everyNanos = everyNanos;
        this.next = firstNanos;
    }

    public void awaitTurn() throws InterruptedException {
        long wait = next - System.nanoTime();
        if (wait > 0) {
            Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
        }
        next = Math.max(next + everyNanos.getAsLong(), System.nanoTime());
    }
}
