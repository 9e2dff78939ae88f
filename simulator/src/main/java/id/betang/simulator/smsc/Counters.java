package id.betang.simulator.smsc;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/** What tests read about the traffic: binds accepted, submit_sm seen, and the ESME's window in use. */
final class Counters {

    private final AtomicInteger binds = new AtomicInteger();
    private final AtomicLong submits = new AtomicLong();
    private final AtomicInteger concurrent = new AtomicInteger();
    private final AtomicInteger maxConcurrent = new AtomicInteger();

    void bindAccepted() {
        binds.incrementAndGet();
    }

    /** @return the number of this submit_sm since start, counting from 1 */
    long submitStarted() {
        maxConcurrent.accumulateAndGet(concurrent.incrementAndGet(), Math::max);
        return submits.incrementAndGet();
    }

    void submitAnswered() {
        concurrent.decrementAndGet();
    }

    int binds() {
        return binds.get();
    }

    long submits() {
        return submits.get();
    }

    int maxConcurrentSubmits() {
        return maxConcurrent.get();
    }
}
