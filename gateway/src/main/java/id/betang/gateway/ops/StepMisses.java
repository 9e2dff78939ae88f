package id.betang.gateway.ops;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * USSD steps that missed their budget (the screen said the answer comes by SMS): all counted in
 * betang_ussd_answered_later by the action that was slow (what an alert watches), and the last few kept for the
 * operator console with when and whose phone, masked. The list is in memory and per instance.
 */
public final class StepMisses {

    public record Miss(Instant at, String action, String msisdn) { }

    private final MeterRegistry metrics;
    private final int keep;
    private final Clock clock;
    private final Deque<Miss> recent = new ArrayDeque<>();

    public StepMisses(MeterRegistry metrics, int keep, Clock clock) {
        this.metrics = metrics;
        this.keep = keep;
        this.clock = clock;
    }

    public void missed(String action, String msisdn) {
        Counter.builder("betang_ussd_answered_later")
                .description("USSD steps whose action missed the step budget: the answer follows by SMS")
                .tag("action", action).register(metrics).increment();
        Miss miss = new Miss(clock.instant(), action, Mask.msisdn(msisdn));
        synchronized (recent) {
            recent.addFirst(miss);
            while (recent.size() > keep) {
                recent.removeLast();
            }
        }
    }

    /** Newest first. */
    public List<Miss> recent() {
        synchronized (recent) {
            return new ArrayList<>(recent);
        }
    }
}
