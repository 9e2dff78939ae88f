package id.betang.gateway.console;

import java.time.LocalDateTime;
import java.util.List;
import java.util.function.Supplier;

import org.apache.ibatis.session.SqlSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import id.betang.gateway.ops.Mask;
import id.betang.gateway.ops.StepMisses;
import id.betang.gateway.smpp.SmscBind;
import id.betang.gateway.store.Database;

/**
 * What an operator sees of a running gateway and the two repairs they may make without SQL: send a failed SMS
 * again, and hand a complaint the registry refused (ATTENTION) back to the relay. Every repair is recorded in
 * operator_action in the same transaction as its effect, whether it did something or found nothing to do.
 * Phone numbers leave here masked: the console is for the link and the queues, not for reading who wrote.
 * Blocking (JDBC): callers run it on a worker thread.
 */
public final class OperatorDesk {

    public static final String REQUEUE = "sms.requeue";
    public static final String RETRY = "complaint.retry";
    public static final String DONE = "done";
    private static final Logger LOG = LoggerFactory.getLogger(OperatorDesk.class);
    private static final int LIST_LIMIT = 50;

    public record Waiting(long count, long oldestSeconds) { }

    public record FailedSms(long id, String msisdn, String category, int attempts, String failure,
                            LocalDateTime failedAt) {
        FailedSms masked() {
            return new FailedSms(id, Mask.msisdn(msisdn), category, attempts, failure, failedAt);
        }
    }

    public record Attention(String ticketId, String category, String channel, int attempts, String lastError,
                            LocalDateTime filedAt) { }

    public record Action(LocalDateTime at, String operator, String action, String target, String outcome) { }

    public record Bind(String name, String state, long timesBound, String lastProblem) { }

    public record Overview(List<Bind> binds, Waiting outbox, List<FailedSms> failedSms, List<Attention> attention,
                           List<StepMisses.Miss> stepMisses, String menuVersion, List<Action> recentActions) { }

    private final Database database;
    private final Supplier<List<SmscBind>> binds;
    private final StepMisses misses;
    /** The menu version serving new dials, as the operator reads it: it changes while the gateway runs. */
    private final Supplier<String> menuVersion;

    public OperatorDesk(Database database, Supplier<List<SmscBind>> binds, StepMisses misses,
                        Supplier<String> menuVersion) {
        this.database = database;
        this.binds = binds;
        this.misses = misses;
        this.menuVersion = menuVersion;
    }

    public Overview overview() {
        try (SqlSession session = database.sessions().openSession(true)) {
            ConsoleMapper m = session.getMapper(ConsoleMapper.class);
            return new Overview(
                    binds.get().stream().map(b -> new Bind(b.name(), b.state().name(), b.timesBound(), b.lastProblem()))
                            .toList(),
                    m.outboxWaiting(),
                    m.failedSms(LIST_LIMIT).stream().map(FailedSms::masked).toList(),
                    m.attention(LIST_LIMIT),
                    misses.recent(),
                    menuVersion.get(),
                    m.recentActions(LIST_LIMIT));
        }
    }

    /** @return {@link #DONE}, or {@code not-failed} when the SMS is unknown or not (any more) FAILED */
    public String requeue(long outboxId, String operator) {
        return repair(REQUEUE, String.valueOf(outboxId), operator, m -> m.requeueSms(outboxId), "not-failed");
    }

    /** @return {@link #DONE}, or {@code not-attention} when the complaint is unknown or not in ATTENTION */
    public String retry(String ticketId, String operator) {
        return repair(RETRY, ticketId, operator, m -> m.retryComplaint(ticketId), "not-attention");
    }

    private String repair(String action, String target, String operator,
                          java.util.function.ToIntFunction<ConsoleMapper> change, String nothingToDo) {
        String outcome = database.inTransaction(session -> {
            ConsoleMapper m = session.getMapper(ConsoleMapper.class);
            String done = change.applyAsInt(m) == 1 ? DONE : nothingToDo;
            m.record(operator, action, target, done);
            return done;
        });
        LOG.info("operator {} {} {}: {}", operator, action, target, outcome);
        return outcome;
    }
}
