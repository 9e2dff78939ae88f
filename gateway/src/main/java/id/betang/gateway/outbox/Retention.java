package id.betang.gateway.outbox;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.ToIntFunction;

import org.apache.ibatis.session.SqlSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import id.betang.gateway.store.Database;
import io.vertx.core.Vertx;

/**
 * Personal data at rest expires: SMS bodies older than the retention period are emptied (the row and its
 * status stay, for the notifications API), and their parts, receipts that matched nothing, the records of
 * ended reminders and processed MO SMS (the inbox's DONE rows) are deleted. In batches of {@value #BATCH} rows, each its own short transaction, so no
 * statement holds locks for long. Every instance runs it: each statement is idempotent, so two instances at
 * once only share the work, and nothing needs claiming.
 */
public final class Retention {

    private static final Logger LOG = LoggerFactory.getLogger(Retention.class);
    static final int BATCH = 1_000;
    /**
     * Once a pass has emptied every body it could, later passes of this instance read only rows this much
     * older than the cutoff (passes run far more often), not the ever-growing history emptied before.
     */
    private static final int RESCAN_DAYS = 2;

    /** What one pass removed. */
    public record Purged(int bodies, int parts, int unmatchedReceipts, int endedReminders, int inboxRows) {

        int total() {
            return bodies + parts + unmatchedReceipts + endedReminders + inboxRows;
        }
    }

    private final Vertx vertx;
    private final Database database;
    private final int days;
    private final AtomicBoolean running = new AtomicBoolean();
    private volatile boolean historyDone;
    private long timer = -1;

    public Retention(Vertx vertx, Database database, Duration keep) {
        this.vertx = vertx;
        this.database = database;
        this.days = Math.toIntExact(keep.toDays());
    }

    /** A first pass soon after start, then one every {@code every}. */
    public void start(Duration every) {
        timer = vertx.setPeriodic(Math.min(60_000, every.toMillis()), every.toMillis(), t -> vertx.executeBlocking(() -> {
            purgeUnlessRunning();
            return null;
        }, false).onFailure(e -> LOG.warn("retention pass failed, next one in {}: {}", every, e.toString())));
    }

    public void stop() {
        vertx.cancelTimer(timer);
    }

    private void purgeUnlessRunning() {
        if (!running.compareAndSet(false, true)) {
            return;
        }
        try {
            Purged purged = purge();
            if (purged.total() > 0) {
                LOG.info("retention ({} days): {} SMS bodies emptied, {} parts, {} unmatched receipts, {} ended "
                        + "reminders, {} processed MO SMS deleted", days, purged.bodies(), purged.parts(),
                        purged.unmatchedReceipts(), purged.endedReminders(), purged.inboxRows());
            }
        } finally {
            running.set(false);
        }
    }

    /** One whole pass, batch after batch until nothing is left past the cutoff. Blocking. */
    public Purged purge() {
        Integer scanDays = historyDone ? days + RESCAN_DAYS : null;
        Purged purged = new Purged(
                drain(m -> m.emptyBodies(days, scanDays, BATCH)),
                drain(m -> m.deleteParts(days, BATCH)),
                drain(m -> m.deleteUnmatchedReceipts(days, BATCH)),
                drain(m -> m.deleteEndedReminders(days, BATCH)),
                drain(m -> m.deleteDoneInbox(days, BATCH)));
        historyDone = true;
        return purged;
    }

    private int drain(ToIntFunction<RetentionMapper> batch) {
        int total = 0;
        int changed;
        do {
            try (SqlSession session = database.sessions().openSession(true)) {
                changed = batch.applyAsInt(session.getMapper(RetentionMapper.class));
            }
            total += changed;
        } while (changed == BATCH);
        return total;
    }
}
