package id.betang.gateway.outbox;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import id.betang.gateway.smpp.DeliverSmRouter;
import id.betang.gateway.smpp.DeliveryReceipt;
import io.vertx.core.Vertx;

/**
 * Matches delivery receipts to outbox parts. A fast SMSC can report delivery before the submit's
 * outcome has been written (they are written in batches), so a receipt that matches nothing is tried
 * again a few times before it is kept as unmatched.
 */
public final class Receipts implements DeliverSmRouter.ReceiptHandler {

    private static final Logger LOG = LoggerFactory.getLogger(Receipts.class);
    private static final List<Long> RETRY_MS = List.of(250L, 1000L, 3000L);

    private final Vertx vertx;
    private final Outbox outbox;

    public Receipts(Vertx vertx, Outbox outbox) {
        this.vertx = vertx;
        this.outbox = outbox;
    }

    /** The receipt's id is canonical already (the SMPP edge reads it in the SMSC's format). */
    @Override
    public void onReceipt(DeliveryReceipt receipt) {
        attempt(receipt.messageId(), receipt, 0);
    }

    private void attempt(String id, DeliveryReceipt receipt, int tries) {
        vertx.executeBlocking(() -> outbox.applyReceipt(id, receipt), false).onComplete(ar -> {
            if (ar.succeeded() && ar.result()) {
                return;
            }
            if (tries < RETRY_MS.size()) {
                vertx.setTimer(RETRY_MS.get(tries), t -> attempt(id, receipt, tries + 1));
            } else if (ar.succeeded()) {
                LOG.warn("receipt for SMSC message {} ({}) matches no sent SMS; kept as unmatched "
                        + "(check smpp.message_id_format / smpp.receipt_id_format)", id, receipt.state());
                vertx.executeBlocking(() -> {
                    outbox.keepUnmatched(id, receipt);
                    return null;
                }, false);
            } else {
                LOG.warn("receipt for SMSC message {} could not be stored: {}", id, ar.cause().getMessage());
            }
        });
    }
}
