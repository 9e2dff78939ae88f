package id.betang.gateway.complaint;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.ibatis.session.SqlSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import id.betang.gateway.registry.Registry;
import id.betang.gateway.registry.RegistryClient;
import id.betang.gateway.registry.RegistryProblem;
import id.betang.gateway.store.Database;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

/**
 * Forwards stored complaints to the registry ({@code POST /complaints}, Idempotency-Key = ticket id) until it
 * takes them, with a back-off from 5 s to 10 min while it cannot. Only a refusal that names the complaint
 * itself (400, 409 or 422 with problem details) needs a person (ATTENTION, with the registry's reason); a
 * 401/403 means our credentials are wrong, which no complaint can fix, so those keep retrying and count in
 * {@code betang_registry_auth_failures_total} for an alert. While the registry is down the relay probes it
 * with the longest-waiting complaint; the first success after failures, or the circuit closing, makes every
 * waiting complaint due at once instead of each waiting out its own back-off.
 * <p>
 * Work survives restarts because it is rows, and several instances may run relays: a claim (token + lease)
 * gives each row to one of them at a time, and the Idempotency-Key covers a crash between the registry's
 * answer and our record of it.
 */
public final class ComplaintRelay {

    private static final Logger LOG = LoggerFactory.getLogger(ComplaintRelay.class);
    private static final int BATCH = 200;
    /**
     * Longer than one forward can take (the registry timeout, 8 s by default, and no retry of a POST), short
     * enough that a crashed instance's claims are taken over soon; a forward that outlives it may be sent twice,
     * which the Idempotency-Key makes harmless.
     */
    private static final Duration LEASE = Duration.ofSeconds(20);
    private static final Duration FIRST_RETRY = Duration.ofSeconds(5);
    private static final Duration LAST_RETRY = Duration.ofMinutes(10);

    private final Vertx vertx;
    private final Database database;
    private final RegistryClient registry;
    private final Duration poll;
    private final Counter authFailures;
    private final AtomicInteger waiting = new AtomicInteger();
    private long timer = -1;
    private boolean running;
    private boolean again;
    /** The last forward found the registry unreachable or refusing our credentials. */
    private volatile boolean registryFailing;

    public ComplaintRelay(Vertx vertx, Database database, RegistryClient registry, Duration poll,
                          MeterRegistry metrics) {
        this.vertx = vertx;
        this.database = database;
        this.registry = registry;
        this.poll = poll;
        this.authFailures = Counter.builder("betang_registry_auth_failures")
                .description("registry answers 401/403 to the complaint relay: the gateway's credentials are wrong")
                .register(metrics);
        Gauge.builder("betang_complaints_waiting", waiting, AtomicInteger::get)
                .description("complaints stored but not yet taken by the registry").register(metrics);
        registry.onBackUp(this::wakeAll);
    }

    public void start() {
        timer = vertx.setPeriodic(poll.toMillis(), t -> nudge());
    }

    public void stop() {
        vertx.cancelTimer(timer);
    }

    /** Forward what is due now (called after a complaint is filed, and on every poll). */
    public synchronized void nudge() {
        if (running) {
            again = true;
            return;
        }
        running = true;
        String token = UUID.randomUUID().toString();
        List<Taken> taken = new CopyOnWriteArrayList<>();
        vertx.executeBlocking(() -> claim(token), false)
                .compose(claimed -> Future.join(claimed.stream().map(c -> forward(c, token, taken)).toList())
                        // whatever became of the others, what the registry took is recorded
                        .eventually(() -> recordTaken(taken, token))
                        .map(claimed.size()))
                .onComplete(done -> {
                    if (done.failed()) {
                        LOG.warn("complaint relay round failed: {}", done.cause().toString());
                    }
                    boolean more;
                    synchronized (this) {
                        running = false;
                        // a full batch means more may be waiting: go on now rather than at the next poll
                        more = again || (done.succeeded() && done.result() == BATCH);
                        again = false;
                    }
                    if (more) {
                        nudge();
                    }
                });
    }

    /** The registry is back: what waits out a back-off is due now. */
    private void wakeAll() {
        vertx.executeBlocking(() -> {
            try (SqlSession session = database.sessions().openSession(true)) {
                return session.getMapper(ComplaintMapper.class).wakeForwards();
            }
        }, false).onSuccess(woken -> {
            if (woken > 0) {
                LOG.info("registry back: {} waiting complaint(s) due now", woken);
            }
            nudge();
        }).onFailure(e -> LOG.warn("waiting complaints not woken: {}", e.toString()));
    }

    private List<Complaint> claim(String token) {
        try (SqlSession session = database.sessions().openSession(true)) {
            ComplaintMapper mapper = session.getMapper(ComplaintMapper.class);
            waiting.set(mapper.countWaiting());
            List<String> due = mapper.dueForwards(BATCH);
            if (!due.isEmpty()) {
                return mapper.claimForwards(due, token, LEASE.toMillis()) == 0 ? List.of()
                        : mapper.claimedForwards(token);
            }
            // nothing due, but the registry was failing: one complaint asks whether it is back (not while the
            // circuit is open, when the call could not reach it)
            String probe = registryFailing && registry.acceptsCalls() ? mapper.probeForward() : null;
            if (probe == null || mapper.claimProbe(probe, token, LEASE.toMillis()) == 0) {
                return List.of();
            }
            return mapper.claimedForwards(token);
        }
    }

    /** A complaint the registry took, and what it answered. */
    private record Taken(Complaint complaint, Registry.ComplaintState state) {
    }

    /**
     * Sends one complaint. A refusal or a failure is recorded at once; what the registry took joins
     * {@code taken}, which the round records in one transaction ({@link #recordTaken}).
     */
    private Future<Void> forward(Complaint c, String token, List<Taken> taken) {
        return registry.fileComplaint(c).transform(sent -> {
            if (sent.succeeded()) {
                taken.add(new Taken(c, sent.result()));
                return Future.<Void>succeededFuture();
            }
            return vertx.executeBlocking(() -> {
                recordFailure(c, token, sent.cause());
                return null;
            }, false);
        });
    }

    /**
     * What the registry took in this round, in one transaction instead of one per complaint: the forwards
     * ACCEPTED, and each answer recorded like an event ({@code relay:<ticket>}) that does not overwrite a
     * newer status a webhook brought. Then, if the registry had been failing, the rest need not wait out
     * their back-off.
     */
    private Future<Void> recordTaken(List<Taken> taken, String token) {
        if (taken.isEmpty()) {
            return Future.succeededFuture();
        }
        return vertx.executeBlocking(() -> {
            List<String> tickets = taken.stream().map(t -> t.complaint().ticketId()).toList();
            List<RelayAnswer> answers = taken.stream()
                    .filter(t -> t.state().status() != null && Complaint.STATUSES.contains(t.state().status()))
                    .map(t -> new RelayAnswer("relay:" + t.complaint().ticketId(), t.complaint().ticketId(),
                            t.state().status(), t.state().note().orElse(t.complaint().note()),
                            ComplaintStore.epochMs(t.state().updatedAt().orElse(null))))
                    .toList();
            database.inTransaction(session -> {
                ComplaintMapper mapper = session.getMapper(ComplaintMapper.class);
                mapper.markAcceptedAll(tickets, token);
                if (!answers.isEmpty()) {
                    List<String> events = answers.stream().map(RelayAnswer::eventId).toList();
                    mapper.recordRelayAnswers(answers);
                    // applied where no newer status is held; the rest marked stale (the rows applied stay
                    // locked to the commit, and a stale one only grows staler)
                    mapper.applyRelayAnswers(events);
                    mapper.markRelayAnswersStale(events);
                }
                return null;
            });
            tickets.forEach(t -> LOG.info("complaint {} accepted by the registry", t));
            return null;
        }, false).map(v -> {
            if (registryFailing) {
                // the first success after failures: the rest need not wait out their back-off
                registryFailing = false;
                wakeAll();
            }
            return null;
        });
    }

    /** The registry's answer to a forward, as {@code complaint_event} records it. */
    record RelayAnswer(String eventId, String ticketId, String status, String note, Long updatedMs) {
    }

    private void recordFailure(Complaint c, String token, Throwable failure) {
        RegistryProblem p = failure instanceof RegistryProblem problem ? problem : null;
        if (p != null && p.refusesTheRequest()) {
            database.autocommit(session -> {
                session.getMapper(ComplaintMapper.class).markAttention(c.ticketId(), token, limit(p.getMessage()));
                return null;
            });
            LOG.warn("complaint {} refused by the registry, needs attention: {}", c.ticketId(), p.getMessage());
            return;
        }
        if (p != null && p.credentialsRefused()) {
            authFailures.increment();
            registryFailing = true;
            LOG.error("complaint {} not forwarded: the registry refuses our credentials ({}); will retry",
                    c.ticketId(), p.getMessage());
        } else {
            registryFailing |= RegistryProblem.isUnavailable(failure);
            LOG.info("complaint {} not forwarded yet, will retry: {}", c.ticketId(), failure.getMessage());
        }
        database.autocommit(session -> {
            session.getMapper(ComplaintMapper.class).reschedule(c.ticketId(), token, FIRST_RETRY.toSeconds(),
                    LAST_RETRY.toSeconds(), limit(failure.getMessage()));
            return null;
        });
    }

    private static String limit(String message) {
        return message == null ? null : message.length() > 255 ? message.substring(0, 255) : message;
    }
}
