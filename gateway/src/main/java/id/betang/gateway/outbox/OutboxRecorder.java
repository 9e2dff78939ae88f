package id.betang.gateway.outbox;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.apache.ibatis.session.SqlSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import id.betang.gateway.smpp.MtSubmitter;
import id.betang.gateway.store.Database;

/**
 * Writes send outcomes in batches: one transaction for everything that finished since the last flush.
 * A commit per message would cap the outbox at the database's commit rate, far below an SMSC's.
 * A batch that cannot be written (MySQL away) is kept and written again; until then the rows stay claimed
 * and, should this instance die, return after their lease (see {@link OutboxSender} on duplicates).
 */
final class OutboxRecorder {

    private static final Logger LOG = LoggerFactory.getLogger(OutboxRecorder.class);
    private static final int MAX_BATCH = 1000;

    /** What happened to one claimed row. */
    record Outcome(long id, String token, List<MtSubmitter.AcceptedPart> accepted, Kind kind, int parts, long delayMs,
                   String reason) {

        enum Kind { SENT, RETRY, FAILED }

        static Outcome sent(long id, String token, List<MtSubmitter.AcceptedPart> accepted, int parts) {
            return new Outcome(id, token, accepted, Kind.SENT, parts, 0, null);
        }

        static Outcome retry(long id, String token, List<MtSubmitter.AcceptedPart> accepted, long delayMs, String reason) {
            return new Outcome(id, token, accepted, Kind.RETRY, 0, delayMs, truncate(reason));
        }

        static Outcome failed(long id, String token, List<MtSubmitter.AcceptedPart> accepted, String reason) {
            return new Outcome(id, token, accepted, Kind.FAILED, 0, 0, truncate(reason));
        }

        private static String truncate(String reason) {
            return reason == null || reason.length() <= 255 ? reason : reason.substring(0, 255);
        }
    }

    private final Database database;
    private final Consumer<Outcome> written;
    private final BlockingQueue<Outcome> pending = new LinkedBlockingQueue<>();
    private final Thread writer;
    private volatile boolean running;

    /** @param written told of each outcome once it is committed */
    OutboxRecorder(Database database, Consumer<Outcome> written) {
        this.database = database;
        this.written = written;
        this.writer = new Thread(this::writeLoop, "outbox-record");
        this.writer.setDaemon(true);
    }

    void start() {
        running = true;
        writer.start();
    }

    void record(Outcome outcome) {
        pending.add(outcome);
    }

    private void writeLoop() {
        List<Outcome> batch = new ArrayList<>();
        while (running || !pending.isEmpty() || !batch.isEmpty()) {
            try {
                if (batch.isEmpty()) {
                    Outcome first = pending.poll(200, TimeUnit.MILLISECONDS);
                    if (first == null) {
                        continue;
                    }
                    batch.add(first);
                }
                pending.drainTo(batch, MAX_BATCH - batch.size());
                write(batch);
                batch.clear();
            } catch (InterruptedException e) {
                running = false;
            } catch (RuntimeException e) {
                LOG.warn("could not record {} outbox outcome(s), will retry: {}", batch.size(), e.getMessage());
                sleepQuietly();
                if (!running) {
                    LOG.error("stopping with {} outbox outcome(s) unrecorded; those rows return after their lease",
                            batch.size());
                    return;
                }
            }
        }
    }

    /**
     * One transaction, a handful of statements whatever the batch size: sent rows in one UPDATE per claim (and
     * part count), by a literal id list, retries and failures (rare) one by one, then the accepted parts in
     * multi-row INSERTs.
     */
    private void write(List<Outcome> batch) {
        List<SentParts.Part> parts = new ArrayList<>();
        // rows locked in ascending id order, statement after statement, as a lease renewal locks them, so the
        // two wait for each other rather than deadlock (claims do not interleave: each takes the next due rows)
        Map<SentGroup, List<Long>> sent = new LinkedHashMap<>();
        List<Outcome> others = new ArrayList<>();
        for (Outcome o : batch.stream().sorted(Comparator.comparingLong(Outcome::id)).toList()) {
            o.accepted().forEach(p -> parts.add(new SentParts.Part(o.id(), p.partNo(), p.messageId())));
            if (o.kind() == Outcome.Kind.SENT) {
                sent.computeIfAbsent(new SentGroup(o.token(), o.parts()), k -> new ArrayList<>()).add(o.id());
            } else {
                others.add(o);
            }
        }
        database.inTransaction(session -> {
            OutboxMapper mapper = session.getMapper(OutboxMapper.class);
            // the rows first, the parts after: a part's foreign key check takes a shared lock on its row, and
            // a transaction that then wants the row exclusively deadlocks with a lease renewal queued for it
            sent.forEach((group, ids) -> RowIds.chunks(ids)
                    .forEach(chunk -> mapper.markSent(chunk, group.token(), group.parts())));
            for (Outcome o : others) {
                if (o.kind() == Outcome.Kind.RETRY) {
                    mapper.reschedule(o.id(), o.token(), o.delayMs(), o.reason());
                } else {
                    mapper.markFailed(o.id(), o.token(), o.reason());
                }
            }
            SentParts.insert(session.getConnection(), parts);
            return null;
        });
        batch.forEach(written);
    }

    /** Sent rows that one UPDATE can settle: same claim, same part count. */
    private record SentGroup(String token, int parts) {
    }

    private static void sleepQuietly() {
        try {
            Thread.sleep(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Writes what is left, then stops. */
    void stop() {
        running = false;
        try {
            writer.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
