package id.betang.simulator.smsc;

import java.io.IOException;
import java.net.SocketException;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
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
import id.betang.gateway.smpp.SmsCodec;

/**
 * A simulated SMSC: accepts binds with the right credentials, answers submit_sm with message ids, and
 * delivers mobile-originated traffic from {@link SimulatedPhone}s. Every MT is recorded and routed to
 * the phone it is addressed to, so tests and the demo read screens as a handset would.
 */
public final class SmscSimulator implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SmscSimulator.class);

    /**
     * @param vendorSessionTag when set, MO USSD carries an opaque session id in this TLV (session-tlv profile)
     * @param dlrDelayMs       delay before a delivery receipt is sent for an MT that asked for one
     * @param dlrStat          the receipt's outcome: DELIVRD, UNDELIV, EXPIRED, REJECTD
     * @param decimalReceiptIds receipts write the message id in decimal while submit_sm_resp uses hex,
     *                          as some SMSCs do
     */
    public record Options(int port, String systemId, String password, Short vendorSessionTag, int dlrDelayMs,
                          String dlrStat, boolean decimalReceiptIds) {
        public static Options defaults(int port) {
            return new Options(port, "betang", "secret12", null, 200, "DELIVRD", false);
        }

        public Options withVendorSessionTag(Short tag) {
            return new Options(port, systemId, password, tag, dlrDelayMs, dlrStat, decimalReceiptIds);
        }

        public Options withCredentials(String id, String secret) {
            return new Options(port, id, secret, vendorSessionTag, dlrDelayMs, dlrStat, decimalReceiptIds);
        }

        public Options withReceipts(int delayMs, String stat, boolean decimalIds) {
            return new Options(port, systemId, password, vendorSessionTag, delayMs, stat, decimalIds);
        }
    }

    private final Options options;
    private final Misbehaviours misbehaviours = new Misbehaviours();
    private final TappedConnections connections = new TappedConnections();
    private final ScheduledExecutorService later = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "smsc-later");
        t.setDaemon(true);
        return t;
    });
    private final AtomicLong submits = new AtomicLong();
    private final AtomicInteger concurrent = new AtomicInteger();
    private final AtomicInteger maxConcurrent = new AtomicInteger();
    private final AtomicInteger binds = new AtomicInteger();
    private final Map<String, SmsInbox> smsInboxes = new ConcurrentHashMap<>();
    private final Map<String, Accepted> awaitingResp = new ConcurrentHashMap<>();
    private final List<SMPPServerSession> sessions = new CopyOnWriteArrayList<>();
    private final java.util.concurrent.atomic.AtomicInteger nextBind = new java.util.concurrent.atomic.AtomicInteger();
    // a plain list under its own lock: a copy-on-write list would copy itself on every submit_sm
    private final List<MtRecord> received = new java.util.ArrayList<>();
    private final Map<String, BlockingQueue<MtRecord>> inboxes = new ConcurrentHashMap<>();
    private final AtomicLong messageIds = new AtomicLong(0x10000);
    /** Per phone, as networks number a subscriber's dialogues: a number comes back only after 256 dialogues. */
    private final Map<String, AtomicInteger> ussdSessions = new java.util.concurrent.ConcurrentHashMap<>();
    private SMPPServerSessionListener listener;
    private Thread acceptor;
    private volatile boolean closing;

    public SmscSimulator(Options options) {
        this.options = options;
    }

    public SmscSimulator start() throws IOException {
        // jSMPP reports the configured port, not the bound one: resolve "any free port" ourselves
        int port = options.port() == 0 ? id.betang.simulator.Ports.free() : options.port();
        listener = new SMPPServerSessionListener(port, connections);
        // submit_sm are answered in these threads: enough for a gateway's whole window even when slow-resp holds them
        listener.setPduProcessorDegree(32);
        listener.setQueueCapacity(1000);
        listener.setMessageReceiverListener(new Receiver());
        listener.setResponseDeliveryListener(new Handover());
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
            if (misbehaviours.refuseBind()) {
                LOG.info("SMSC refused bind from {} ({} is on)", request.getSystemId(), Misbehaviours.REFUSE_BIND);
                request.reject(SMPPConstant.STAT_ESME_RBINDFAIL);
                return;
            }
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
            binds.incrementAndGet();
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

    public Misbehaviours misbehaviours() {
        return misbehaviours;
    }

    /** Binds accepted since start: tests see rebinds here. */
    public int bindsAccepted() {
        return binds.get();
    }

    /** submit_sm received since start (including those answered with an error). */
    public long submits() {
        return submits.get();
    }

    /** The most submit_sm ever awaiting their response at once: what an ESME's window allowed. */
    public int maxConcurrentSubmits() {
        return maxConcurrent.get();
    }

    /** {@code drop-link}: every bound connection is cut without an unbind, as a failing network does. */
    public void dropLink() {
        LOG.info("SMSC drops {} link(s) ({})", sessions.size(), Misbehaviours.DROP_LINK);
        sessions.forEach(SMPPServerSession::close);
    }

    /** {@code unbind}: the SMSC politely asks every ESME to unbind (maintenance, fail-over). */
    public void unbindAll() {
        LOG.info("SMSC unbinds {} session(s) ({})", sessions.size(), Misbehaviours.UNBIND);
        sessions.forEach(s -> later.execute(s::unbindAndClose));
    }

    /**
     * {@code garble-pdu}: sends each bound ESME, between well-formed PDUs, a PDU with an unknown command id
     * and a deliver_sm whose its_session_info TLV has the wrong length.
     */
    public void garble() throws IOException {
        for (SMPPServerSession s : boundSessions()) {
            int port = s.getPort();
            connections.writeRaw(port, Garbage.unknownCommand());
            connections.writeRaw(port, Garbage.deliverSmWithBadTlv());
        }
        LOG.info("SMSC sent garbled PDUs ({})", Misbehaviours.GARBLE_PDU);
    }

    /** Every whole SMS (parts joined) the gateway sent to this MSISDN and nobody has read yet. */
    SmsInbox smsInbox(String msisdn) {
        return smsInboxes.computeIfAbsent(msisdn, k -> new SmsInbox());
    }

    public SimulatedPhone phone(String msisdn) {
        return new SimulatedPhone(this, msisdn);
    }

    public List<MtRecord> received() {
        synchronized (received) {
            return List.copyOf(received);
        }
    }

    int nextUssdSession(String msisdn) {
        return ussdSessions.computeIfAbsent(msisdn, k -> new AtomicInteger()).getAndIncrement() & 0xFF;
    }

    BlockingQueue<MtRecord> inbox(String msisdn) {
        return inboxes.computeIfAbsent(msisdn, k -> new LinkedBlockingQueue<>());
    }

    /** One deliver_sm towards the gateway, on any bound session. */
    @FunctionalInterface
    interface Delivery {
        void on(SMPPServerSession session) throws Exception;
    }

    /**
     * Delivers as a phone's network would; with {@code duplicate-deliver} on, the same PDU content goes
     * out twice, as SMSCs do when they missed (or did not wait for) the first response.
     */
    void deliver(String what, Delivery delivery) throws IOException {
        int times = misbehaviours.duplicateDeliver() ? 2 : 1;
        for (int i = 0; i < times; i++) {
            try {
                delivery.on(anyBound());
            } catch (IOException e) {
                throw e;
            } catch (Exception e) {
                throw new IOException(what + " failed: " + e.getMessage(), e);
            }
        }
    }

    SMPPServerSession anyBound() throws IOException {
        List<SMPPServerSession> bound = boundSessions();
        if (bound.isEmpty()) {
            throw new IOException("no gateway is bound to the SMSC simulator");
        }
        // in turn, as a network balancing over binds does: with two gateways, consecutive steps of one dialogue
        // reach different instances
        return bound.get(Math.floorMod(nextBind.getAndIncrement(), bound.size()));
    }

    @Override
    public void close() {
        closing = true;
        later.shutdownNow();
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
        byte[] body = submit.getShortMessage() == null ? new byte[0] : submit.getShortMessage();
        SmsCodec.Concatenation part = null;
        if ((submit.getEsmClass() & 0x40) != 0) {
            try {
                SmsCodec.Body split = SmsCodec.splitUdh(body);
                body = split.bytes();
                part = split.concatenation().orElse(null);
            } catch (id.betang.gateway.smpp.MalformedPduException e) {
                throw new IllegalArgumentException(e.getMessage());
            }
        }
        return new MtRecord(messageId, systemId, submit.getSourceAddr(), submit.getDestAddress(),
                submit.getServiceType(), submit.getDataCoding(), GsmCodec.decode(submit.getDataCoding(), body), part,
                op instanceof OptionalParameter.Byte b ? OptionalInt.of(b.getValue() & 0xFF) : OptionalInt.empty(),
                info instanceof OptionalParameter.Short s ? OptionalInt.of(s.getValue() & 0xFFFF) : OptionalInt.empty(),
                vendor);
    }

    /** A submit_sm accepted, waiting for its response to reach the ESME. */
    private record Accepted(MtRecord mt, String receiptId, boolean wantsReceipt) {
    }

    /**
     * A message counts as taken only once its submit_sm_resp went out. If the link died first, the ESME
     * never learnt its id and will send it again; delivering both would be the SMSC's duplicate, not the
     * gateway's, and would hide real duplicates from tests.
     */
    private final class Handover extends org.jsmpp.session.ServerResponseDeliveryAdapter {

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
                inbox(mt.destination()).add(mt);
                return;
            }
            smsInbox(mt.destination()).add(mt);
            if (accepted.wantsReceipt() && !misbehaviours.noDlr()) {
                later.schedule(() -> Receipts.send(SmscSimulator.this, source, mt, accepted.receiptId(), options.dlrStat()),
                        options.dlrDelayMs(), java.util.concurrent.TimeUnit.MILLISECONDS);
            }
        }

        @Override
        public void onSubmitSmRespError(SubmitSmResult result, Exception cause, SMPPServerSession source) {
            awaitingResp.remove(result.getMessageId());
            LOG.info("submit_sm_resp for {} not sent ({}); message dropped", result.getMessageId(), cause.getMessage());
        }
    }

    private final class Receiver implements ServerMessageReceiverListener {

        @Override
        public SubmitSmResult onAcceptSubmitSm(SubmitSm submitSm, SMPPServerSession source) throws ProcessRequestException {
            int now = concurrent.incrementAndGet();
            maxConcurrent.accumulateAndGet(now, Math::max);
            try {
                return accept(submitSm, source);
            } finally {
                concurrent.decrementAndGet();
            }
        }

        private SubmitSmResult accept(SubmitSm submitSm, SMPPServerSession source) throws ProcessRequestException {
            long n = submits.incrementAndGet();
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
                mt = record(submitSm, id, options.systemId());
            } catch (IllegalArgumentException e) {
                throw new ProcessRequestException(e.getMessage(), SMPPConstant.STAT_ESME_RINVMSGLEN);
            }
            String receiptId = options.decimalReceiptIds() ? Long.toString(number) : id;
            awaitingResp.put(id, new Accepted(mt, receiptId, submitSm.getRegisteredDelivery() != 0));
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
