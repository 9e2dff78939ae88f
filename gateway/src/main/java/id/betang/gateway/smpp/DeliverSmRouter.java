package id.betang.gateway.smpp;

import java.time.Instant;
import java.util.function.Supplier;

import org.jsmpp.bean.DeliverSm;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import id.betang.gateway.ops.EventLoops;
import io.vertx.core.Future;

/**
 * The edge for everything the SMSC delivers. In jSMPP's thread (so a bad PDU gets its error status in
 * the deliver_sm_resp) each deliver_sm is read into a USSD step, a delivery receipt or an SMS part.
 * An SMS part is stored durably before this returns (the response goes once it has, see {@link SmsIntake}):
 * whatever the resident texted survives a crash once the SMSC has its OK, and a redelivery is recognised by
 * the store (its rule: the inbox's {@code InboxWriter}). USSD steps and receipts go on on an event loop after the
 * response has gone (a USSD session's steps always on the same one, see {@link EventLoops}): duplicates dropped
 * (the rule is in {@link Duplicates}), then the right handler.
 */
public final class DeliverSmRouter implements SmscBind.Receiver {

    private static final Logger LOG = LoggerFactory.getLogger(DeliverSmRouter.class);

    /** Where MO SMS parts are kept until they are processed: the durable inbox. */
    public interface SmsIntake {
        /**
         * Returns once the part is durably stored (or was already: the same PDU delivered again).
         *
         * @param fingerprint what a redelivery of this PDU repeats ({@link Duplicates#fingerprint})
         * @throws MoDeferredException when it cannot be stored within a short bound: the SMSC is told to retry
         */
        void store(MoSms part, String fingerprint) throws MoDeferredException;
    }

    /** Where receipts go (the outbox), their message ids in canonical form. */
    public interface ReceiptHandler {
        void onReceipt(DeliveryReceipt receipt);
    }

    private final EventLoops loops;
    private final SmppChannel ussd;
    private final Duplicates duplicates;
    private final SmsIntake sms;
    private final ReceiptHandler receipts;
    private final MessageIds.Format receiptIds;

    /** @param receiptIdFormat how the SMSC writes message ids in receipts (smpp.receipt_id_format) */
    public DeliverSmRouter(EventLoops loops, SmppChannel ussd, Duplicates duplicates, SmsIntake sms,
                           ReceiptHandler receipts, String receiptIdFormat) {
        this.loops = loops;
        this.ussd = ussd;
        this.duplicates = duplicates;
        this.sms = sms;
        this.receipts = receipts;
        this.receiptIds = MessageIds.Format.parse(receiptIdFormat);
    }

    @Override
    public void onDeliverSm(SmscBind bind, DeliverSm pdu) throws MalformedPduException, MoDeferredException {
        Supplier<Future<Void>> work;
        String loopKey;
        if (UssdPdus.isUssd(pdu)) {
            MoUssd mo = ussd.parse(pdu);
            loopKey = mo.sessionKey();
            work = () -> ussd.serve(bind, mo);
        } else if (SmsPdus.isReceipt(pdu)) {
            DeliveryReceipt receipt = SmsPdus.receipt(pdu, Instant.now()).canonical(receiptIds);
            loopKey = String.valueOf(receipt.messageId());
            work = () -> {
                receipts.onReceipt(receipt);
                return Future.succeededFuture();
            };
        } else {
            // blocks jSMPP's thread until committed: the response must not promise what a crash could lose
            sms.store(SmsPdus.sms(pdu), Duplicates.fingerprint(pdu));
            return;
        }
        // called on jSMPP's thread, which Vert.x does not own: the work goes to its key's loop, so dialogues
        // spread over every core and a session's steps (and its redelivery check) stay in order on one
        loops.forKey(loopKey).runOnContext(v -> duplicates.firstTime(pdu).onSuccess(first -> {
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
