package id.betang.gateway.smpp;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import org.jsmpp.DefaultPDUSender;
import org.jsmpp.SMPPConstant;
import org.jsmpp.SynchronizedPDUSender;
import org.jsmpp.bean.AlertNotification;
import org.jsmpp.bean.BindType;
import org.jsmpp.bean.DataCodings;
import org.jsmpp.bean.DataSm;
import org.jsmpp.bean.DeliverSm;
import org.jsmpp.bean.ESMClass;
import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.OptionalParameter;
import org.jsmpp.bean.RegisteredDelivery;
import org.jsmpp.bean.TypeOfNumber;
import org.jsmpp.extra.NegativeResponseException;
import org.jsmpp.extra.ProcessRequestException;
import org.jsmpp.extra.ResponseTimeoutException;
import org.jsmpp.extra.SessionState;
import org.jsmpp.session.BindParameter;
import org.jsmpp.session.DataSmResult;
import org.jsmpp.session.MessageReceiverListener;
import org.jsmpp.session.SMPPSession;
import org.jsmpp.session.Session;
import org.jsmpp.session.connection.socket.SocketConnectionFactory;
import org.jsmpp.util.DefaultComposer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.failsafe.RateLimiter;
import id.betang.gateway.config.GatewayConfig;

/**
 * One bind to the SMSC, kept up by its own thread: bind, wait until the link is lost (or the SMSC
 * unbinds), back off with jitter, bind again, until stopped. Submits respect the bind's window
 * (outstanding PDUs) and TPS; a throttling answer pauses bulk SMS on the bind briefly.
 * Two lanes share the window: bulk SMS may hold all of it but {@link #reservedForUssd} permits, and waits
 * out a throttling pause and the TPS cap before it takes a permit, so a USSD reply (a resident holding
 * the phone) always finds room at once, however full or throttled the bulk traffic is.
 * jSMPP answers deliver_sm when the listener returns, so the listener only checks the PDU and hands it
 * to {@link Receiver}; the work happens elsewhere.
 */
public final class SmscBind {

    private static final Logger LOG = LoggerFactory.getLogger(SmscBind.class);
    private static final Duration DRAIN = Duration.ofSeconds(5);
    /**
     * Threads answering deliver_sm at once per bind. Each SMS part waits for its inbox commit before its
     * response, so several must be in flight for one commit to carry many of them (jSMPP's default is 3).
     */
    static final int PDU_PROCESSORS = 32;

    /**
     * Where PDUs from the SMSC go. Throwing {@link MalformedPduException} answers with its status,
     * {@link MoDeferredException} with ESME_RX_T_APPN (the SMSC retries later).
     */
    public interface Receiver {
        void onDeliverSm(SmscBind bind, DeliverSm pdu) throws MalformedPduException, MoDeferredException;
    }

    public enum State { CONNECTING, BOUND, BACKING_OFF, STOPPED }

    private final String name;
    private final GatewayConfig.Smpp config;
    private final BindType type;
    private final Backoff backoff = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(60));
    private final Backoff throttleBackoff = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(5));
    /** Every submit_sm awaiting its response, either lane: the SMSC's window. */
    private final Semaphore window;
    /** The part of the window bulk SMS may hold: all but the permits kept for USSD replies. */
    private final Semaphore bulkWindow;
    private final org.jsmpp.session.connection.ConnectionFactory connections;
    private final RateLimiter<Object> tps;
    /** The thread that keeps the bind up; there from {@link #start} on. */
    private volatile Thread keeper;
    private volatile State state = State.CONNECTING;
    private volatile SMPPSession session;
    private volatile boolean stopping;
    private volatile String lastProblem = "";
    private volatile long pausedUntilNanos;
    /** Binds made since start: more than one means the link was lost and made again (what a flap alert counts). */
    private final java.util.concurrent.atomic.AtomicLong timesBound = new java.util.concurrent.atomic.AtomicLong();

    public SmscBind(String name, GatewayConfig.Smpp config, BindType type) {
        this.name = name;
        this.config = config;
        this.type = type;
        this.window = new Semaphore(config.window(), true);
        this.pausedUntilNanos = System.nanoTime();
        this.bulkWindow = new Semaphore(config.window() - reservedForUssd(config.window()), true);
        this.connections = config.tls() ? TlsConnections.trusting(config.caFile()) : SocketConnectionFactory.getInstance();
        this.tps = config.tps() == 0 ? null
                : RateLimiter.smoothBuilder(config.tps(), Duration.ofSeconds(1)).withMaxWaitTime(Duration.ofMinutes(1)).build();
    }

    /**
     * Window permits bulk SMS can never hold: a fifth of the window (rounded up; 2 of the usual 10), enough
     * for the USSD replies in flight at once on a bind (each is answered in milliseconds) while bulk keeps
     * most of the window for its throughput; none in a window of one, where bulk would otherwise never send.
     * USSD replies use the rest of the window too whenever bulk leaves it free.
     */
    static int reservedForUssd(int window) {
        return window < 2 ? 0 : (window + 4) / 5;
    }

    /** Binds, and keeps binding, handing every deliver_sm to {@code receiver}. */
    public void start(Receiver receiver) {
        Thread thread = new Thread(() -> keepBound(receiver), "smpp-" + name);
        thread.setDaemon(true);
        keeper = thread;
        thread.start();
    }

    public String name() {
        return name;
    }

    public State state() {
        return state;
    }

    /** False for the receiver half of a transmitter + receiver pair. */
    public boolean canTransmit() {
        return type != BindType.BIND_RX;
    }

    public boolean canReceive() {
        return type != BindType.BIND_TX;
    }

    /** How many times this bind has been made since start. */
    public long timesBound() {
        return timesBound.get();
    }

    /** Why the last bind attempt failed or the link was lost: for /ready and logs. */
    public String lastProblem() {
        return lastProblem;
    }

    private void keepBound(Receiver receiver) {
        while (!stopping) {
            state = State.CONNECTING;
            TlvLengthCheck reader = new TlvLengthCheck();
            SMPPSession s = new SMPPSession(new SynchronizedPDUSender(new DefaultPDUSender(new DefaultComposer())),
                    reader, connections);
            s.setEnquireLinkTimer((int) config.enquireLink().toMillis());
            s.setTransactionTimer(config.responseTimeout().toMillis());
            s.setPduProcessorDegree(PDU_PROCESSORS);
            s.setMessageReceiverListener(reader.answeringUnreadable(new Listener(reader, receiver)));
            CountDownLatch lost = new CountDownLatch(1);
            s.addSessionStateListener((newState, oldState, source) -> {
                if (newState == SessionState.CLOSED) {
                    lost.countDown();
                }
            });
            try {
                s.connectAndBind(config.host(), config.port(), new BindParameter(type, config.systemId(),
                        config.password(), config.systemType(), TypeOfNumber.UNKNOWN, NumberingPlanIndicator.UNKNOWN,
                        config.addressRange().isEmpty() ? null : config.addressRange()), config.responseTimeout().toMillis());
                session = s;
                state = State.BOUND;
                timesBound.incrementAndGet();
                backoff.reset();
                lastProblem = "";
                LOG.info("bind {} up: {} to {}:{} as {}{}", name, type, config.host(), config.port(), config.systemId(),
                        config.tls() ? " over TLS" : "");
                lost.await();
                if (!stopping) {
                    lastProblem = "link lost";
                    LOG.warn("bind {} lost its link to {}:{} (dropped, or unbound by the SMSC); rebinding", name,
                            config.host(), config.port());
                }
            } catch (IOException e) {
                lastProblem = bindProblem(e);
                LOG.warn("bind {} to {}:{} failed: {}", name, config.host(), config.port(), lastProblem);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } finally {
                session = null;
                if (s.getSessionState() != SessionState.CLOSED) {
                    s.close();
                }
            }
            if (!stopping) {
                state = State.BACKING_OFF;
                Duration wait = backoff.next();
                LOG.info("bind {} retries in {} ms", name, wait.toMillis());
                try {
                    Thread.sleep(wait.toMillis());
                } catch (InterruptedException e) {
                    break;
                }
            }
        }
        state = State.STOPPED;
    }

    /** A refused bind names the SMSC's reason and what to check, not just "negative response". */
    private static String bindProblem(IOException e) {
        if (e.getCause() instanceof NegativeResponseException refused) {
            int status = refused.getCommandStatus();
            String hint = switch (status) {
                case SMPPConstant.STAT_ESME_RINVPASWD -> " - check smpp.password";
                case SMPPConstant.STAT_ESME_RINVSYSID -> " - check smpp.system_id";
                case SMPPConstant.STAT_ESME_RINVSYSTYP -> " - check smpp.system_type";
                case SMPPConstant.STAT_ESME_RALYBND -> " - the SMSC allows no more binds for this account";
                default -> "";
            };
            return "SMSC refused the bind: " + SmppStatus.describe(status) + hint;
        }
        return e.getMessage();
    }

    /**
     * Sends one submit_sm and waits for its response, within the window. Bulk SMS ({@code urgent} false)
     * also waits out a throttling pause and the TPS cap, before taking a permit from its part of the window.
     * A USSD reply ({@code urgent}) waits for neither: it takes a TPS slot if one is free (so bulk yields it)
     * and a window permit, of which bulk always leaves some; an ESME_RTHROTTLED answer to it is tried once
     * more at once, since the resident cannot wait out a back-off (and does not pause bulk). Blocking: call
     * from a worker thread.
     *
     * @return the SMSC's message id as it wrote it
     */
    public String submit(Mt mt, boolean urgent) throws SubmitFailure {
        if (!canTransmit()) {
            throw new SubmitFailure("bind " + name + " only receives", true, false, null);
        }
        if (!urgent) {
            return bulk(mt);
        }
        if (tps != null) {
            tps.tryAcquirePermit();
        }
        try {
            return inWindow(mt, true);
        } catch (SubmitFailure f) {
            if (!f.throttled()) {
                throw f;
            }
            return inWindow(mt, true);
        }
    }

    private String bulk(Mt mt) throws SubmitFailure {
        try {
            bulkWindow.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SubmitFailure("interrupted", true, false, e);
        }
        try {
            // waited out holding only bulk's permit: a paused or TPS-capped bulk keeps no USSD reply waiting
            waitOutPause();
            if (tps != null) {
                tps.acquirePermit();
            }
            return inWindow(mt, false);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SubmitFailure("interrupted", true, false, e);
        } catch (dev.failsafe.RateLimitExceededException e) {
            throw new SubmitFailure("TPS queue wait exceeded", true, false, e);
        } finally {
            bulkWindow.release();
        }
    }

    /**
     * One submit_sm on the wire: a window permit from the send until its response. Only bulk's own
     * ESME_RTHROTTLED pauses bulk: replies, retried at once, would otherwise keep bulk paused for as long as
     * residents dial, and bulk meets the SMSC's limit by itself.
     */
    private String inWindow(Mt mt, boolean urgent) throws SubmitFailure {
        try {
            window.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SubmitFailure("interrupted", true, false, e);
        }
        try {
            SMPPSession s = session;
            if (s == null || state != State.BOUND || stopping) {
                throw new SubmitFailure("bind " + name + " is not bound", true, false, null);
            }
            String id = s.submitShortMessage(mt.serviceType(), TypeOfNumber.valueOf(mt.sourceTon()),
                    NumberingPlanIndicator.valueOf(mt.sourceNpi()), mt.source(), TypeOfNumber.valueOf(mt.destTon()),
                    NumberingPlanIndicator.valueOf(mt.destNpi()), mt.destination(), new ESMClass(mt.esmClass()),
                    (byte) 0, (byte) 0, null, null, new RegisteredDelivery(mt.registeredDelivery() ? 1 : 0), (byte) 0,
                    DataCodings.newInstance(mt.dataCoding()), (byte) 0, mt.message(), mt.tlvs()).getMessageId();
            throttleBackoff.reset();
            return id;
        } catch (NegativeResponseException e) {
            int status = e.getCommandStatus();
            if (SmppStatus.isThrottle(status) && !urgent) {
                pause();
            }
            throw new SubmitFailure("SMSC answered " + SmppStatus.describe(status), SmppStatus.isTransient(status),
                    SmppStatus.isThrottle(status), e);
        } catch (ResponseTimeoutException e) {
            throw new SubmitFailure("no submit_sm_resp within " + config.responseTimeout().toMillis() + " ms", true,
                    false, e);
        } catch (IOException | org.jsmpp.InvalidResponseException e) {
            throw new SubmitFailure("bind " + name + ": " + e.getMessage(), true, false, e);
        } catch (org.jsmpp.PDUException e) {
            throw new SubmitFailure("not a valid submit_sm: " + e.getMessage(), false, false, e);
        } finally {
            window.release();
        }
    }

    /** How long bulk SMS on this bind still waits after the SMSC throttled it; zero when it is not paused. */
    public Duration bulkPausedFor() {
        return Duration.ofNanos(Math.max(0, pausedUntilNanos - System.nanoTime()));
    }

    private synchronized void pause() {
        long until = System.nanoTime() + throttleBackoff.next().toNanos();
        pausedUntilNanos = Math.max(pausedUntilNanos, until);
    }

    /** Until no pause is left: another submit may have been throttled, and the pause lengthened, meanwhile. */
    private void waitOutPause() throws InterruptedException {
        for (long wait = pausedUntilNanos - System.nanoTime(); wait > 0; wait = pausedUntilNanos - System.nanoTime()) {
            TimeUnit.NANOSECONDS.sleep(wait);
        }
    }

    /** Stops taking work, lets in-flight submits finish (briefly), unbinds politely, stops the keeper. */
    public void stop() {
        stopping = true;
        try {
            // every permit back means no submit_sm is waiting for its response
            if (window.tryAcquire(config.window(), DRAIN.toMillis(), TimeUnit.MILLISECONDS)) {
                window.release(config.window());
            } else {
                LOG.warn("bind {} stopping with submits still in flight after {} s", name, DRAIN.toSeconds());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        SMPPSession s = session;
        if (s != null) {
            s.unbindAndClose();
        }
        Thread thread = keeper;
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(TimeUnit.SECONDS.toMillis(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        state = State.STOPPED;
    }

    /** An MT ready for the wire; built by the channels, sent here. */
    public record Mt(String serviceType, byte sourceTon, byte sourceNpi, String source, byte destTon, byte destNpi,
                     String destination, byte esmClass, byte dataCoding, byte[] message, boolean registeredDelivery,
                     OptionalParameter... tlvs) {
    }

    private final class Listener implements MessageReceiverListener {

        private final TlvLengthCheck tlvLengths;
        private final Receiver receiver;

        Listener(TlvLengthCheck tlvLengths, Receiver receiver) {
            this.tlvLengths = tlvLengths;
            this.receiver = receiver;
        }

        @Override
        public void onAcceptDeliverSm(DeliverSm deliverSm) throws ProcessRequestException {
            try {
                Optional<String> badTlv = tlvLengths.takeFault(deliverSm.getSequenceNumber());
                if (badTlv.isPresent()) {
                    throw new MalformedPduException(SMPPConstant.STAT_ESME_RINVTLVLEN, badTlv.get());
                }
                receiver.onDeliverSm(SmscBind.this, deliverSm);
            } catch (MalformedPduException e) {
                LOG.warn("bind {} refused deliver_sm seq {}: {} ({})", name, deliverSm.getSequenceNumber(),
                        e.getMessage(), SmppStatus.describe(e.commandStatus()));
                if (LOG.isDebugEnabled()) {
                    LOG.debug("refused deliver_sm short_message hex {}", java.util.HexFormat.of()
                            .formatHex(deliverSm.getShortMessage() == null ? new byte[0] : deliverSm.getShortMessage()));
                }
                throw new ProcessRequestException(e.getMessage(), e.commandStatus());
            } catch (MoDeferredException e) {
                LOG.warn("bind {} deferred deliver_sm seq {} (ESME_RX_T_APPN, the SMSC retries): {}", name,
                        deliverSm.getSequenceNumber(), e.getMessage());
                throw new ProcessRequestException(e.getMessage(), MoDeferredException.ESME_RX_T_APPN);
            } catch (RuntimeException e) {
                LOG.error("bind {} could not take deliver_sm seq {}", name, deliverSm.getSequenceNumber(), e);
                throw new ProcessRequestException("internal error", SMPPConstant.STAT_ESME_RSYSERR);
            }
        }

        @Override
        public void onAcceptAlertNotification(AlertNotification alertNotification) {
            LOG.debug("bind {} ignored alert_notification", name);
        }

        @Override
        public DataSmResult onAcceptDataSm(DataSm dataSm, Session source) throws ProcessRequestException {
            throw new ProcessRequestException("data_sm is not supported; use deliver_sm", SMPPConstant.STAT_ESME_RINVCMDID);
        }
    }
}
