package id.betang.gateway.smpp;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.jsmpp.SMPPConstant;
import org.jsmpp.bean.AlertNotification;
import org.jsmpp.bean.BindType;
import org.jsmpp.bean.DataSm;
import org.jsmpp.bean.DeliverSm;
import org.jsmpp.bean.ESMClass;
import org.jsmpp.bean.DataCodings;
import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.OptionalParameter;
import org.jsmpp.bean.RegisteredDelivery;
import org.jsmpp.bean.TypeOfNumber;
import org.jsmpp.extra.ProcessRequestException;
import org.jsmpp.extra.SessionState;
import org.jsmpp.session.BindParameter;
import org.jsmpp.session.DataSmResult;
import org.jsmpp.session.MessageReceiverListener;
import org.jsmpp.session.SMPPSession;
import org.jsmpp.session.Session;
import org.jsmpp.session.SubmitSmResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import id.betang.gateway.config.GatewayConfig;

/**
 * One bind_transceiver to the SMSC, kept up by its own thread: bind, wait until the link is lost,
 * back off with jitter, bind again, until stopped. jSMPP answers deliver_sm when the listener returns,
 * so the listener only checks the PDU and hands it to {@link Receiver}; the work happens elsewhere.
 */
public final class SmscBind {

    private static final Logger LOG = LoggerFactory.getLogger(SmscBind.class);

    /** Where PDUs from the SMSC go. Throwing {@link MalformedPduException} answers with its status. */
    public interface Receiver {
        void onDeliverSm(SmscBind bind, DeliverSm pdu) throws MalformedPduException;
    }

    public enum State { CONNECTING, BOUND, BACKING_OFF, STOPPED }

    private final String name;
    private final GatewayConfig.Smpp config;
    private final Receiver receiver;
    private final Backoff backoff = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(60));
    private final Thread keeper;
    private volatile State state = State.CONNECTING;
    private volatile SMPPSession session;
    private volatile boolean stopping;
    private volatile String lastProblem = "";

    public SmscBind(String name, GatewayConfig.Smpp config, Receiver receiver) {
        this.name = name;
        this.config = config;
        this.receiver = receiver;
        this.keeper = new Thread(this::keepBound, "smpp-" + name);
        this.keeper.setDaemon(true);
    }

    public void start() {
        keeper.start();
    }

    public String name() {
        return name;
    }

    public State state() {
        return state;
    }

    /** Why the last bind attempt failed or the link was lost: for /ready and logs. */
    public String lastProblem() {
        return lastProblem;
    }

    private void keepBound() {
        while (!stopping) {
            state = State.CONNECTING;
            SMPPSession s = new SMPPSession();
            s.setEnquireLinkTimer((int) config.enquireLink().toMillis());
            s.setTransactionTimer(config.responseTimeout().toMillis());
            s.setMessageReceiverListener(new Listener());
            CountDownLatch lost = new CountDownLatch(1);
            s.addSessionStateListener((newState, oldState, source) -> {
                if (newState == SessionState.CLOSED) {
                    lost.countDown();
                }
            });
            try {
                s.connectAndBind(config.host(), config.port(), new BindParameter(BindType.BIND_TRX, config.systemId(),
                        config.password(), config.systemType(), TypeOfNumber.UNKNOWN, NumberingPlanIndicator.UNKNOWN,
                        null), config.responseTimeout().toMillis());
                session = s;
                state = State.BOUND;
                backoff.reset();
                lastProblem = "";
                LOG.info("bind {} up: bind_transceiver to {}:{} as {}", name, config.host(), config.port(), config.systemId());
                lost.await();
                if (!stopping) {
                    lastProblem = "link lost";
                    LOG.warn("bind {} lost its link to {}:{}; rebinding", name, config.host(), config.port());
                }
            } catch (IOException e) {
                lastProblem = e.getMessage();
                LOG.warn("bind {} to {}:{} failed: {}", name, config.host(), config.port(), e.getMessage());
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

    /**
     * Sends one submit_sm and waits for its response. Blocking: call from a worker thread.
     *
     * @return the SMSC's message id
     */
    public String submit(Mt mt) throws IOException {
        SMPPSession s = session;
        if (s == null || state != State.BOUND) {
            throw new IOException("bind " + name + " is not bound");
        }
        try {
            SubmitSmResult result = s.submitShortMessage(mt.serviceType(), TypeOfNumber.valueOf(mt.sourceTon()),
                    NumberingPlanIndicator.valueOf(mt.sourceNpi()), mt.source(), TypeOfNumber.INTERNATIONAL,
                    NumberingPlanIndicator.ISDN, mt.destination(), new ESMClass(), (byte) 0, (byte) 0, null, null,
                    new RegisteredDelivery(mt.registeredDelivery() ? 1 : 0), (byte) 0,
                    DataCodings.newInstance(mt.dataCoding()), (byte) 0, mt.message(), mt.tlvs());
            return result.getMessageId();
        } catch (org.jsmpp.PDUException | org.jsmpp.extra.ResponseTimeoutException
                 | org.jsmpp.InvalidResponseException | org.jsmpp.extra.NegativeResponseException e) {
            throw new IOException("submit_sm on bind " + name + " failed: " + e.getMessage(), e);
        }
    }

    /** Stops taking work, unbinds politely and waits briefly for the keeper thread. */
    public void stop() {
        stopping = true;
        SMPPSession s = session;
        if (s != null) {
            s.unbindAndClose();
        }
        keeper.interrupt();
        try {
            keeper.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        state = State.STOPPED;
    }

    /** An MT ready for the wire; built by the channels, sent here. */
    public record Mt(String serviceType, byte sourceTon, byte sourceNpi, String source, String destination,
                     byte dataCoding, byte[] message, boolean registeredDelivery, OptionalParameter... tlvs) {
    }

    private final class Listener implements MessageReceiverListener {

        @Override
        public void onAcceptDeliverSm(DeliverSm deliverSm) throws ProcessRequestException {
            try {
                receiver.onDeliverSm(SmscBind.this, deliverSm);
            } catch (MalformedPduException e) {
                LOG.warn("bind {} refused deliver_sm seq {}: {} (status 0x{})", name, deliverSm.getSequenceNumber(),
                        e.getMessage(), Integer.toHexString(e.commandStatus()));
                if (LOG.isDebugEnabled()) {
                    LOG.debug("refused deliver_sm short_message hex {}", java.util.HexFormat.of()
                            .formatHex(deliverSm.getShortMessage() == null ? new byte[0] : deliverSm.getShortMessage()));
                }
                throw new ProcessRequestException(e.getMessage(), e.commandStatus());
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
