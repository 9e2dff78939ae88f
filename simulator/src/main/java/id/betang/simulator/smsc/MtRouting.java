package id.betang.simulator.smsc;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;

import org.jsmpp.session.SMPPServerSession;
import org.jsmpp.session.ServerResponseDeliveryAdapter;
import org.jsmpp.session.SubmitSmResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where an accepted MT goes: recorded, then to its phone (a USSD screen, or an SMS into the inbox, parts
 * joined), and its receipt scheduled. A message counts as taken only once its submit_sm_resp went out: if
 * the link died first, the ESME never learnt its id and will send it again; delivering both would be the
 * SMSC's duplicate, not the gateway's, and would hide real duplicates from tests.
 */
final class MtRouting extends ServerResponseDeliveryAdapter {

    private static final Logger LOG = LoggerFactory.getLogger(MtRouting.class);

    /** A submit_sm accepted, waiting for its response to reach the ESME. */
    private record Accepted(MtRecord mt, String receiptId, boolean wantsReceipt) {
    }

    private final Receipts receipts;
    private final Map<String, Accepted> awaitingResp = new ConcurrentHashMap<>();
    // a plain list under its own lock: a copy-on-write list would copy itself on every submit_sm
    private final List<MtRecord> received = new ArrayList<>();
    private final Map<String, BlockingQueue<MtRecord>> screens = new ConcurrentHashMap<>();
    private final Map<String, SmsInbox> smsInboxes = new ConcurrentHashMap<>();

    MtRouting(Receipts receipts) {
        this.receipts = receipts;
    }

    /** Holds an accepted MT until its submit_sm_resp is sent. */
    void accepted(MtRecord mt, String receiptId, boolean wantsReceipt) {
        awaitingResp.put(mt.messageId(), new Accepted(mt, receiptId, wantsReceipt));
    }

    @Override
    public void onSubmitSmRespSent(SubmitSmResult result, SMPPServerSession source) {
        Accepted accepted = awaitingResp.remove(result.getMessageId());
        if (accepted == null) {
            return;
        }
        MtRecord mt = accepted.mt();
        synchronized (received) {
            received.add(mt);
        }
        if (mt.isUssd()) {
            screens(mt.destination()).add(mt);
            return;
        }
        smsInbox(mt.destination()).add(mt);
        if (accepted.wantsReceipt()) {
            receipts.scheduleFor(mt, accepted.receiptId(), source);
        }
    }

    @Override
    public void onSubmitSmRespError(SubmitSmResult result, Exception cause, SMPPServerSession source) {
        awaitingResp.remove(result.getMessageId());
        LOG.info("submit_sm_resp for {} not sent ({}); message dropped", result.getMessageId(), cause.getMessage());
    }

    List<MtRecord> received() {
        synchronized (received) {
            return List.copyOf(received);
        }
    }

    /** USSD screens sent to this phone and not read yet. */
    BlockingQueue<MtRecord> screens(String msisdn) {
        return screens.computeIfAbsent(msisdn, k -> new LinkedBlockingQueue<>());
    }

    /** Every whole SMS (parts joined) the gateway sent to this MSISDN and nobody has read yet. */
    SmsInbox smsInbox(String msisdn) {
        return smsInboxes.computeIfAbsent(msisdn, k -> new SmsInbox());
    }
}
