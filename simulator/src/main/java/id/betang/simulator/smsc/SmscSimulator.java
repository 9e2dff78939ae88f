package id.betang.simulator.smsc;

import java.io.IOException;
import java.net.SocketException;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import org.jsmpp.session.SMPPServerSession;
import org.jsmpp.session.SMPPServerSessionListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import id.betang.simulator.Ports;

/**
 * A simulated SMSC: accepts binds with the right credentials, answers submit_sm with message ids, and
 * delivers mobile-originated traffic from {@link SimulatedPhone}s (an SMS again and again while the gateway
 * answers a temporary error or nothing, as a store-and-forward SMSC does). Every MT is recorded and routed to
 * the phone it is addressed to, so tests and the demo read screens as a handset would; every PDU on the
 * links is kept in the {@link PduLog}.
 *
 * <p>This class starts, wires and stops the parts, each with one job: {@link BindAdmission} (who may bind),
 * {@link BoundSessions}, {@link SubmitDesk} (answering submit_sm), {@link MtRouting} (recording and routing
 * MTs), {@link Receipts}, {@link MoDelivery}, {@link Misbehaviours} and {@link LinkFaults}, {@link Counters}.
 */
public final class SmscSimulator implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SmscSimulator.class);
    /** PDUs the session log keeps: a few minutes of a demo, a few seconds of a load run. */
    private static final int LOGGED_PDUS = 2_000;

    /**
     * @param vendorSessionTag when set, MO USSD carries an opaque session id in this TLV (session-tlv profile)
     * @param dlrDelayMs       delay before a delivery receipt is sent for an MT that asked for one
     * @param dlrStat          the receipt's outcome: DELIVRD, UNDELIV, EXPIRED, REJECTD
     * @param decimalReceiptIds receipts write the message id in decimal while submit_sm_resp uses hex,
     *                          as some SMSCs do
     */
    public record Options(int port, String systemId, String password, Short vendorSessionTag, int dlrDelayMs,
                          String dlrStat, boolean decimalReceiptIds, javax.net.ssl.SSLContext tls) {
        public static Options defaults(int port) {
            return new Options(port, "betang", "Ohd27tH1", null, 200, "DELIVRD", false, null);
        }

        public Options withVendorSessionTag(Short tag) {
            return new Options(port, systemId, password, tag, dlrDelayMs, dlrStat, decimalReceiptIds, tls);
        }

        public Options withCredentials(String id, String secret) {
            return new Options(port, id, secret, vendorSessionTag, dlrDelayMs, dlrStat, decimalReceiptIds, tls);
        }

        public Options withReceipts(int delayMs, String stat, boolean decimalIds) {
            return new Options(port, systemId, password, vendorSessionTag, delayMs, stat, decimalIds, tls);
        }

        /** A TLS listener instead of plain TCP, with the server key and certificate of {@code context}. */
        public Options withTls(javax.net.ssl.SSLContext context) {
            return new Options(port, systemId, password, vendorSessionTag, dlrDelayMs, dlrStat, decimalReceiptIds, context);
        }
    }

    private final Options options;
    private final ScheduledExecutorService later = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "smsc-later");
        t.setDaemon(true);
        return t;
    });
    private final Misbehaviours misbehaviours = new Misbehaviours();
    private final Counters counters = new Counters();
    private final BoundSessions bound = new BoundSessions();
    private final PduLog pduLog;
    private final TappedConnections connections;
    private final BindAdmission admission;
    private final MtRouting routing;
    private final SubmitDesk desk;
    private final MoDelivery mo;
    private final LinkFaults faults;
    private SMPPServerSessionListener listener;
    private volatile boolean closing;

    public SmscSimulator(Options options) {
        this.options = options;
        this.pduLog = new PduLog(LOGGED_PDUS, options.vendorSessionTag());
        this.connections = new TappedConnections(pduLog, options.tls());
        this.admission = new BindAdmission(options.systemId(), options.password(), misbehaviours, bound, counters);
        this.routing = new MtRouting(new Receipts(later, bound, misbehaviours, options.dlrDelayMs(), options.dlrStat()));
        this.desk = new SubmitDesk(options, misbehaviours, counters, routing, bound);
        this.mo = new MoDelivery(bound, misbehaviours, counters);
        this.faults = new LinkFaults(bound, connections, later);
    }

    public SmscSimulator start() throws IOException {
        // jSMPP reports the configured port, not the bound one: resolve "any free port" ourselves
        int port = options.port() == 0 ? Ports.free() : options.port();
        listener = new SMPPServerSessionListener(port, connections);
        // submit_sm are answered in these threads: enough for a gateway's whole window even when slow-resp holds them
        listener.setPduProcessorDegree(32);
        listener.setQueueCapacity(1000);
        listener.setMessageReceiverListener(desk);
        listener.setResponseDeliveryListener(routing);
        Thread acceptor = new Thread(this::acceptLoop, "smsc-accept");
        acceptor.setDaemon(true);
        acceptor.start();
        LOG.info("SMSC simulator listening on port {} (system_id {}{})", port(), options.systemId(),
                options.tls() == null ? "" : ", TLS");
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
                session.setTransactionTimer(MoDelivery.RESPONSE_WAIT.toMillis());
                Thread binder = new Thread(() -> admission.admit(session), "smsc-bind");
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

    /** Sessions currently bound and able to receive deliver_sm. */
    public List<SMPPServerSession> boundSessions() {
        return bound.receivable();
    }

    public Misbehaviours misbehaviours() {
        return misbehaviours;
    }

    /** Every PDU on the links, both ways, decoded when read: the web phone's session log. */
    public PduLog pduLog() {
        return pduLog;
    }

    /** Binds accepted since start: tests see rebinds here. */
    public int bindsAccepted() {
        return counters.binds();
    }

    /** submit_sm received since start (including those answered with an error). */
    public long submits() {
        return counters.submits();
    }

    /** The most submit_sm ever awaiting their response at once: what an ESME's window allowed. */
    public int maxConcurrentSubmits() {
        return counters.maxConcurrentSubmits();
    }

    /** SMS PDUs the gateway answered deliver_sm_resp OK (first time or redelivered). */
    public long moTaken() {
        return counters.moTaken();
    }

    /** SMS PDUs given up on: a permanent error, or no success within the redelivery period. */
    public long moRefused() {
        return counters.moRefused();
    }

    /** SMS deliveries tried again after a temporary error or no response. */
    public long moRedeliveries() {
        return counters.redeliveries();
    }

    /** SMS PDUs waiting for their next delivery attempt now. */
    public int moAwaitingRedelivery() {
        return counters.awaitingRedelivery();
    }

    /** {@code drop-link}: every bound connection is cut without an unbind, as a failing network does. */
    public void dropLink() {
        faults.dropLink();
    }

    /** {@code unbind}: the SMSC politely asks every ESME to unbind (maintenance, fail-over). */
    public void unbindAll() {
        faults.unbindAll();
    }

    /**
     * {@code garble-pdu}: sends each bound ESME, between well-formed PDUs, a PDU with an unknown command id
     * and a deliver_sm whose its_session_info TLV has the wrong length.
     */
    public void garble() throws IOException {
        faults.garble();
    }

    public SimulatedPhone phone(String msisdn) {
        return new SimulatedPhone(this, msisdn);
    }

    /** Every MT taken (its submit_sm_resp sent), oldest first. */
    public List<MtRecord> received() {
        return routing.received();
    }

    SmsInbox smsInbox(String msisdn) {
        return routing.smsInbox(msisdn);
    }

    BlockingQueue<MtRecord> inbox(String msisdn) {
        return routing.screens(msisdn);
    }

    int nextUssdSession(String msisdn) {
        return mo.nextUssdSession(msisdn);
    }

    void deliver(String what, MoDelivery.Delivery delivery) throws IOException {
        mo.deliver(what, delivery);
    }

    CompletableFuture<Void> deliverUntilTaken(String what, MoDelivery.Delivery delivery) throws IOException {
        return mo.deliverUntilTaken(what, delivery);
    }

    @Override
    public void close() {
        closing = true;
        later.shutdownNow();
        mo.close();
        bound.closeAll();
        if (listener != null) {
            try {
                listener.close();
            } catch (IOException e) {
                // closing anyway
            }
        }
    }
}
