package id.betang.gateway.inbox;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.ibatis.session.SqlSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import id.betang.gateway.smpp.DeliverSmRouter;
import id.betang.gateway.smpp.MoDeferredException;
import id.betang.gateway.smpp.MoSms;
import id.betang.gateway.store.Database;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Stores MO SMS parts in the inbox before their deliver_sm_resp, by group commit: jSMPP's threads (several
 * per bind) each hand a part over and wait; a committer thread takes whatever is waiting and writes it with
 * one multi-row INSERT and one commit, so under load one fsync carries many MO. Two committers take turns:
 * while one waits for its fsync, the other gathers and sends the next batch. A part not committed within the bound (MySQL slow or away) is answered ESME_RX_T_APPN, so the
 * SMSC delivers it again later, and counted in {@code betang_mo_deferred_total}.
 *
 * <p><b>Redelivery rule.</b> The SMSC sends a PDU again when it missed our response: a new sequence_number,
 * often another bind, everything else the same. So the row's fingerprint is the PDU's content without its
 * sequence number (the {@code Duplicates} fingerprint: addresses, esm_class, data_coding, text, every TLV),
 * unique in the table: a redelivery inserts nothing and is answered OK. The same content can also be the
 * resident's real new message; before each insert, a done row whose copy can no longer be the SMSC's lets go
 * of the fingerprint, so the new PDU is a new row:
 * <ul>
 * <li>a row not yet done holds it: any copy is the SMSC's;</li>
 * <li>a one-part SMS {@value #ANSWER_GRACE_MS} ms after it was answered: the SMSC resends while it waits for our
 * response, or a moment after it (a copy following the first at once); a resident types the same text again
 * only after the answer reached the phone and was read;</li>
 * <li>a part of a long SMS after the duplicate window: its UDH or sar reference names the message, so the same
 * part again within minutes is the SMSC's, while the phone numbers a new message anew;</li>
 * <li>an SMS stored although its deliver_sm had already been answered ESME_RX_T_APPN (a commit slower than
 * the bound) after the duplicate window too: the SMSC will surely deliver it again.</li>
 * </ul>
 * A copy that comes later still (the SMSC's, after a crash or a dropped link cost our response) is a new row;
 * what it does is idempotent (STOP, START, LANG, INGATKAN) or caught further on: the same complaint words from
 * the same phone within 10 minutes are answered with the first ticket ({@code SmsInbox}). Only a reply may
 * go twice. The rule never depends on how fast the gateway answered, so a busy machine drops no real input.
 */
public final class InboxWriter implements DeliverSmRouter.SmsIntake {

    private static final Logger LOG = LoggerFactory.getLogger(InboxWriter.class);
    /** How long a deliver_sm waits for its commit before it is deferred: well within an SMSC's response timer. */
    public static final Duration STORE_BOUND = Duration.ofSeconds(2);
    static final int ANSWER_GRACE_MS = 1_000;
    private static final int MAX_ROWS_PER_COMMIT = 500;
    private static final int COMMITTERS = 2;
    /** Parts waiting for a commit beyond this are deferred at once rather than queued behind a stuck store. */
    private static final int MAX_WAITING = 5_000;

    private final Database database;
    private final Duration bound;
    private final Duration duplicateWindow;
    private final Runnable onCommitted;
    private final BlockingQueue<Pending> waiting = new LinkedBlockingQueue<>(MAX_WAITING);
    private final Counter commits;
    private final Counter rows;
    private final Counter deferred;
    private volatile boolean running;
    private final List<Thread> committers = new ArrayList<>();

    /**
     * @param onCommitted     wakes the worker: new rows are there to process
     * @param duplicateWindow how long a long SMS part (or a deferred SMS) recognises a copy (smpp.duplicate_window)
     */
    public InboxWriter(Database database, MeterRegistry metrics, Runnable onCommitted, Duration duplicateWindow) {
        this(database, metrics, onCommitted, duplicateWindow, STORE_BOUND);
    }

    InboxWriter(Database database, MeterRegistry metrics, Runnable onCommitted, Duration duplicateWindow,
                Duration bound) {
        this.database = database;
        this.onCommitted = onCommitted;
        this.duplicateWindow = duplicateWindow;
        this.bound = bound;
        this.commits = Counter.builder("betang_inbox_commits").description("Inbox transactions committed")
                .register(metrics);
        this.rows = Counter.builder("betang_inbox_rows").description("MO SMS parts in committed inbox transactions")
                .register(metrics);
        this.deferred = Counter.builder("betang_mo_deferred")
                .description("MO SMS answered ESME_RX_T_APPN because the inbox could not store them in time")
                .register(metrics);
    }

    public void start() {
        running = true;
        for (int i = 0; i < COMMITTERS; i++) {
            Thread committer = new Thread(this::commitLoop, "inbox-commit-" + i);
            committer.setDaemon(true);
            committer.start();
            committers.add(committer);
        }
    }

    /** Commits what is waiting, then stops; call once the binds take no more deliver_sm. */
    public void stop() {
        running = false;
        try {
            for (Thread committer : committers) {
                committer.join(bound.multipliedBy(2).toMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Parts handed over and not yet taken into a commit (tests). */
    int waitingParts() {
        return waiting.size();
    }

    @Override
    public void store(MoSms part, String fingerprint) throws MoDeferredException {
        Pending pending = new Pending(InboxRow.arrived(part, fingerprint));
        if (!running || !waiting.offer(pending)) {
            deferred.increment();
            throw new MoDeferredException(running ? "inbox queue full" : "inbox not running", null);
        }
        try {
            pending.committed.get(bound.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            if (!pending.giveUp()) {
                // its commit is under way and knows it was answered in time: its outcome is the answer
                awaitSealed(pending);
                return;
            }
            // not taken: never will be; taken: if it still commits, it is marked as answered ESME_RX_T_APPN
            deferred.increment();
            throw new MoDeferredException("inbox commit took over " + bound.toMillis() + " ms", e);
        } catch (ExecutionException | InterruptedException e) {
            throw deferral(e);
        }
    }

    private void awaitSealed(Pending pending) throws MoDeferredException {
        try {
            pending.committed.get(); // a COMMIT already sent: the driver's socket timeout bounds it
        } catch (ExecutionException | InterruptedException e) {
            throw deferral(e);
        }
    }

    /** The commit failed (or the wait was interrupted): the SMSC is told to retry. */
    private MoDeferredException deferral(Exception e) {
        deferred.increment();
        if (e instanceof InterruptedException) {
            Thread.currentThread().interrupt();
            return new MoDeferredException("interrupted", e);
        }
        return new MoDeferredException("inbox store failed: " + rootMessage(e.getCause()), e.getCause());
    }

    private void commitLoop() {
        List<Pending> batch = new ArrayList<>();
        while (running || !waiting.isEmpty()) {
            try {
                Pending first = waiting.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
            } catch (InterruptedException e) {
                break;
            }
            waiting.drainTo(batch, MAX_ROWS_PER_COMMIT - 1);
            batch.removeIf(p -> !p.take());
            if (!batch.isEmpty()) {
                commit(batch);
            }
            batch.clear();
        }
    }

    private void commit(List<Pending> batch) {
        // in fingerprint order: two instances inserting overlapping batches lock the unique index in one order
        List<InboxRow> inserted = batch.stream().map(p -> p.row)
                .sorted(Comparator.comparing(InboxRow::fingerprint)).toList();
        try {
            // a redelivery's duplicate check locks a gap another committer inserts into: InnoDB picks a victim,
            // which the shared retry simply runs again
            database.inTransaction(session -> {
                InboxMapper mapper = session.getMapper(InboxMapper.class);
                mapper.releaseFingerprints(inserted.stream().map(InboxRow::fingerprint).toList(), ANSWER_GRACE_MS,
                        duplicateWindow.toSeconds());
                mapper.insertAll(inserted);
                // from here each part's deliver_sm either waits for this commit or was already answered
                // ESME_RX_T_APPN: the SMSC delivers those again, so their rows keep the fingerprint for the window
                List<String> answeredDeferred = batch.stream().filter(p -> !p.seal()).map(p -> p.row.fingerprint())
                        .toList();
                if (!answeredDeferred.isEmpty()) {
                    mapper.markDeferred(answeredDeferred);
                }
                return null;
            });
        } catch (RuntimeException e) {
            LOG.warn("inbox could not store {} MO SMS part(s): {}", batch.size(), rootMessage(e));
            batch.forEach(p -> p.committed.completeExceptionally(e));
            return;
        }
        commits.increment();
        rows.increment(batch.size());
        batch.forEach(p -> p.committed.complete(null));
        onCommitted.run();
    }

    /** MyBatis wraps the driver's one-line reason in many lines of context. */
    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }

    /**
     * A part waiting for its commit. Its deliver_sm may give up waiting (answered ESME_RX_T_APPN) before the
     * committer takes it (then it is not stored), or after, until the committer seals it just before COMMIT
     * (then it is stored marked deferred); once sealed its deliver_sm waits for the commit's outcome.
     */
    private static final class Pending {
        private static final int WAITING = 0;
        private static final int TAKEN = 1;
        private static final int ABANDONED = 2;
        private static final int GAVE_UP = 3;
        private static final int SEALED = 4;

        final InboxRow row;
        final CompletableFuture<Void> committed = new CompletableFuture<>();
        private final AtomicInteger state = new AtomicInteger(WAITING);

        Pending(InboxRow row) {
            this.row = row;
        }

        boolean take() {
            return state.compareAndSet(WAITING, TAKEN);
        }

        /** @return false when sealed: the commit's outcome is the answer */
        boolean giveUp() {
            return state.compareAndSet(WAITING, ABANDONED) || state.compareAndSet(TAKEN, GAVE_UP);
        }

        /** @return false when its deliver_sm already gave up (idempotent: a retried transaction seals again) */
        boolean seal() {
            return state.compareAndSet(TAKEN, SEALED) || state.get() == SEALED;
        }
    }
}
