package id.betang.gateway.smpp;

import java.time.Instant;

import org.jsmpp.bean.DeliverSm;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.vertx.core.Vertx;

/**
 * The edge for everything the SMSC delivers. In jSMPP's thread (so a bad PDU gets its error status in
 * the deliver_sm_resp) each deliver_sm is read into a USSD step, a delivery receipt or an SMS part; the
 * rest happens on the event loop after the response has gone: duplicates dropped, then the right handler.
 */
public final class DeliverSmRouter implements SmscBind.Receiver {

    private static final Logger LOG = LoggerFactory.getLogger(DeliverSmRouter.class);

    /** Where whole MO SMS go (SMS commands). */
    public interface SmsHandler {
        void onSms(MoSms sms);
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
        Runnable work;
        if (UssdPdus.isUssd(pdu)) {
            MoUssd mo = ussd.parse(pdu);
            work = () -> ussd.serve(bind, mo);
        } else if (SmsPdus.isReceipt(pdu)) {
            DeliveryReceipt receipt = SmsPdus.receipt(pdu, Instant.now()).canonical(receiptIds);
            work = () -> receipts.onReceipt(receipt);
        } else {
            MoSms part = SmsPdus.sms(pdu);
            work = () -> reassembly.add(part, sms::onSms);
        }
        // called on jSMPP's thread, which Vert.x does not own: each PDU gets an event-loop context of its own,
        // so dialogues spread over the event loops instead of queueing on one
        vertx.getOrCreateContext().runOnContext(v -> duplicates.firstTime(pdu).onSuccess(first -> {
            if (first) {
                work.run();
            } else {
                LOG.info("bind {} ignored a repeated deliver_sm (seq {}) already processed", bind.name(),
                        pdu.getSequenceNumber());
            }
        }));
    }
}
