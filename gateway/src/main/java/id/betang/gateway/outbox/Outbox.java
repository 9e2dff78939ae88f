package id.betang.gateway.outbox;

import java.sql.Timestamp;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.apache.ibatis.exceptions.PersistenceException;
import org.apache.ibatis.session.SqlSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import id.betang.gateway.ops.Mask;
import id.betang.gateway.smpp.DeliveryReceipt;
import id.betang.gateway.store.Database;

/**
 * Every MT SMS the gateway sends is first a row here; {@link OutboxSender} sends it. Blocking JDBC: call
 * from worker threads. {@link #enqueue(SqlSession, String, String, String)} joins a caller's transaction, so
 * a complaint and the SMS that confirms it are committed together or not at all.
 */
public final class Outbox {

    private static final Logger LOG = LoggerFactory.getLogger(Outbox.class);
    /** How long after its submit a part still takes a receipt: longer than any SMSC keeps trying a message. */
    public static final Duration RECEIPT_WINDOW = Duration.ofDays(7);

    private final Database database;
    private final Runnable onQueued;
    private final Duration receiptWindow;

    /** An outbox whose rows wait for the sender's next poll (tools, tests). */
    public Outbox(Database database) {
        this(database, () -> { });
    }

    /** @param onQueued lets the local sender start at once instead of at its next poll */
    public Outbox(Database database, Runnable onQueued) {
        this(database, onQueued, RECEIPT_WINDOW);
    }

    /** @param receiptWindow receipts match only parts submitted this recently (SMSC id counters wrap) */
    public Outbox(Database database, Runnable onQueued, Duration receiptWindow) {
        this.database = database;
        this.onQueued = onQueued;
        this.receiptWindow = receiptWindow;
    }

    /** Queues one SMS in its own transaction. @return the outbox id */
    public long enqueue(String msisdn, String body, String category) {
        long id;
        try (SqlSession session = database.sessions().openSession(true)) {
            id = enqueue(session, msisdn, body, category);
        }
        onQueued.run();
        return id;
    }

    /** Queues one SMS inside the caller's transaction; it is sent only once that commits. */
    public long enqueue(SqlSession session, String msisdn, String body, String category) {
        NewSms sms = new NewSms(msisdn, body, category);
        session.getMapper(OutboxMapper.class).insert(sms);
        LOG.info("queued SMS {} ({}) to {}", sms.getId(), category, Mask.msisdn(msisdn));
        return sms.getId();
    }

    /**
     * Queues the answer to something that may be processed twice (an MO whose inbox row an instance did not
     * live to mark done), once per {@code ref}: a second call for the same ref queues nothing. Inside the
     * caller's transaction, or in its own with a null session; a taken ref fails only its own statement, so
     * the caller's transaction goes on.
     *
     * @return whether it was queued (false: something with this ref was queued before)
     */
    public boolean enqueueOnce(SqlSession session, String msisdn, String body, String category, String ref) {
        if (session == null) {
            boolean queued;
            try (SqlSession own = database.sessions().openSession(true)) {
                queued = enqueueOnce(own, msisdn, body, category, ref);
            }
            if (queued) {
                onQueued.run();
            }
            return queued;
        }
        NewSms sms = new NewSms(msisdn, body, category, ref);
        try {
            session.getMapper(OutboxMapper.class).insert(sms);
        } catch (PersistenceException e) {
            if (!Database.duplicateKey(e)) {
                throw e;
            }
            LOG.info("SMS ({}) to {} for {} was queued before: not again", category, Mask.msisdn(msisdn), ref);
            return false;
        }
        LOG.info("queued SMS {} ({}) to {}", sms.getId(), category, Mask.msisdn(msisdn));
        return true;
    }

    /**
     * Queues several SMS inside the caller's transaction with one multi-row insert (a batch is one statement
     * and one commit, not one per SMS); they are sent only once that commits.
     *
     * @return their outbox ids, in order
     */
    public List<Long> enqueueAll(SqlSession session, List<NewSms> rows) {
        if (rows.isEmpty()) {
            return List.of();
        }
        session.getMapper(OutboxMapper.class).insertAll(rows);
        LOG.info("queued {} SMS ({}) in one batch", rows.size(), rows.get(0).getCategory());
        return rows.stream().map(NewSms::getId).toList();
    }

    /** Wakes the sender after a caller's own transaction committed. */
    public void committed() {
        onQueued.run();
    }

    public Optional<OutboxStatus> status(long id) {
        try (SqlSession session = database.sessions().openSession(true)) {
            return Optional.ofNullable(session.getMapper(OutboxMapper.class).status(id));
        }
    }

    /**
     * Stores a receipt against the part it reports on and settles the message when every part is
     * accounted for: DELIVERED once all parts are, else the first final failure of any part. Only parts
     * submitted within the receipt window count: an older part with the same id (the SMSC's counter wrapped)
     * keeps its state.
     *
     * @return false when no part carries this id (yet): the caller may try again shortly
     */
    public boolean applyReceipt(String canonicalId, DeliveryReceipt receipt) {
        return applyReceipts(List.of(new DeliveryReceipt(canonicalId, receipt.state(), receipt.doneAt(),
                receipt.error()))).isEmpty();
    }

    /**
     * {@link #applyReceipt} for many receipts in one transaction of four statements (see {@link ReceiptBatch}),
     * retried whole on a deadlock or a lost node like every transaction here.
     *
     * @param receipts each with its id in canonical form
     * @return those that matched no part (yet)
     */
    public List<DeliveryReceipt> applyReceipts(List<DeliveryReceipt> receipts) {
        return database.inTransaction(session -> ReceiptBatch.apply(session.getMapper(OutboxMapper.class), receipts,
                receiptWindow.toSeconds()));
    }

    /** A receipt nothing matched even after waiting: kept for operators, never silently dropped. */
    public void keepUnmatched(String canonicalId, DeliveryReceipt receipt) {
        try (SqlSession session = database.sessions().openSession(true)) {
            session.getMapper(OutboxMapper.class).insertUnmatched(canonicalId, stored(receipt.state()),
                    Timestamp.from(receipt.doneAt()));
        }
    }

    /** The four outcomes the product speaks of; DELETED and UNKNOWN both mean "did not arrive". */
    static String stored(DeliveryReceipt.State state) {
        return switch (state) {
            case DELIVERED -> "DELIVERED";
            case EXPIRED -> "EXPIRED";
            case REJECTED -> "REJECTED";
            default -> "UNDELIVERED";
        };
    }
}
