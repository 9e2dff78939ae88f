package id.betang.simulator.smsc;

import java.io.IOException;
import java.net.SocketException;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

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
import org.jsmpp.extra.SessionState;
import org.jsmpp.session.BindRequest;
import org.jsmpp.session.BroadcastSmResult;
import org.jsmpp.session.DataSmResult;
import org.jsmpp.session.QueryBroadcastSmResult;
import org.jsmpp.session.QuerySmResult;
import org.jsmpp.session.SMPPServerSession;
import org.jsmpp.session.SMPPServerSessionListener;
import org.jsmpp.session.ServerMessageReceiverListener;
import org.jsmpp.session.Session;
import org.jsmpp.session.SubmitMultiResult;
import org.jsmpp.session.SubmitSmResult;
import org.jsmpp.util.MessageId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import id.betang.gateway.smpp.GsmCodec;

/**
 * A simulated SMSC: accepts binds with the right credentials, answers submit_sm with message ids, and
 * delivers mobile-originated traffic from {@link SimulatedPhone}s. Every MT is recorded and routed to
 * the phone it is addressed to, so tests and the demo read screens as a handset would.
 */
public final class SmscSimulator implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SmscSimulator.class);

    /** @param vendorSessionTag when set, MO USSD carries an opaque session id in this TLV (session-tlv profile) */
    public record Options(int port, String systemId, String password, Short vendorSessionTag) {
        public static Options defaults(int port) {
            return new Options(port, "betang", "secret12", null);
        }
    }

    private final Options options;
    private final List<SMPPServerSession> sessions = new CopyOnWriteArrayList<>();
    private final List<MtRecord> received = new CopyOnWriteArrayList<>();
    private final Map<String, BlockingQueue<MtRecord>> inboxes = new ConcurrentHashMap<>();
    private final AtomicLong messageIds = new AtomicLong(0x10000);
    private final AtomicInteger ussdSessions = new AtomicInteger();
    private SMPPServerSessionListener listener;
    private Thread acceptor;
    private volatile boolean closing;

    public SmscSimulator(Options options) {
        this.options = options;
    }

    public SmscSimulator start() throws IOException {
        // jSMPP reports the configured port, not the bound one: resolve "any free port" ourselves
        int port = options.port() == 0 ? id.betang.simulator.Ports.free() : options.port();
        listener = new SMPPServerSessionListener(port);
        listener.setMessageReceiverListener(new Receiver());
        acceptor = new Thread(this::acceptLoop, "smsc-accept");
        acceptor.setDaemon(true);
        acceptor.start();
        LOG.info("SMSC simulator listening on port {} (system_id {})", port(), options.systemId());
        return this;
    }

    public int port() {
        return listener.getPort();
    }



    public Options options() {
        return options;
    }

    private void acceptLoop() {
        while (!closing) {
            try {
                SMPPServerSession session = listener.accept();
                Thread binder = new Thread(() -> bind(session), "smsc-bind");
                binder.setDaemon(true);
                binder.start();
            } catch (SocketException e) {
                if (!closing) {
                    LOG.warn("SMSC simulator stopped accepting: {}", e.getMessage());
                }
                return;
            } catch (IOException e) {
                LOG.warn("SMSC simulator accept failed: {}", e.getMessage());
            }
        }
    }

    private void bind(SMPPServerSession session) {
        try {
            BindRequest request = session.waitForBind(5_000);
            if (!options.systemId().equals(request.getSystemId())) {
                LOG.info("SMSC refused bind from unknown system_id {}", request.getSystemId());
                request.reject(SMPPConstant.STAT_ESME_RINVSYSID);
                return;
            }
            if (!options.password().equals(request.getPassword())) {
                LOG.info("SMSC refused bind from {}: wrong password", request.getSystemId());
                request.reject(SMPPConstant.STAT_ESME_RINVPASWD);
                return;
            }
            request.accept(options.systemId());
            sessions.add(session);
            session.addSessionStateListener((newState, oldState, source) -> {
                if (newState == SessionState.CLOSED) {
                    sessions.remove(session);
                }
            });
            LOG.info("SMSC accepted {} from {}", request.getBindType(), request.getSystemId());
        } catch (Exception e) {
            LOG.warn("SMSC bind handshake failed: {}", e.toString());
            session.close();
        }
    }

    /** Sessions currently bound and able to receive deliver_sm. */
    public List<SMPPServerSession> boundSessions() {
        return sessions.stream().filter(s -> s.getSessionState().isReceivable()).toList();
    }

    public SimulatedPhone phone(String msisdn) {
        return new SimulatedPhone(this, msisdn);
    }

    public List<MtRecord> received() {
        return List.copyOf(received);
    }

    int nextUssdSession() {
        return ussdSessions.getAndIncrement() & 0xFF;
    }

    BlockingQueue<MtRecord> inbox(String msisdn) {
        return inboxes.computeIfAbsent(msisdn, k -> new LinkedBlockingQueue<>());
    }

    SMPPServerSession anyBound() throws IOException {
        List<SMPPServerSession> bound = boundSessions();
        if (bound.isEmpty()) {
            throw new IOException("no gateway is bound to the SMSC simulator");
        }
        return bound.get((int) (System.nanoTime() % bound.size()));
    }

    @Override
    public void close() {
        closing = true;
        sessions.forEach(s -> {
            try {
                s.unbindAndClose();
            } catch (RuntimeException e) {
                s.close();
            }
        });
        if (listener != null) {
            try {
                listener.close();
            } catch (IOException e) {
                // closing anyway
            }
        }
    }

    private MtRecord record(SubmitSm submit, String messageId, String systemId) {
        OptionalParameter op = submit.getOptionalParameter(OptionalParameter.Tag.USSD_SERVICE_OP);
        OptionalParameter info = submit.getOptionalParameter(OptionalParameter.Tag.ITS_SESSION_INFO);
        byte[] vendor = null;
        if (options.vendorSessionTag() != null) {
            OptionalParameter v = submit.getOptionalParameter(options.vendorSessionTag());
            if (v != null) {
                byte[] raw = v.serialize();
                vendor = java.util.Arrays.copyOfRange(raw, 4, raw.length);
            }
        }
        return new MtRecord(messageId, systemId, submit.getSourceAddr(), submit.getDestAddress(),
                submit.getServiceType(), submit.getDataCoding(),
                GsmCodec.decode(submit.getDataCoding(), submit.getShortMessage()),
                op instanceof OptionalParameter.Byte b ? OptionalInt.of(b.getValue() & 0xFF) : OptionalInt.empty(),
                info instanceof OptionalParameter.Short s ? OptionalInt.of(s.getValue() & 0xFFFF) : OptionalInt.empty(),
                vendor);
    }

    private final class Receiver implements ServerMessageReceiverListener {

        @Override
        public SubmitSmResult onAcceptSubmitSm(SubmitSm submitSm, SMPPServerSession source) throws ProcessRequestException {
            if (!GsmCodec.supports(submitSm.getDataCoding())) {
                throw new ProcessRequestException("unsupported data_coding", SMPPConstant.STAT_ESME_RSYSERR);
            }
            String id = Long.toHexString(messageIds.incrementAndGet());
            MtRecord mt = record(submitSm, id, options.systemId());
            received.add(mt);
            inbox(mt.destination()).add(mt);
            try {
                return new SubmitSmResult(new MessageId(id), new OptionalParameter[0]);
            } catch (org.jsmpp.PDUStringException e) {
                throw new ProcessRequestException("message id: " + e.getMessage(), SMPPConstant.STAT_ESME_RSYSERR);
            }
        }

        @Override
        public SubmitMultiResult onAcceptSubmitMulti(SubmitMulti submitMulti, SMPPServerSession source)
                throws ProcessRequestException {
            throw new ProcessRequestException("submit_multi not supported", SMPPConstant.STAT_ESME_RINVCMDID);
        }

        @Override
        public QuerySmResult onAcceptQuerySm(QuerySm querySm, SMPPServerSession source) throws ProcessRequestException {
            throw new ProcessRequestException("query_sm not supported", SMPPConstant.STAT_ESME_RINVCMDID);
        }

        @Override
        public void onAcceptReplaceSm(ReplaceSm replaceSm, SMPPServerSession source) throws ProcessRequestException {
            throw new ProcessRequestException("replace_sm not supported", SMPPConstant.STAT_ESME_RINVCMDID);
        }

        @Override
        public void onAcceptCancelSm(CancelSm cancelSm, SMPPServerSession source) throws ProcessRequestException {
            throw new ProcessRequestException("cancel_sm not supported", SMPPConstant.STAT_ESME_RINVCMDID);
        }

        @Override
        public BroadcastSmResult onAcceptBroadcastSm(BroadcastSm broadcastSm, SMPPServerSession source)
                throws ProcessRequestException {
            throw new ProcessRequestException("broadcast_sm not supported", SMPPConstant.STAT_ESME_RINVCMDID);
        }

        @Override
        public void onAcceptCancelBroadcastSm(CancelBroadcastSm cancelBroadcastSm, SMPPServerSession source)
                throws ProcessRequestException {
            throw new ProcessRequestException("cancel_broadcast_sm not supported", SMPPConstant.STAT_ESME_RINVCMDID);
        }

        @Override
        public QueryBroadcastSmResult onAcceptQueryBroadcastSm(QueryBroadcastSm queryBroadcastSm,
                                                               SMPPServerSession source) throws ProcessRequestException {
            throw new ProcessRequestException("query_broadcast_sm not supported", SMPPConstant.STAT_ESME_RINVCMDID);
        }

        @Override
        public DataSmResult onAcceptDataSm(DataSm dataSm, Session source) throws ProcessRequestException {
            throw new ProcessRequestException("data_sm not supported", SMPPConstant.STAT_ESME_RINVCMDID);
        }
    }
}
