package id.betang.simulator.chaos;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;

import id.betang.simulator.smsc.SimulatedPhone;
import id.betang.simulator.smsc.SmscSimulator;

/**
 * Dials the USSD menu, one phone after another, while a store is down: every dial must get a screen (a
 * "busy" one is fine) within the phone's wait, which is above the gateway's step budget.
 */
final class UssdProbe {

    private final SmscSimulator smsc;
    private final int fault;
    private final AtomicInteger dials = new AtomicInteger();
    private final AtomicInteger unanswered = new AtomicInteger();
    private volatile boolean on;
    private Thread dialing;

    UssdProbe(SmscSimulator smsc, int fault) {
        this.smsc = smsc;
        this.fault = fault;
    }

    void start() {
        on = true;
        dialing = new Thread(() -> {
            while (on) {
                SimulatedPhone phone = smsc.phone("62815%d%07d".formatted(fault, dials.incrementAndGet()));
                try {
                    phone.dial("*777#");
                    phone.hangUp();
                } catch (IOException e) {
                    unanswered.incrementAndGet();
                } catch (InterruptedException e) {
                    return;
                }
                sleep(500);
            }
        }, "ussd-probe");
        dialing.start();
    }

    /** Ends the dialing after the dial under way. */
    void stop() throws InterruptedException {
        on = false;
        dialing.join();
    }

    int dials() {
        return dials.get();
    }

    int unanswered() {
        return unanswered.get();
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
