package id.betang.simulator.smsc;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.jsmpp.session.SMPPServerSession;

/**
 * Mobile-originated traffic towards the gateway, as a phone's network sends it: on any bound session in
 * turn, twice while {@code duplicate-deliver} is on (as SMSCs do when they missed, or did not wait for, the
 * first response), with USSD dialogues numbered per phone.
 */
final class MoDelivery {

    /** One deliver_sm towards the gateway, on the session given. */
    @FunctionalInterface
    interface Delivery {
        void on(SMPPServerSession session) throws Exception;
    }

    private final BoundSessions bound;
    private final Misbehaviours misbehaviours;
    /** Per phone, as networks number a subscriber's dialogues: a number comes back only after 256 dialogues. */
    private final Map<String, AtomicInteger> ussdSessions = new ConcurrentHashMap<>();

    MoDelivery(BoundSessions bound, Misbehaviours misbehaviours) {
        this.bound = bound;
        this.misbehaviours = misbehaviours;
    }

    void deliver(String what, Delivery delivery) throws IOException {
        int times = misbehaviours.duplicateDeliver() ? 2 : 1;
        for (int i = 0; i < times; i++) {
            try {
                delivery.on(bound.any());
            } catch (IOException e) {
                throw e;
            } catch (Exception e) {
                throw new IOException(what + " failed: " + e.getMessage(), e);
            }
        }
    }

    int nextUssdSession(String msisdn) {
        return ussdSessions.computeIfAbsent(msisdn, k -> new AtomicInteger()).getAndIncrement() & 0xFF;
    }
}
