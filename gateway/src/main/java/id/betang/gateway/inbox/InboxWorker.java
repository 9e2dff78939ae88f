package id.betang.gateway.inbox;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import org.apache.ibatis.session.SqlSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import id.betang.gateway.ops.Mask;
import id.betang.gateway.smpp.MoSms;
import id.betang.gateway.smpp.SmsReassembly;
import id.betang.gateway.store.Database;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

/**
 * Processes the MO inbox: claims whole messages (a one-part SMS, or every part of a long one) and hands each
 * to the handler, by any instance; several instances share the rows as they share the outbox. A claim is a
 * lease, renewed while the message is processed; a claim whose lease ran out (its instance died) becomes NEW
 * again and is taken by whoever looks next. Woken at once after every inbox commit; looks by itself every
 * {@code poll} for takeovers and for long SMS whose parts stopped coming.
 *
 * <p>A long SMS is complete when all its parts (same phone, reference and total) are rows; one UPDATE claims
 * every NEW part of it, so of two instances completing the same message one gets it all and the other none.
 * After the reassembly timeout whatever arrived is taken the same way, the gaps marked.
 *
 * <p><b>A failed message is tried again soon, by the instance holding it.</b> A handler that fails (MySQL
 * or Redis went away mid-message) keeps its claim, renewed, and is run again after a short back-off (half a
 * second, doubling to {@value #RETRY_CAP_MS} ms), so a store that comes back finds the backlog taken up within a
 * second or two rather than after the lease. Before each try the claim is renewed; a claim lost meanwhile (the
 * lease ran out during a long outage, and perhaps another instance took the row) drops the try. After
 * {@value #RETRIES_HELD} tries the row is let go: its lease runs out and it is claimed anew, one attempt more.
 *
 * <p><b>Done after the effects, not with them.</b> A row is marked DONE in a statement of its own right after
 * the handler's effects are committed (batched with other rows done meanwhile). An instance dying in between
 * leaves the row to be processed again, so the handler's effects must be idempotent by the inbox row id; see
 * {@code SmsInbox}: a complaint's filing key and the outbox ref of every SMS it answers with are {@code mo:<id>}
 * (a second go queues nothing), commands set what they set.
 */
public final class InboxWorker {

    private static final Logger LOG = LoggerFactory.getLogger(InboxWorker.class);
    /** A message that failed this often (claimed and not done) is given up, so one bad row cannot loop forever. */
    static final int MAX_ATTEMPTS = 5;
    private static final int MAX_ROWS_PER_STATEMENT = 500;
    private static final Duration STOP_WAIT = Duration.ofSeconds(5);
    /** Tries of a failed message while its claim is held, before it is left to the lease. */
    static final int RETRIES_HELD = 6;
    private static final long RETRY_FIRST_MS = 500;
    static final long RETRY_CAP_MS = 8_000;

    /** Where whole messages go. */
    public interface Handler {
        /** Completes once the message's effects are committed; {@code inboxId} names the message for good. */
        Future<Void> onSms(long inboxId, MoSms whole);
    }

    /**
     * @param lease       how long a claim holds without renewal: how soon another instance takes over after a crash
     * @param poll        how often to look for lapsed claims and timed-out long SMS without being woken
     * @param concurrency messages processed at once
     */
    public record Settings(Duration lease, Duration poll, Duration reassemblyTimeout, int concurrency) {

        /** A 15 s lease renewed every 5 s; timed-out long SMS seen within half their timeout. */
        public static Settings of(Duration reassemblyTimeout) {
            Duration poll = Duration.ofSeconds(1);
            return new Settings(Duration.ofSeconds(15), poll.compareTo(reassemblyTimeout.dividedBy(2)) < 0 ? poll
                    : reassemblyTimeout.dividedBy(2), reassemblyTimeout, 64);
        }
    }

    private final Vertx vertx;
    private final Database database;
    private final Handler handler;
    private final Settings settings;
    private final String instance = "gw-" + UUID.randomUUID();
    private final Semaphore slots;
    private final Semaphore wake = new Semaphore(0);
    /** Claim token to the rows of it not yet done: renewed until done, handed back on stop. */
    private final Map<String, Set<Long>> held = new ConcurrentHashMap<>();
    private final Queue<Finished> done = new ConcurrentLinkedQueue<>();
    private final Queue<Retry> retries = new ConcurrentLinkedQueue<>();
    private volatile boolean running;
    private Thread thread;
    private long nextLookNanos;
    private long nextRenewNanos;

    public InboxWorker(Vertx vertx, Database database, Handler handler, Settings settings) {
        this.vertx = vertx;
        this.database = database;
        this.handler = handler;
        this.settings = settings;
        this.slots = new Semaphore(settings.concurrency());
    }

    public void start() {
        running = true;
        thread = new Thread(this::work, "inbox-worker");
        thread.setDaemon(true);
        thread.start();
    }

    /** New rows are committed: look at once. */
    public void nudge() {
        if (wake.availablePermits() == 0) {
            wake.release();
        }
    }

    /** Lets messages in hand finish (briefly), marks them done, hands the rest back for anyone to take. */
    public void stop() {
        running = false;
        nudge();
        if (thread != null) {
            try {
                thread.join(STOP_WAIT.multipliedBy(2).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void work() {
        while (running) {
            try {
                wake.tryAcquire(settings.poll().toMillis(), TimeUnit.MILLISECONDS);
                wake.drainPermits();
            } catch (InterruptedException e) {
                break;
            }
            try {
                round();
            } catch (RuntimeException e) {
                LOG.warn("inbox round failed, next in {} ms: {}", settings.poll().toMillis(), e.getMessage());
            }
        }
        try {
            if (!slots.tryAcquire(settings.concurrency(), STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("inbox stopping with messages still being processed after {} s", STOP_WAIT.toSeconds());
            }
            flushDone();
            retries.clear();
            releaseHeld();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.warn("inbox could not hand back its claims (they lapse after {} s): {}", settings.lease().toSeconds(),
                    e.getMessage());
        }
    }

    /** Done rows marked; if due, leases renewed and lapsed claims freed; then as much work claimed as fits. */
    void round() {
        flushDone();
        long now = System.nanoTime();
        if (now - nextRenewNanos >= 0) {
            renewHeld();
            nextRenewNanos = now + settings.lease().toNanos() / 3;
        }
        if (now - nextLookNanos >= 0) {
            try (SqlSession session = database.sessions().openSession(true)) {
                InboxMapper mapper = session.getMapper(InboxMapper.class);
                int freed = mapper.releaseLapsed();
                if (freed > 0) {
                    LOG.info("inbox took over {} message part(s) whose claim lapsed (an instance stopped)", freed);
                }
            }
            nextLookNanos = now + settings.poll().toNanos();
        }
        retryDue();
        boolean full;
        do {
            if (!worthClaiming()) {
                return;
            }
            full = claimSingles() | claimLongSms();
        } while (full && running);
    }

    /**
     * Claims go in batches: with messages in hand, only once a quarter of the slots is free, so a busy inbox
     * costs a few statements per batch rather than per message.
     */
    private boolean worthClaiming() {
        int free = slots.availablePermits();
        return free == settings.concurrency() || free >= Math.max(1, settings.concurrency() / 4);
    }

    /** @return whether as many were claimed as asked for (more may be waiting) */
    private boolean claimSingles() {
        int free = slots.availablePermits();
        if (free == 0) {
            return false;
        }
        String token = UUID.randomUUID().toString();
        List<InboxRow> rows;
        int candidates;
        try (SqlSession session = database.sessions().openSession(true)) {
            InboxMapper mapper = session.getMapper(InboxMapper.class);
            List<Long> ids = mapper.newSingles(free);
            candidates = ids.size();
            if (ids.isEmpty() || mapper.claimIds(ids, token, instance, settings.lease().toMillis()) == 0) {
                return false;
            }
            rows = mapper.claimedIds(ids, token);
        }
        for (InboxRow row : rows) {
            dispatch(token, List.of(row), row.sms());
        }
        return candidates == free;
    }

    private boolean claimLongSms() {
        int free = slots.availablePermits();
        if (free == 0) {
            return false;
        }
        List<InboxMapper.PartSet> sets;
        try (SqlSession session = database.sessions().openSession(true)) {
            sets = session.getMapper(InboxMapper.class).readySets(settings.reassemblyTimeout().toMillis(), free);
        }
        for (InboxMapper.PartSet set : sets) {
            String token = UUID.randomUUID().toString();
            List<InboxRow> parts;
            try (SqlSession session = database.sessions().openSession(true)) {
                InboxMapper mapper = session.getMapper(InboxMapper.class);
                if (mapper.claimSet(set, token, instance, settings.lease().toMillis()) == 0) {
                    continue; // another instance took it
                }
                parts = mapper.claimedSet(set, token);
            }
            if (parts.isEmpty()) {
                continue;
            }
            dispatch(token, parts, joined(set, parts));
        }
        return sets.size() == free;
    }

    private static MoSms joined(InboxMapper.PartSet set, List<InboxRow> parts) {
        Map<Integer, String> bySeq = new TreeMap<>();
        parts.forEach(p -> bySeq.putIfAbsent(p.concatSeq(), p.body()));
        if (bySeq.size() < set.concatTotal()) {
            LOG.info("SMS from {} incomplete after the timeout: {} of {} parts kept", Mask.msisdn(set.msisdn()),
                    bySeq.size(), set.concatTotal());
        }
        return SmsReassembly.join(parts.get(0).sms(), bySeq, set.concatTotal());
    }

    /** Hands one whole message to the handler on an event-loop context of its own. */
    private void dispatch(String token, List<InboxRow> rows, MoSms whole) {
        List<Long> ids = rows.stream().map(InboxRow::id).toList();
        held.computeIfAbsent(token, t -> ConcurrentHashMap.newKeySet()).addAll(ids);
        long messageId = ids.stream().mapToLong(Long::longValue).min().orElseThrow();
        int attempts = rows.stream().mapToInt(InboxRow::attempts).max().orElse(1);
        if (attempts > MAX_ATTEMPTS) {
            LOG.warn("inbox message {} from {} given up after {} attempts", messageId, Mask.msisdn(whole.msisdn()),
                    attempts - 1);
            done.add(new Finished(token, ids));
            return;
        }
        run(new Retry(token, ids, whole, 0, 0));
    }

    /** Runs the handler once; a failure is tried again later under the same claim (see the class comment). */
    private void run(Retry message) {
        long messageId = message.messageId();
        slots.acquireUninterruptibly();
        vertx.getOrCreateContext().runOnContext(v -> {
            Future<Void> processed;
            try {
                processed = handler.onSms(messageId, message.whole());
            } catch (RuntimeException e) {
                processed = Future.failedFuture(e);
            }
            processed.onComplete(result -> {
                if (result.succeeded()) {
                    done.add(new Finished(message.token(), message.ids()));
                } else if (message.tries() + 1 < RETRIES_HELD) {
                    Retry next = message.next(System.nanoTime());
                    retries.add(next);
                    LOG.warn("inbox message {} not processed, tried again in {} ms: {}", messageId,
                            next.delayMs(), result.cause().toString());
                } else {
                    // no longer renewed: after the lease it is NEW again, tried anew by whoever looks then
                    forget(message.token(), message.ids());
                    LOG.warn("inbox message {} not processed after {} tries, retried after its lease: {}", messageId,
                            RETRIES_HELD, result.cause().toString());
                }
                slots.release();
                nudge();
            });
        });
    }

    /** Failed messages whose back-off is over run again, each only if its claim still holds. */
    private void retryDue() {
        long now = System.nanoTime();
        for (int n = retries.size(); n > 0 && slots.availablePermits() > 0; n--) {
            Retry r = retries.poll();
            if (r == null) {
                return;
            }
            if (now - r.dueNanos() < 0) {
                retries.add(r);
                continue;
            }
            int renewed;
            try (SqlSession session = database.sessions().openSession(true)) {
                renewed = session.getMapper(InboxMapper.class).renew(r.ids(), List.of(r.token()),
                        settings.lease().toMillis());
            } catch (RuntimeException e) {
                retries.add(r.next(now)); // the store is still away: wait longer
                throw e;
            }
            if (renewed < r.ids().size()) {
                forget(r.token(), r.ids()); // the lease ran out meanwhile: the row is anyone's again
                continue;
            }
            run(r);
        }
    }

    private void flushDone() {
        List<Finished> finished = new ArrayList<>();
        for (Finished f; (f = done.poll()) != null; ) {
            finished.add(f);
        }
        if (finished.isEmpty()) {
            return;
        }
        List<Long> ids = finished.stream().flatMap(f -> f.ids().stream()).toList();
        try (SqlSession session = database.sessions().openSession(true)) {
            InboxMapper mapper = session.getMapper(InboxMapper.class);
            for (int from = 0; from < ids.size(); from += MAX_ROWS_PER_STATEMENT) {
                mapper.markDone(ids.subList(from, Math.min(ids.size(), from + MAX_ROWS_PER_STATEMENT)));
            }
        } catch (RuntimeException e) {
            done.addAll(finished); // still held and renewed: marked at the next round
            throw e;
        }
        finished.forEach(f -> forget(f.token(), f.ids()));
    }

    private void forget(String token, List<Long> ids) {
        held.computeIfPresent(token, (t, rows) -> {
            ids.forEach(rows::remove);
            return rows.isEmpty() ? null : rows;
        });
    }

    private void renewHeld() {
        forEachHeldChunk((mapper, chunk) -> mapper.renew(chunk.ids(), chunk.tokens(), settings.lease().toMillis()));
    }

    private void releaseHeld() {
        forEachHeldChunk((mapper, chunk) -> mapper.release(chunk.ids(), chunk.tokens()));
        held.clear();
    }

    private record Chunk(List<Long> ids, List<String> tokens) {
    }

    private void forEachHeldChunk(java.util.function.BiConsumer<InboxMapper, Chunk> statement) {
        List<String> tokens = new ArrayList<>(held.keySet());
        List<Long> ids = new ArrayList<>();
        tokens.forEach(t -> ids.addAll(held.getOrDefault(t, Set.of())));
        if (ids.isEmpty()) {
            return;
        }
        try (SqlSession session = database.sessions().openSession(true)) {
            InboxMapper mapper = session.getMapper(InboxMapper.class);
            for (int from = 0; from < ids.size(); from += MAX_ROWS_PER_STATEMENT) {
                statement.accept(mapper, new Chunk(ids.subList(from, Math.min(ids.size(), from + MAX_ROWS_PER_STATEMENT)),
                        tokens));
            }
        }
    }

    private record Finished(String token, List<Long> ids) {
    }

    /** A message in hand: its claim, its rows, what the handler gets, how often it failed so far and when next. */
    private record Retry(String token, List<Long> ids, MoSms whole, int tries, long dueNanos) {

        long messageId() {
            return ids.stream().mapToLong(Long::longValue).min().orElseThrow();
        }

        /** Half a second after the first failure, doubling up to the cap. */
        long delayMs() {
            return delayAfter(tries);
        }

        Retry next(long now) {
            return new Retry(token, ids, whole, tries + 1, now + delayAfter(tries + 1) * 1_000_000);
        }

        private static long delayAfter(int failures) {
            return Math.min(RETRY_CAP_MS, RETRY_FIRST_MS << Math.min(Math.max(failures - 1, 0), 16));
        }
    }
}
