package id.betang.gateway.outbox;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import org.apache.ibatis.session.SqlSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import id.betang.gateway.config.GatewayConfig;
import id.betang.gateway.ops.Mask;
import id.betang.gateway.smpp.MtSubmitter;
import id.betang.gateway.smpp.SubmitFailure;
import id.betang.gateway.store.Database;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Sends the outbox. One dispatcher thread claims due rows (a batch at a time, marked with a claim token so
 * several instances never take the same row), workers hand each row to the outbound port
 * ({@link MtSubmitter}: encoding, parts, binds, window and TPS are its business), and a {@link OutboxRecorder}
 * writes the outcomes in batches. This class deals only in rows, claims, leases and outcomes.
 *
 * <p><b>Delivery rule after a crash: at least once.</b> A claim is a lease. If an instance dies after the
 * SMSC accepted a part but before that part's message id reached the database (a window of one recorder
 * flush, tens of milliseconds), another instance takes the row when the lease runs out and sends the
 * parts without a recorded id again. Parts whose id was recorded are never sent twice. The same holds for a
 * link that drops with responses on the way: a submit_sm the SMSC took but whose response never arrived is
 * sent again (at most one window of them per drop). We chose this over
 * at-most-once because what we send matters to its reader (a ticket number, a payment date): a rare
 * duplicate is a nuisance, a lost message is a resident who never learns.
 *
 * <p>Apart from a crash, a row is never sent twice by this class's doing: the leases of claims whose rows
 * still wait in memory or in a bind's window are renewed ({@link ClaimLeases}), so a slow submit_sm_resp
 * never lets a claim lapse; and on stop only rows not yet handed to a bind are handed back.
 */
public final class OutboxSender {

    private static final Logger LOG = LoggerFactory.getLogger(OutboxSender.class);
    private static final Duration RETRY_MIN = Duration.ofSeconds(1);
    private static final Duration RETRY_MAX = Duration.ofMinutes(5);
    private static final long ABANDONED_CHECK_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final Database database;
    private final MtSubmitter outbound;
    private final GatewayConfig.Outbox config;
    private final String instance = "gw-" + UUID.randomUUID();
    private final Semaphore inFlight;
    private final int claimAhead;
    private final ExecutorService workers;
    private final OutboxRecorder recorder;
    private final ClaimLeases leases;
    /** Claimed rows the stop caught before they reached a bind: handed back for anyone to send. */
    private final ConcurrentLinkedQueue<Long> notHanded = new ConcurrentLinkedQueue<>();
    private final Object wake = new Object();
    private final Counter sent;
    private final Counter retried;
    private final Counter failed;
    private final Thread dispatcher;
    private volatile boolean running;
    private boolean nudged;
    private long lastAbandonedCheck = System.nanoTime() - ABANDONED_CHECK_NANOS;

    public OutboxSender(Database database, MtSubmitter outbound, GatewayConfig.Smpp smpp, GatewayConfig.Outbox config,
                        MeterRegistry metrics) {
        this.database = database;
        this.outbound = outbound;
        this.config = config;
        int threads = Math.max(1, outbound.transmitters() * smpp.window());
        this.claimAhead = claimAhead(outbound.transmitters(), smpp, config);
        this.inFlight = new Semaphore(threads + claimAhead);
        this.workers = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "outbox-submit");
            t.setDaemon(true);
            return t;
        });
        this.leases = new ClaimLeases(database, config.lease());
        this.recorder = new OutboxRecorder(database, o -> leases.settled(o.token(), o.id()));
        this.sent = Counter.builder("betang_outbox_sms").tag("outcome", "sent").register(metrics);
        this.retried = Counter.builder("betang_outbox_sms").tag("outcome", "retry").register(metrics);
        this.failed = Counter.builder("betang_outbox_sms").tag("outcome", "failed").register(metrics);
        this.dispatcher = new Thread(this::dispatch, "outbox-dispatch");
        this.dispatcher.setDaemon(true);
    }

    /**
     * How many claimed rows may wait in memory beyond those on the wire: a full batch, so the database sees
     * few large claims, but never more than the binds send in a quarter of the lease at their TPS cap, so
     * rows do not sit in one instance's memory while another instance could be sending them.
     */
    static int claimAhead(int transmitters, GatewayConfig.Smpp smpp, GatewayConfig.Outbox config) {
        if (smpp.tps() == 0) {
            return config.batch();
        }
        long quarterLease = (long) smpp.tps() * Math.max(1, transmitters) * config.lease().toSeconds() / 4;
        return (int) Math.max(1, Math.min(config.batch(), quarterLease));
    }

    public String instance() {
        return instance;
    }

    public void start() {
        running = true;
        leases.start();
        recorder.start();
        dispatcher.start();
    }

    /** Something was queued: look now rather than at the next poll. */
    public void nudge() {
        synchronized (wake) {
            nudged = true;
            wake.notifyAll();
        }
    }

    private void dispatch() {
        while (running) {
            try {
                int claimed = outbound.canSend() ? claimAndSend() : 0;
                if (claimed == 0) {
                    sleepUntilNudged(config.poll());
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                // MySQL away or a deadlock between instances: nothing was lost, the rows wait for the next round
                LOG.warn("outbox round failed: {}", e.getMessage());
                try {
                    sleepUntilNudged(config.poll());
                } catch (InterruptedException ie) {
                    return;
                }
            }
        }
    }

    private int claimAndSend() throws InterruptedException {
        // claim in large bites (a claim of a few rows each time one finishes would cost a commit per row),
        // yet early enough that what is already claimed keeps the window busy while the next claim runs
        int worthClaiming = Math.max(1, Math.min(config.batch(), claimAhead) / 4);
        if (inFlight.availablePermits() < worthClaiming) {
            if (inFlight.tryAcquire(worthClaiming, config.poll().toMillis(), TimeUnit.MILLISECONDS)) {
                inFlight.release(worthClaiming);
            }
            return 1; // look again at once: either there is room now or the poll interval passed
        }
        int room = Math.min(config.batch(), inFlight.availablePermits());
        List<Claim> claims = new ArrayList<>(2);
        // each claim is a transaction under the store's retry: it can lose a deadlock to a batch being inserted
        // (InnoDB rolls it back whole), and a round that failed would wait out the poll interval
        try {
            long now = System.nanoTime();
            if (now - lastAbandonedCheck > ABANDONED_CHECK_NANOS) { // leases run out in seconds, not milliseconds
                lastAbandonedCheck = now;
                take(true, room).ifPresent(claims::add);
            }
            int left = room - claims.stream().mapToInt(c -> c.rows().size()).sum();
            if (left > 0) {
                take(false, left).ifPresent(claims::add);
            }
        } catch (RuntimeException e) {
            claims.forEach(c -> leases.forget(c.token())); // whatever the claims took returns after its lease
            throw e;
        }
        int handed = 0;
        for (Claim claim : claims) {
            handed += handOut(claim);
        }
        return handed;
    }

    /** Rows one claiming statement took, under their own token, and the parts an earlier attempt got sent. */
    private record Claim(String token, List<ClaimedSms> rows, Map<Long, Set<Integer>> alreadySent) {
    }

    /**
     * Claims up to {@code room} rows in one transaction (lock them, mark them claimed): lapsed claims of crashed
     * instances, or due rows, the longest-waiting first. Its lease is counted from before the transaction, so
     * this JVM never believes in it longer than the database does; it is renewed only once committed.
     */
    private Optional<Claim> take(boolean abandoned, int room) {
        long claimStarted = System.nanoTime();
        long leaseMs = config.lease().toMillis();
        long validityS = config.validity().toSeconds();
        Claim claim = database.inTransaction(session -> {
            OutboxMapper mapper = session.getMapper(OutboxMapper.class);
            List<ClaimedSms> rows = abandoned ? mapper.lockAbandoned(room, validityS) : mapper.lockDue(room, validityS);
            if (rows.isEmpty()) {
                return null;
            }
            String token = UUID.randomUUID().toString(); // each attempt its own: a rolled-back one holds nothing
            int taken = 0;
            for (RowIds chunk : RowIds.chunks(ids(rows))) {
                taken += mapper.claim(chunk, token, instance, leaseMs);
            }
            if (taken != rows.size()) { // not expected, the rows are locked: roll back rather than send unclaimed rows
                throw new IllegalStateException("outbox claim locked " + rows.size() + " SMS but marked " + taken);
            }
            return new Claim(token, rows, acceptedParts(mapper, rows, abandoned));
        });
        if (claim == null) {
            return Optional.empty();
        }
        leases.claimed(claim.token(), ids(claim.rows()), claimStarted);
        return Optional.of(claim);
    }

    private static List<Long> ids(List<ClaimedSms> rows) {
        return rows.stream().map(ClaimedSms::id).toList();
    }

    private int handOut(Claim claim) throws InterruptedException {
        List<ClaimedSms> rows = claim.rows();
        int queued = 0;
        try {
            for (; queued < rows.size() && running; queued++) {
                inFlight.acquire();
                ClaimedSms row = rows.get(queued);
                Set<Integer> skip = claim.alreadySent().getOrDefault(row.id(), Set.of());
                workers.execute(() -> {
                    try {
                        sendClaimed(row, claim.token(), skip);
                    } finally {
                        inFlight.release();
                    }
                });
            }
        } finally {
            for (int i = queued; i < rows.size(); i++) {
                handBack(rows.get(i), claim.token());
            }
        }
        return rows.size();
    }

    /**
     * Hands the row to the binds unless the sender is stopping (then it goes back to the outbox) or its lease
     * could run out before the next renewal (MySQL unreachable: then it is left to whoever holds it next).
     */
    private void sendClaimed(ClaimedSms row, String token, Set<Integer> skip) {
        if (!running) {
            handBack(row, token);
        } else if (!leases.safeToSend(token)) {
            leases.forget(token); // the claim's other waiting rows are not sent either, nor is it renewed again
            LOG.warn("SMS {} not sent: its claim could not be renewed in time; it returns after the lease", row.id());
        } else {
            recorder.record(send(row, token, skip));
        }
    }

    private void handBack(ClaimedSms row, String token) {
        notHanded.add(row.id());
        leases.settled(token, row.id());
    }

    /**
     * Parts of these rows an earlier attempt got accepted: they are not sent again. A row never tried has
     * none (parts and the attempt count are written in one transaction); a crashed instance's row is
     * checked anyway.
     */
    private static Map<Long, Set<Integer>> acceptedParts(OutboxMapper mapper, List<ClaimedSms> rows,
                                                         boolean abandoned) {
        Map<Long, Set<Integer>> accepted = new HashMap<>();
        List<Long> triedBefore = rows.stream().filter(r -> abandoned || r.attempts() > 0)
                .map(ClaimedSms::id).toList();
        if (!triedBefore.isEmpty()) {
            for (SmsPart part : mapper.partsOf(triedBefore)) {
                accepted.computeIfAbsent(part.outboxId(), k -> new HashSet<>()).add(part.partNo());
            }
        }
        return accepted;
    }

    /** Submits the parts not yet accepted by the SMSC; the outcome is written by the recorder. */
    private OutboxRecorder.Outcome send(ClaimedSms row, String token, Set<Integer> skip) {
        MtSubmitter.SmsSubmission submission = outbound.sms(row.msisdn(), row.body(), (int) row.id(), skip, true);
        if (submission.failure().isPresent()) {
            return failure(row, token, submission.accepted(), submission.failure().get());
        }
        sent.increment();
        return OutboxRecorder.Outcome.sent(row.id(), token, submission.accepted(), submission.parts());
    }

    private OutboxRecorder.Outcome failure(ClaimedSms row, String token, List<MtSubmitter.AcceptedPart> accepted,
                                           SubmitFailure f) {
        boolean expired = row.expired(); // by the database's clock, at the claim
        if (!f.retryable() || expired) {
            failed.increment();
            String reason = expired ? "not sent within " + config.validity().toHours() + " h: " + f.getMessage()
                    : f.getMessage();
            LOG.warn("SMS {} to {} failed: {}", row.id(), Mask.msisdn(row.msisdn()), reason);
            return OutboxRecorder.Outcome.failed(row.id(), token, accepted, reason);
        }
        retried.increment();
        long delay = retryDelay(row.attempts()).toMillis();
        LOG.info("SMS {} to {} retries in {} ms: {}", row.id(), Mask.msisdn(row.msisdn()), delay, f.getMessage());
        return OutboxRecorder.Outcome.retry(row.id(), token, accepted, delay, f.getMessage());
    }

    /** Exponential with jitter, from 1 s to 5 min: the SMSC recovers at its own pace. */
    static Duration retryDelay(int attempts) {
        long ceiling = Math.min(RETRY_MAX.toMillis(), RETRY_MIN.toMillis() << Math.min(attempts, 20));
        return Duration.ofMillis(ceiling / 2 + ThreadLocalRandom.current().nextLong(ceiling / 2 + 1));
    }

    private void sleepUntilNudged(Duration max) throws InterruptedException {
        synchronized (wake) {
            if (!nudged) {
                wake.wait(max.toMillis());
            }
            nudged = false;
        }
    }

    /**
     * Stops claiming, lets messages on the wire finish and their outcomes reach the database (their leases
     * renewed meanwhile), then hands back the claimed rows not yet handed to a bind, so another instance need
     * not wait for the lease. A row still in a bind's window when the wait ends stays claimed: its lease
     * lapses, and whoever takes it sends only the parts without a recorded id.
     */
    public void stop() {
        running = false;
        dispatcher.interrupt();
        try {
            dispatcher.join(5_000); // no claim is half handed out when the workers stop taking work
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        workers.shutdown();
        try {
            if (!workers.awaitTermination(10, TimeUnit.SECONDS)) {
                LOG.warn("outbox stopping with submits still running; their rows return after the lease");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        recorder.stop();
        leases.stop();
        handBackNotHanded();
    }

    private void handBackNotHanded() {
        List<Long> ids = new ArrayList<>(notHanded);
        if (ids.isEmpty()) {
            return;
        }
        try (SqlSession session = database.sessions().openSession(true)) {
            OutboxMapper mapper = session.getMapper(OutboxMapper.class);
            int released = 0;
            for (RowIds chunk : RowIds.chunks(ids)) {
                released += mapper.releaseClaims(chunk, instance);
            }
            LOG.info("outbox handed back {} claimed SMS not yet sent on shutdown", released);
        } catch (RuntimeException e) {
            LOG.warn("outbox could not hand back {} claims ({}); they return after the lease", ids.size(),
                    e.getMessage());
        }
    }
}
