package id.betang.simulator.load;

/**
 * Spreads one simulated person's steps evenly in time, like someone reading each screen before answering;
 * one who falls behind answers at once rather than trying to catch up in a burst.
 */
public final class Pacer {

    private final long everyNanos;
    private long next;

    public Pacer(long everyNanos, long firstNanos) {
        this.everyNanos = everyNanos;
        this.next = firstNanos;
    }

    public void awaitTurn() throws InterruptedException {
        long wait = next - System.nanoTime();
        if (wait > 0) {
            Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
        }
        next = Math.max(next + everyNanos, System.nanoTime());
    }
}
