package id.betang.gateway.action;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import id.betang.menus.ActionResult;
import io.vertx.core.Future;

/** Runs the actions menus name ({@code registry.status}, {@code complaint.file}, ...). */
public interface Actions {

    Future<ActionResult> call(String action, Map<String, String> params, Caller caller);

    /**
     * Who is asking and how long the step may still take.
     *
     * @param aggregator    the HTTP aggregator (provider) that relayed the step; empty on SMPP and SMS
     * @param agentId       set when the phone belongs to a registered social worker
     * @param deadlineNanos ({@link System#nanoTime()}) by when the action must answer for the step to keep its budget
     * @param followUp      where an answer that misses the deadline goes, to reach the caller by SMS
     */
    record Caller(String msisdn, String channel, Optional<String> aggregator, Optional<String> agentId,
                  long deadlineNanos, FollowUp followUp) {

        /** A caller reached directly, through no aggregator. */
        public Caller(String msisdn, String channel, Optional<String> agentId, long deadlineNanos, FollowUp followUp) {
            this(msisdn, channel, Optional.empty(), agentId, deadlineNanos, followUp);
        }

        /** A caller with time to spare and no SMS follow-up (tests, tools). */
        public static Caller unhurried(String msisdn, String channel) {
            return new Caller(msisdn, channel, Optional.empty(), System.nanoTime() + TimeUnit.MINUTES.toNanos(1),
                    eventual -> { });
        }

        public long remainingMillis() {
            return Math.max(0, TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime()));
        }
    }

    /** Takes an answer the dialogue could not wait for and sends it to the caller by SMS when it comes. */
    @FunctionalInterface
    interface FollowUp {
        void bySms(Future<ActionResult> eventual);
    }
}
