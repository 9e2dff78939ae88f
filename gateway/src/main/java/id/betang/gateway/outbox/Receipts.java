package id.betang.gateway.outbox;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import id.betang.gateway.smpp.DeliverSmRouter;
import id.betang.gateway.smpp.DeliveryReceipt;
import io.vertx.core.Vertx;

/**
 * Matches delivery receipts to outbox parts in batches: whatever arrived while the last batch was being
 * written goes in the next one, one transaction of a few statements (see {@link ReceiptBatch}) rather than a
 * transaction per receipt, so receipts at the SMSC's rate cost the database little. A fast SMSC can report
 * delivery before the submit's outcome has been written (they are written in batches too), so a receipt that
 * matches nothing is tried again a few times before it is kept as unmatched.
 */
public final class Receipts implements DeliverSmRouter.ReceiptHandler {

    private static final Logger LOG = LoggerFactory.getLogger(Receipts.class);
    private static final List<Long> RETRY_MS = List.of(250L, 1000L, 3000L);
    private static final int MAX_BATCH = 500;

    private final Vertx vertx;
    private final Outbox outbox;
    private final Queue<Pending> queue = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean writing = new AtomicBoolean();

    /** A receipt waiting to be matched, and how often it already matched nothing. */
    private record Pending(DeliveryReceipt receipt, int tries) {
    }

    public Receipts(Vertx vertx, Outbox outbox) {
        this.vertx = vertx;
        this.outbox = outbox;
    }

    /** The receipt's id is canonical already (the SMPP edge reads it in the SMSC's format). */
    @Override
    public void onReceipt(DeliveryReceipt receipt) {
        queue.add(new Pending(receipt, 0));
        writeSoon();
    }

    /** One batch at a time; the next starts as soon as this one is written, with whatever came meanwhile. */
    private void writeSoon() {
        if (queue.isEmpty() || !writing.compareAndSet(false, true)) {
            return;
        }
        List<Pending> batch = new ArrayList<>();
        for (Pending p = queue.poll(); p != null; p = batch.size() < MAX_BATCH ? queue.poll() : null) {
            batch.add(p);
        }
        vertx.executeBlocking(() -> outbox.applyReceipts(batch.stream().map(Pending::receipt).toList()), false)
                .onComplete(ar -> {
                    writing.set(false);
                    if (ar.succeeded()) {
                        batch.stream().filter(p -> ar.result().contains(p.receipt())).forEach(this::unmatched);
                    } else {
                        LOG.warn("{} receipt(s) could not be stored: {}", batch.size(), ar.cause().getMessage());
                        batch.forEach(p -> retryOr(p, () -> { }));
                    }
                    writeSoon();
                });
    }

    private void unmatched(Pending p) {
        retryOr(p, () -> {
            DeliveryReceipt receipt = p.receipt();
            LOG.warn("receipt for SMSC message {} ({}) matches no sent SMS; kept as unmatched "
                    + "(check smpp.message_id_format / smpp.receipt_id_format)", receipt.messageId(), receipt.state());
            vertx.executeBlocking(() -> {
                outbox.keepUnmatched(receipt.messageId(), receipt);
                return null;
            }, false);
        });
    }

    /** Tries the receipt again after a pause, or, once the pauses are used up, gives up as {@code last} says. */
    private void retryOr(Pending p, Runnable last) {
        if (p.tries() < RETRY_MS.size()) {
            vertx.setTimer(RETRY_MS.get(p.tries()), t -> {
                queue.add(new Pending(p.receipt(), p.tries() + 1));
                writeSoon();
            });
        } else {
            last.run();
        }
    }
}
