package id.betang.gateway.outbox;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.apache.ibatis.session.ExecutorType;
import org.apache.ibatis.session.SqlSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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

    record AcceptedPart(int partNo, String canonicalMessageId) {
    }

    /** What happened to one claimed row. */
    record Outcome(long id, String token, List<AcceptedPart> accepted, Kind kind, int parts, long delayMs,
                   String reason) {

        enum Kind { SENT, RETRY, FAILED }

        static Outcome sent(long id, String token, List<AcceptedPart> accepted, int parts) {
            return new Outcome(id, token, accepted, Kind.SENT, parts, 0, null);
        }

        static Outcome retry(long id, String token, List<AcceptedPart> accepted, long delayMs, String reason) {
            return new Outcome(id, token, accepted, Kind.RETRY, 0, delayMs, truncate(reason));
        }

        static Outcome failed(long id, String token, List<AcceptedPart> accepted, String reason) {
            return new Outcome(id, token, accepted, Kind.FAILED, 0, 0, truncate(reason));
        }

        private static String truncate(String reason) {
            return reason == null || reason.length() <= 255 ? reason : reason.substring(0, 255);
        }
    }

    private final Database database;
    private final BlockingQueue<Outcome> pending = new LinkedBlockingQueue<>();
    private final Thread writer;
    private volatile boolean running;

    OutboxRecorder(Database database) {
        this.database = database;
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

    private void write(List<Outcome> batch) {
        try (SqlSession session = database.sessions().openSession(ExecutorType.BATCH, false)) {
            OutboxMapper mapper = session.getMapper(OutboxMapper.class);
            for (Outcome o : batch) {
                for (AcceptedPart part : o.accepted()) {
                    mapper.insertPart(o.id(), part.partNo(), part.canonicalMessageId());
                }
                switch (o.kind()) {
                    case SENT -> mapper.markSent(o.id(), o.token(), o.parts());
                    case RETRY -> mapper.reschedule(o.id(), o.token(), o.delayMs(), o.reason());
                    case FAILED -> mapper.markFailed(o.id(), o.token(), o.reason());
                }
            }
            session.flushStatements();
            session.commit();
        }
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
