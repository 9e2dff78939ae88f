package id.betang.gateway.complaint;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.apache.ibatis.session.SqlSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import id.betang.gateway.registry.Registry;
import id.betang.gateway.registry.RegistryClient;
import id.betang.gateway.registry.RegistryProblem;
import id.betang.gateway.store.Database;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

/**
 * Forwards stored complaints to the registry ({@code POST /complaints}, Idempotency-Key = ticket id) until it
 * takes them: back-off from 5 s to 10 min while it is down or answers 5xx; a 4xx is a refusal a person must
 * look at (ATTENTION, with the registry's reason). Work survives restarts because it is rows, and several
 * instances may run relays: a claim (token + lease) gives each row to one of them at a time, and the
 * Idempotency-Key covers a crash between the registry's answer and our record of it.
 */
public final class ComplaintRelay {

    private static final Logger LOG = LoggerFactory.getLogger(ComplaintRelay.class);
    private static final int BATCH = 200;
    private static final Duration LEASE = Duration.ofSeconds(60);
    private static final Duration FIRST_RETRY = Duration.ofSeconds(5);
    private static final Duration LAST_RETRY = Duration.ofMinutes(10);

    private final Vertx vertx;
    private final Database database;
    private final RegistryClient registry;
    private final Duration poll;
    private long timer = -1;
    private boolean running;
    private boolean again;

    public ComplaintRelay(Vertx vertx, Database database, RegistryClient registry, Duration poll) {
        this.vertx = vertx;
        this.database = database;
        this.registry = registry;
        this.poll = poll;
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
        vertx.executeBlocking(() -> claim(token), false)
                .compose(claimed -> Future.join(claimed.stream().map(c -> forward(c, token)).toList())
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

    private List<Complaint> claim(String token) {
        try (SqlSession session = database.sessions().openSession(true)) {
            ComplaintMapper mapper = session.getMapper(ComplaintMapper.class);
            List<String> due = mapper.dueForwards(BATCH);
            if (due.isEmpty() || mapper.claimForwards(due, token, LEASE.toMillis()) == 0) {
                return List.of();
            }
            return mapper.claimedForwards(token);
        }
    }

    private Future<Void> forward(Complaint c, String token) {
        return registry.fileComplaint(c).transform(sent -> vertx.executeBlocking(() -> {
            try (SqlSession session = database.sessions().openSession(true)) {
                ComplaintMapper mapper = session.getMapper(ComplaintMapper.class);
                if (sent.succeeded()) {
                    Registry.ComplaintState state = sent.result();
                    mapper.markAccepted(c.ticketId(), token);
                    if (state.status() != null) {
                        mapper.updateStatus(c.ticketId(), state.status(), state.note().orElse(c.note()));
                    }
                    LOG.info("complaint {} accepted by the registry", c.ticketId());
                } else if (sent.cause() instanceof RegistryProblem p && p.kind() == RegistryProblem.Kind.REJECTED) {
                    mapper.markAttention(c.ticketId(), token, limit(p.getMessage()));
                    LOG.warn("complaint {} refused by the registry, needs attention: {}", c.ticketId(), p.getMessage());
                } else {
                    mapper.reschedule(c.ticketId(), token, FIRST_RETRY.toSeconds(), LAST_RETRY.toSeconds(),
                            limit(sent.cause().getMessage()));
                    LOG.info("complaint {} not forwarded yet, will retry: {}", c.ticketId(), sent.cause().getMessage());
                }
            }
            return null;
        }, false));
    }

    private static String limit(String message) {
        return message == null ? null : message.length() > 255 ? message.substring(0, 255) : message;
    }
}
