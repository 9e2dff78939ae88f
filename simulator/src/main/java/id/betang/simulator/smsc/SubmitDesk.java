package id.betang.simulator.smsc;

import java.util.concurrent.atomic.AtomicLong;

import org.jsmpp.PDUStringException;
import org.jsmpp.SMPPConstant;
import org.jsmpp.bean.BroadcastSm;
import org.jsmpp.bean.CancelBroadcastSm;
import org.jsmpp.bean.CancelSm;
import org.jsmpp.bean.DataSm;
import org.jsmpp.bean.OptionalParameter;
import org.jsmpp.bean.QueryBroadcastSm;
import org.jsmpp.bean.QuerySm;
import org.jsmpp.bean.ReplaceSm;
import org.jsmpp.bean.SubmitMulti;
import org.jsmpp.bean.SubmitSm;
import org.jsmpp.extra.ProcessRequestException;
import org.jsmpp.session.BroadcastSmResult;
import org.jsmpp.session.DataSmResult;
import org.jsmpp.session.QueryBroadcastSmResult;
import org.jsmpp.session.QuerySmResult;
import org.jsmpp.session.SMPPServerSession;
import org.jsmpp.session.ServerMessageReceiverListener;
import org.jsmpp.session.Session;
import org.jsmpp.session.SubmitMultiResult;
import org.jsmpp.session.SubmitSmResult;
import org.jsmpp.util.MessageId;

import id.betang.gateway.smpp.GsmCodec;

/**
 * Answers the gateway's submit_sm: slowly or throttled when those misbehaviours are on, ESME_RSYSERR for a
 * data_coding the network cannot show, ESME_RINVMSGLEN for a broken UDH, else a new message id (hex; the
 * receipt may quote it in decimal, as some SMSCs do). Every other request is answered ESME_RINVCMDID.
 */
final class SubmitDesk implements ServerMessageReceiverListener {

    private final String systemId;
    private final Short vendorSessionTag;
    private final boolean decimalReceiptIds;
    private final Misbehaviours misbehaviours;
    private final Counters counters;
    private final MtRouting routing;
    private final BoundSessions bound;
    private final AtomicLong messageIds = new AtomicLong(0x10000);

    SubmitDesk(SmscSimulator.Options options, Misbehaviours misbehaviours, Counters counters, MtRouting routing,
               BoundSessions bound) {
        this.systemId = options.systemId();
        this.vendorSessionTag = options.vendorSessionTag();
        this.decimalReceiptIds = options.decimalReceiptIds();
        this.misbehaviours = misbehaviours;
        this.counters = counters;
        this.routing = routing;
        this.bound = bound;
    }

    @Override
    public SubmitSmResult onAcceptSubmitSm(SubmitSm submitSm, SMPPServerSession source) throws ProcessRequestException {
        long n = counters.submitStarted();
        try {
            return accept(submitSm, n, bound.systemTypeOf(source));
        } finally {
            counters.submitAnswered();
        }
    }

    private SubmitSmResult accept(SubmitSm submitSm, long n, String boundAs) throws ProcessRequestException {
        int slow = misbehaviours.slowRespMs();
        if (slow > 0) {
            try {
                Thread.sleep(slow);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        int every = misbehaviours.throttleEvery();
        if (every > 0 && n % every == 0) {
            throw new ProcessRequestException("throttled", SMPPConstant.STAT_ESME_RTHROTTLED);
        }
        if (!GsmCodec.supports(submitSm.getDataCoding())) {
            throw new ProcessRequestException("unsupported data_coding", SMPPConstant.STAT_ESME_RSYSERR);
        }
        long number = messageIds.incrementAndGet();
        String id = Long.toHexString(number);
        MtRecord mt;
        try {
            mt = MtRecord.of(submitSm, id, systemId, boundAs, vendorSessionTag);
        } catch (IllegalArgumentException e) {
            throw new ProcessRequestException(e.getMessage(), SMPPConstant.STAT_ESME_RINVMSGLEN);
        }
        routing.accepted(mt, decimalReceiptIds ? Long.toString(number) : id, submitSm.getRegisteredDelivery() != 0);
        try {
            return new SubmitSmResult(new MessageId(id), new OptionalParameter[0]);
        } catch (PDUStringException e) {
            throw new ProcessRequestException("message id: " + e.getMessage(), SMPPConstant.STAT_ESME_RSYSERR);
        }
    }

    @Override
    public SubmitMultiResult onAcceptSubmitMulti(SubmitMulti submitMulti, SMPPServerSession source)
            throws ProcessRequestException {
        throw unsupported("submit_multi");
    }

    @Override
    public QuerySmResult onAcceptQuerySm(QuerySm querySm, SMPPServerSession source) throws ProcessRequestException {
        throw unsupported("query_sm");
    }

    @Override
    public void onAcceptReplaceSm(ReplaceSm replaceSm, SMPPServerSession source) throws ProcessRequestException {
        throw unsupported("replace_sm");
    }

    @Override
    public void onAcceptCancelSm(CancelSm cancelSm, SMPPServerSession source) throws ProcessRequestException {
        throw unsupported("cancel_sm");
    }

    @Override
    public BroadcastSmResult onAcceptBroadcastSm(BroadcastSm broadcastSm, SMPPServerSession source)
            throws ProcessRequestException {
        throw unsupported("broadcast_sm");
    }

    @Override
    public void onAcceptCancelBroadcastSm(CancelBroadcastSm cancelBroadcastSm, SMPPServerSession source)
            throws ProcessRequestException {
        throw unsupported("cancel_broadcast_sm");
    }

    @Override
    public QueryBroadcastSmResult onAcceptQueryBroadcastSm(QueryBroadcastSm queryBroadcastSm,
                                                           SMPPServerSession source) throws ProcessRequestException {
        throw unsupported("query_broadcast_sm");
    }

    @Override
    public DataSmResult onAcceptDataSm(DataSm dataSm, Session source) throws ProcessRequestException {
        throw unsupported("data_sm");
    }

    private static ProcessRequestException unsupported(String command) {
        return new ProcessRequestException(command + " not supported", SMPPConstant.STAT_ESME_RINVCMDID);
    }
}
