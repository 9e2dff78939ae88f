package id.betang.simulator.smsc;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What tests read about the traffic: binds accepted, submit_sm seen, the ESME's window in use, and SMS MO
 * taken (deliver_sm_resp OK), refused for good, and waiting to be delivered again.
 */
final class Counters {

    private final AtomicInteger binds = new AtomicInteger();
    private final AtomicLong submits = new AtomicLong();
    private final AtomicInteger concurrent = new AtomicInteger();
    private final AtomicInteger maxConcurrent = new AtomicInteger();
    private final AtomicLong moTaken = new AtomicLong();
    private final AtomicLong moRefused = new AtomicLong();
    private final AtomicLong redeliveries = new AtomicLong();
    private final AtomicInteger awaitingRedelivery = new AtomicInteger();

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

    void tookMo() {
        moTaken.incrementAndGet();
    }

    void refusedMo() {
        moRefused.incrementAndGet();
    }

    void redeliveryQueued() {
        awaitingRedelivery.incrementAndGet();
    }

    void redeliveryStarted() {
        awaitingRedelivery.decrementAndGet();
        redeliveries.incrementAndGet();
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

    long moTaken() {
        return moTaken.get();
    }

    long moRefused() {
        return moRefused.get();
    }

    long redeliveries() {
        return redeliveries.get();
    }

    int awaitingRedelivery() {
        return awaitingRedelivery.get();
    }
}
