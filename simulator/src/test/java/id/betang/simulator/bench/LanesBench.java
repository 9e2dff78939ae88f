package id.betang.simulator.bench;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.HdrHistogram.Histogram;
import org.jsmpp.bean.BindType;

import id.betang.gateway.smpp.SmscBind;
import id.betang.gateway.smpp.SubmitFailure;
import id.betang.simulator.smsc.ResidentsAheadOfBulkTest;
import id.betang.simulator.smsc.SmscSimulator;

/**
 * How long a USSD reply's submit_sm takes on one bind (window 10) against the simulator while it throttles
 * every 5th submit_sm and answers each after 5 ms: first with no other traffic, then while 20 bulk senders
 * keep the bind full (each sends again as soon as the bind lets it, as the outbox does). Replies are offered
 * at a fixed rate from a pool of 32 threads, each timed from when it was due to the SMSC's response. Figures, not assertions: the ratio of the
 * two p99s is what the lanes are for (near 1: bulk does not hold replies up).
 * Usage: LanesBench [seconds-per-phase] [replies-per-second]   (default 10 100)
 */
public final class LanesBench {

    private static final int WINDOW = 10;
    private static final int REPLY_THREADS = 32;

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        int rate = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        try (SmscSimulator smsc = new SmscSimulator(SmscSimulator.Options.defaults(0)).start()) {
            smsc.misbehaviours().throttleEvery(5).slowRespMs(5);
            SmscBind bind = new SmscBind("bench", ResidentsAheadOfBulkTest.smppConfig(smsc, WINDOW), BindType.BIND_TRX);
            bind.start((b, pdu) -> { });
            while (bind.state() != SmscBind.State.BOUND) {
                Thread.sleep(50);
            }
            try {
                replies(bind, 2, rate, null); // warm-up
                Histogram alone = replies(bind, seconds, rate, null);
                AtomicLong bulkSent = new AtomicLong();
                Histogram withBulk = replies(bind, seconds, rate, bulkSent);
                print("replies alone", alone);
                print("replies with bulk", withBulk);
                double p99Alone = alone.getValueAtPercentile(99) / 1000.0;
                double p99Bulk = withBulk.getValueAtPercentile(99) / 1000.0;
                System.out.printf("bulk sent %d SMS in %d s alongside, throttled every 5th submit_sm%n",
                        bulkSent.get(), seconds);
                System.out.printf("ussd_p99_ms_alone=%.1f ussd_p99_ms_with_bulk=%.1f ratio=%.2f bulk_per_s=%d%n",
                        p99Alone, p99Bulk, p99Bulk / p99Alone, bulkSent.get() / seconds);
            } finally {
                bind.stop();
            }
        }
    }

    /** Replies at {@code rate} a second for {@code seconds}; with bulk senders alongside when {@code bulkSent} is set. */
    private static Histogram replies(SmscBind bind, int seconds, int rate, AtomicLong bulkSent) throws Exception {
        AtomicBoolean running = new AtomicBoolean(true);
        ExecutorService bulk = Executors.newFixedThreadPool(2 * WINDOW);
        if (bulkSent != null) {
            for (int i = 0; i < 2 * WINDOW; i++) {
                bulk.submit(() -> {
                    while (running.get()) {
                        try {
                            bind.submit(ResidentsAheadOfBulkTest.sms("Bantuan PKH cair besok"), false);
                            bulkSent.incrementAndGet();
                        } catch (SubmitFailure throttled) {
                            // the bind paused bulk: the next try waits that out
                        }
                    }
                });
            }
        }
        // replies go out from a pool of their own, as the USSD channel's submitters do
        ExecutorService submitters = Executors.newFixedThreadPool(REPLY_THREADS);
        Histogram latency = new Histogram(TimeUnit.SECONDS.toMicros(60), 3);
        long interval = TimeUnit.SECONDS.toNanos(1) / rate;
        long next = System.nanoTime();
        long end = next + TimeUnit.SECONDS.toNanos(seconds);
        while (next < end) {
            long wait = next - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            // timed from when it was due, so a reply held up counts the wait for a submitter too
            long due = next;
            submitters.submit(() -> {
                try {
                    bind.submit(ResidentsAheadOfBulkTest.ussd("Status bantuan: AKTIF"), true);
                } catch (SubmitFailure f) {
                    System.out.println("reply failed: " + f.getMessage());
                }
                long micros = (System.nanoTime() - due) / 1000;
                synchronized (latency) {
                    latency.recordValue(Math.min(latency.getHighestTrackableValue(), micros));
                }
            });
            next += interval;
        }
        submitters.shutdown();
        submitters.awaitTermination(60, TimeUnit.SECONDS);
        running.set(false);
        bulk.shutdown();
        bulk.awaitTermination(30, TimeUnit.SECONDS);
        return latency;
    }

    private static void print(String what, Histogram h) {
        System.out.printf("%s: %d, p50 %.1f ms, p99 %.1f ms, max %.1f ms%n", what, h.getTotalCount(),
                h.getValueAtPercentile(50) / 1000.0, h.getValueAtPercentile(99) / 1000.0, h.getMaxValue() / 1000.0);
    }
}
