package id.betang.simulator.chaos;

import java.util.concurrent.atomic.AtomicInteger;

import id.betang.simulator.load.LoadGenerator;
import id.betang.simulator.smsc.SimulatedPhone;

/**
 * Which gateway instance answered each step of each USSD dialogue, as the SMSC saw it (the system_type of the
 * bind the screen came over, {@link FaultRig#instance}). A dialogue "continued on another instance" when one of
 * its steps was answered by another instance than the step before: the dialogue lives in Redis, so any instance
 * can take the next step. Those whose instance was killed under them and that went on elsewhere are counted apart.
 */
final class Handovers implements LoadGenerator.ScreenWatch {

    /** Per session, only touched by that session's thread: the instance of its dialogue's previous step. */
    private final String[] previous;
    private final boolean[] handedOver;
    private final boolean[] rescued;
    private final AtomicInteger dialogues = new AtomicInteger();
    private final AtomicInteger continued = new AtomicInteger();
    private final AtomicInteger afterKill = new AtomicInteger();
    private volatile String killed;

    Handovers(int sessions) {
        previous = new String[sessions];
        handedOver = new boolean[sessions];
        rescued = new boolean[sessions];
    }

    /** From now on, a step after one {@code instance} answered counts as surviving its kill. */
    void killed(String instance) {
        killed = instance;
    }

    @Override
    public void answered(int session, int step, SimulatedPhone.Screen screen) {
        String by = screen.pdu().boundAs();
        if (step == 0) {
            dialogues.incrementAndGet();
            handedOver[session] = false;
            rescued[session] = false;
        } else if (!by.equals(previous[session])) {
            if (!handedOver[session]) {
                handedOver[session] = true;
                continued.incrementAndGet();
            }
            if (previous[session].equals(killed) && !rescued[session]) {
                rescued[session] = true;
                afterKill.incrementAndGet();
            }
        }
        previous[session] = by;
    }

    /** Dialogues begun (dials answered). */
    int dialogues() {
        return dialogues.get();
    }

    /** Dialogues with a step answered by another instance than their step before. */
    int continuedElsewhere() {
        return continued.get();
    }

    /** Dialogues whose previous step the killed instance answered and whose next step another one did. */
    int continuedAfterKill() {
        return afterKill.get();
    }
}
