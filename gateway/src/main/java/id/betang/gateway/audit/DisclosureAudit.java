package id.betang.gateway.audit;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

import org.apache.ibatis.session.SqlSession;

import id.betang.gateway.store.Database;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;

/**
 * The append-only record of disclosures. Nothing about a resident is shown before its row is committed:
 * when MySQL cannot take the row, the caller gets a failed future and shows "busy" instead of the data.
 * Rows that arrive while a write is under way are committed together in the next one (group commit),
 * so a busy gateway makes few, larger transactions rather than queueing single-row ones.
 */
public final class DisclosureAudit {

    private static final int MAX_BATCH = 500;

    private record Pending(Disclosure row, Promise<Void> committed) {
    }

    private final io.vertx.core.WorkerExecutor writer;
    private final Database database;
    private final ArrayDeque<Pending> queue = new ArrayDeque<>();
    private boolean writing;

    public DisclosureAudit(Vertx vertx, Database database) {
        // one thread of its own: group commit needs no more, and the shared worker pool may be busy with
        // slower work (SMPP submits waiting for their responses) that must not delay a disclosure
        this.writer = vertx.createSharedWorkerExecutor("betang-audit", 1);
        this.database = database;
    }

    /** @return completes once the row is committed */
    public Future<Void> record(Disclosure row) {
        Promise<Void> committed = Promise.promise();
        boolean start;
        synchronized (this) {
            queue.add(new Pending(row, committed));
            start = !writing;
            writing = true;
        }
        if (start) {
            write();
        }
        return committed.future();
    }

    /**
     * Records a disclosure in the caller's own transaction, for one that is made by what that transaction
     * commits (a reminder SMS queued with the record that it was sent): the row exists exactly when it happened.
     */
    public static void record(SqlSession transaction, Disclosure row) {
        transaction.getMapper(DisclosureMapper.class).insert(List.of(row));
    }

    private void write() {
        List<Pending> batch = new ArrayList<>();
        synchronized (this) {
            while (!queue.isEmpty() && batch.size() < MAX_BATCH) {
                batch.add(queue.poll());
            }
        }
        writer.executeBlocking(() -> {
            // one statement; after a lost answer it may be written twice: an audit trail errs on the side of more
            return database.autocommit(session -> {
                session.getMapper(DisclosureMapper.class).insert(batch.stream().map(Pending::row).toList());
                return null;
            });
        }, false).onComplete(done -> {
            batch.forEach(p -> {
                if (done.succeeded()) {
                    p.committed().complete();
                } else {
                    p.committed().fail(done.cause());
                }
            });
            boolean more;
            synchronized (this) {
                more = !queue.isEmpty();
                writing = more;
            }
            if (more) {
                write();
            }
        });
    }

    /** Every disclosure about one NIK hash, oldest first. Blocking. */
    public List<Disclosure> about(String nikHash) {
        try (SqlSession session = database.sessions().openSession(true)) {
            return session.getMapper(DisclosureMapper.class).about(nikHash);
        }
    }
}
