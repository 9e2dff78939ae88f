package id.betang.simulator.bench;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
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
import org.jsmpp.extra.ProcessRequestException;
import org.jsmpp.session.BindParameter;
import org.jsmpp.session.DataSmResult;
import org.jsmpp.session.MessageReceiverListener;
import org.jsmpp.session.SMPPSession;
import org.jsmpp.session.Session;

import id.betang.gateway.smpp.GsmCodec;
import id.betang.simulator.smsc.SmscSimulator;

/**
 * The peer the USSD capacity is measured against: a bare jSMPP ESME that answers each USSD deliver_sm with
 * one submit_sm (the text echoed back; "0" ends the dialogue, as the menus' last step does), with no Redis,
 * no registry, no menus. Stepped by the same load generator on the same simulator, it gives the ceiling of
 * simulator + load generator + machine. Its latency is measured as the gateway's is: deliver_sm in → reply
 * handed to the bind (the submit_sm's own round trip is not counted, as the gateway's log does not count it).
 */
final class EchoEsme implements StepLatency, AutoCloseable {

    /** Like the gateway's window: replies in flight at once per bind. */
    private static final int WINDOW = 10;
    private static final long LONGEST_MICROS = 60_000_000L;

    private final List<SMPPSession> binds = new ArrayList<>();
    private final ExecutorService senders;
    private final Recorder latency = new Recorder(LONGEST_MICROS, 3);
    private final AtomicLong failed = new AtomicLong();

    private EchoEsme(int binds) {
        this.senders = Executors.newFixedThreadPool(WINDOW * binds, r -> {
            Thread t = new Thread(r, "echo-esme");
            t.setDaemon(true);
            return t;
        });
    }

    /** Binds {@code binds} transceivers to the simulator (the gateway's bench uses 2). */
    static EchoEsme bind(SmscSimulator smsc, int binds) throws IOException {
        EchoEsme echo = new EchoEsme(binds);
        for (int i = 0; i < binds; i++) {
            SMPPSession session = new SMPPSession();
            session.setMessageReceiverListener(echo.listenerFor(session));
            session.connectAndBind("127.0.0.1", smsc.port(), new BindParameter(BindType.BIND_TRX,
                    smsc.options().systemId(), smsc.options().password(), "", TypeOfNumber.UNKNOWN,
                    NumberingPlanIndicator.UNKNOWN, null), 10_000);
            echo.binds.add(session);
        }
        return echo;
    }

    /** In-ESME latency per step since the previous call, in microseconds. */
    @Override
    public Histogram interval() {
        return latency.getIntervalHistogram();
    }

    /** Replies the simulator refused or that failed on the link, since the start. */
    long failed() {
        return failed.get();
    }

    private MessageReceiverListener listenerFor(SMPPSession session) {
        return new MessageReceiverListener() {
            @Override
            public void onAcceptDeliverSm(DeliverSm deliverSm) {
                long received = System.nanoTime();
                if (deliverSm.getOptionalParameter(OptionalParameter.Tag.USSD_SERVICE_OP) != null) {
                    senders.execute(() -> reply(session, deliverSm, received));
                }
            }

            @Override
            public void onAcceptAlertNotification(AlertNotification alertNotification) {
            }

            @Override
            public DataSmResult onAcceptDataSm(DataSm dataSm, Session source) throws ProcessRequestException {
                throw new ProcessRequestException("not used", 0x03);
            }
        };
    }

    private void reply(SMPPSession session, DeliverSm mo, long received) {
        String input = GsmCodec.decode(mo.getDataCoding(), mo.getShortMessage());
        OptionalParameter info = mo.getOptionalParameter(OptionalParameter.Tag.ITS_SESSION_INFO);
        int sessionNumber = info == null ? 0 : (((OptionalParameter.Short) info).getValue() >> 8) & 0xFF;
        int sequence = info == null ? 0 : (((OptionalParameter.Short) info).getValue() >> 1) & 0x7F;
        boolean end = input.equals("0");
        GsmCodec.Encoded text = GsmCodec.encode(end ? "Terima kasih" : "Echo " + input);
        try {
            latency.recordValue(Math.min((System.nanoTime() - received) / 1000, LONGEST_MICROS));
            session.submitShortMessage("USSD", TypeOfNumber.UNKNOWN, NumberingPlanIndicator.UNKNOWN, "777",
                    TypeOfNumber.INTERNATIONAL, NumberingPlanIndicator.ISDN, mo.getSourceAddr(), new ESMClass(),
                    (byte) 0, (byte) 0, null, null, new RegisteredDelivery(0), (byte) 0,
                    DataCodings.newInstance(text.dataCoding()), (byte) 0, text.bytes(),
                    new OptionalParameter.Ussd_service_op((byte) (end ? 17 : 2)),
                    new OptionalParameter.Its_session_info((short) ((sessionNumber << 8)
                            | (((sequence + 1) & 0x7F) << 1) | (end ? 1 : 0))));
        } catch (Exception e) {
            failed.incrementAndGet();
        }
    }

    @Override
    public void close() throws InterruptedException {
        binds.forEach(SMPPSession::unbindAndClose);
        senders.shutdownNow();
        senders.awaitTermination(10, TimeUnit.SECONDS);
    }
}
