package id.betang.gateway.smpp;

import java.time.Instant;
import java.util.function.Supplier;

import org.jsmpp.bean.DeliverSm;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.vertx.core.Future;
import io.vertx.core.Vertx;

/**
 * The edge for everything the SMSC delivers. In jSMPP's thread (so a bad PDU gets its error status in
 * the deliver_sm_resp) each deliver_sm is read into a USSD step, a delivery receipt or an SMS part; the
 * rest happens on the event loop after the response has gone: duplicates dropped (the rule is in
 * {@link Duplicates}), then the right handler.
 */
public final class DeliverSmRouter implements SmscBind.Receiver {

    private static final Logger LOG = LoggerFactory.getLogger(DeliverSmRouter.class);

    /** Where whole MO SMS go (SMS commands). */
    public interface SmsHandler {
        /** Completes once the SMS is answered (or failed): the redelivery filter's cue. */
        Future<Void> onSms(MoSms sms);
    }

    /** Where receipts go (the outbox), their message ids in canonical form. */
    public interface ReceiptHandler {
        void onReceipt(DeliveryReceipt receipt);
    }

    private final Vertx vertx;
    private final SmppChannel ussd;
    private final Duplicates duplicates;
    private final SmsReassembly reassembly;
    private final SmsHandler sms;
    private final ReceiptHandler receipts;
    private final MessageIds.Format receiptIds;

    /** @param receiptIdFormat how the SMSC writes message ids in receipts (smpp.receipt_id_format) */
    public DeliverSmRouter(Vertx vertx, SmppChannel ussd, Duplicates duplicates, SmsReassembly reassembly,
                           SmsHandler sms, ReceiptHandler receipts, String receiptIdFormat) {
        this.vertx = vertx;
        this.ussd = ussd;
        this.duplicates = duplicates;
        this.reassembly = reassembly;
        this.sms = sms;
        this.receipts = receipts;
        this.receiptIds = MessageIds.Format.parse(receiptIdFormat);
    }

    @Override
    public void onDeliverSm(SmscBind bind, DeliverSm pdu) throws MalformedPduException {
        Supplier<Future<Void>> work;
        if (UssdPdus.isUssd(pdu)) {
            MoUssd mo = ussd.parse(pdu);
            work = () -> ussd.serve(bind, mo);
        } else if (SmsPdus.isReceipt(pdu)) {
            DeliveryReceipt receipt = SmsPdus.receipt(pdu, Instant.now()).canonical(receiptIds);
            work = () -> {
                receipts.onReceipt(receipt);
                return Future.succeededFuture();
            };
        } else {
            MoSms part = SmsPdus.sms(pdu);
            work = part.concatenation().isEmpty() ? () -> sms.onSms(part) : () -> {
                reassembly.add(part, sms::onSms);
                return Future.succeededFuture();
            };
        }
        // called on jSMPP's thread, which Vert.x does not own: each PDU gets an event-loop context of its own,
        // so dialogues spread over the event loops instead of queueing on one
        vertx.getOrCreateContext().runOnContext(v -> duplicates.firstTime(pdu).onSuccess(first -> {
            if (first) {
                // once answered, content that cannot tell a repeat from a resend is the resident's again
                work.get().onComplete(done -> duplicates.answered(pdu));
            } else {
                LOG.info("bind {} ignored a repeated deliver_sm (seq {}) already processed", bind.name(),
                        pdu.getSequenceNumber());
            }
        }));
    }
}
