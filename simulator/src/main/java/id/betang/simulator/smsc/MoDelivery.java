package id.betang.simulator.smsc;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.jsmpp.SMPPConstant;
import org.jsmpp.extra.NegativeResponseException;
import org.jsmpp.session.SMPPServerSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Mobile-originated traffic towards the gateway, as a phone's network sends it: on any bound session in
 * turn, twice while {@code duplicate-deliver} is on (as SMSCs do when they missed, or did not wait for, the
 * first response), with USSD dialogues numbered per phone.
 *
 * <p>An SMS the gateway did not take is delivered again, as a store-and-forward SMSC does: after a temporary
 * error (ESME_RX_T_APPN, ESME_RTHROTTLED, ESME_RMSGQFUL, ESME_RSYSERR) or no response at all (the bind lost,
 * no gateway bound), with a back-off from {@link #FIRST_RETRY} doubling to {@link #LONGEST_RETRY}, for up to
 * {@link #RETRY_FOR}. A permanent error ends it. USSD is never redelivered: its dialogue is gone by then.
 */
final class MoDelivery implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(MoDelivery.class);
    /**
     * How long the SMSC waits for a deliver_sm_resp before it counts the PDU unanswered (and redelivers an
     * SMS): jSMPP's default of 2 s made a gateway that was merely slow under load look dead, so the same MO
     * went out two and three times.
     */
    static final Duration RESPONSE_WAIT = Duration.ofSeconds(10);
    static final Duration FIRST_RETRY = Duration.ofMillis(500);
    static final Duration LONGEST_RETRY = Duration.ofSeconds(4);
    static final Duration RETRY_FOR = Duration.ofMinutes(10);
    /** What a store-and-forward SMSC reads as "try again later". */
    private static final Set<Integer> TEMPORARY = Set.of(SMPPConstant.STAT_ESME_RX_T_APPN,
            SMPPConstant.STAT_ESME_RTHROTTLED, SMPPConstant.STAT_ESME_RMSGQFUL, SMPPConstant.STAT_ESME_RSYSERR);

    /** One deliver_sm towards the gateway, on the session given. */
    @FunctionalInterface
    interface Delivery {
        void on(SMPPServerSession session) throws Exception;
    }

    private final BoundSessions bound;
    private final Misbehaviours misbehaviours;
    private final Counters counters;
    /** Per phone, as networks number a subscriber's dialogues: a number comes back only after 256 dialogues. */
    private final Map<String, AtomicInteger> ussdSessions = new ConcurrentHashMap<>();
    // a redelivery can wait out a response timeout: several at once, so one dead link does not hold up the rest
    private final ScheduledExecutorService retries = Executors.newScheduledThreadPool(8, r -> {
        Thread t = new Thread(r, "smsc-redeliver");
        t.setDaemon(true);
        return t;
    });

    MoDelivery(BoundSessions bound, Misbehaviours misbehaviours, Counters counters) {
        this.bound = bound;
        this.misbehaviours = misbehaviours;
        this.counters = counters;
    }

    /** Delivers once (twice under duplicate-deliver); whatever goes wrong is the caller's. */
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

    /**
     * Delivers one SMS PDU now, in the caller's thread, and again later while the gateway answers a temporary
     * error or not at all.
     *
     * @return completes when the gateway answered OK; fails when it refused for good or the retries ran out
     * @throws IOException when the first attempt got a permanent error (nothing is retried then)
     */
    CompletableFuture<Void> deliverUntilTaken(String what, Delivery delivery) throws IOException {
        CompletableFuture<Void> taken = new CompletableFuture<>();
        try {
            deliver(what, delivery);
            counters.tookMo();
            taken.complete(null);
        } catch (IOException e) {
            if (!worthRetrying(e)) {
                counters.refusedMo();
                throw e;
            }
            retryLater(what, delivery, taken, FIRST_RETRY, System.nanoTime() + RETRY_FOR.toNanos());
        }
        return taken;
    }

    private void retryLater(String what, Delivery delivery, CompletableFuture<Void> taken, Duration after,
                            long giveUpAt) {
        counters.redeliveryQueued();
        try {
            retries.schedule(() -> {
                counters.redeliveryStarted();
                retry(what, delivery, taken, after, giveUpAt);
            }, after.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException closed) {
            counters.redeliveryStarted();
            taken.completeExceptionally(new IOException(what + ": the SMSC closed before redelivering it"));
        }
    }

    private void retry(String what, Delivery delivery, CompletableFuture<Void> taken, Duration waited,
                       long giveUpAt) {
        try {
            deliver(what, delivery);
            counters.tookMo();
            taken.complete(null);
        } catch (IOException e) {
            if (!worthRetrying(e) || System.nanoTime() > giveUpAt) {
                counters.refusedMo();
                LOG.info("{}: redelivery given up ({})", what, e.getMessage());
                taken.completeExceptionally(e);
                return;
            }
            Duration next = waited.multipliedBy(2);
            retryLater(what, delivery, taken, next.compareTo(LONGEST_RETRY) > 0 ? LONGEST_RETRY : next, giveUpAt);
        }
    }

    /** A temporary error status, or no answer at all (timeout, link lost, nobody bound). */
    private static boolean worthRetrying(IOException e) {
        if (e.getCause() instanceof NegativeResponseException refused) {
            return TEMPORARY.contains(refused.getCommandStatus());
        }
        // a PDU the simulator could not even build would fail the same way again
        return !(e.getCause() instanceof org.jsmpp.PDUException);
    }

    int nextUssdSession(String msisdn) {
        return ussdSessions.computeIfAbsent(msisdn, k -> new AtomicInteger()).getAndIncrement() & 0xFF;
    }

    @Override
    public void close() {
        retries.shutdownNow();
    }
}
