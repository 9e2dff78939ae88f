package id.betang.simulator.smsc;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.time.Duration;

import org.jsmpp.bean.AlertNotification;
import org.jsmpp.bean.BindType;
import org.jsmpp.bean.DataSm;
import org.jsmpp.bean.DeliverSm;
import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.TypeOfNumber;
import org.jsmpp.extra.ProcessRequestException;
import org.jsmpp.session.BindParameter;
import org.jsmpp.session.DataSmResult;
import org.jsmpp.session.MessageReceiverListener;
import org.jsmpp.session.SMPPSession;
import org.jsmpp.session.Session;

/** A bare jSMPP ESME bound as a transceiver to the simulator, for tests that look at what the SMSC delivers. */
final class TestEsme {

    /** What the test does with each deliver_sm; throwing answers it with that status. */
    interface OnDeliverSm {
        void accept(DeliverSm deliverSm) throws ProcessRequestException;
    }

    private TestEsme() {
    }

    /** Binds and returns once the simulator counts the session as bound. */
    static SMPPSession bind(SmscSimulator smsc, OnDeliverSm onDeliverSm, Duration wait) throws IOException {
        return bind(smsc, "", onDeliverSm, wait);
    }

    /** With the bind's system_type, as instances sharing one system_id tell themselves apart. */
    static SMPPSession bind(SmscSimulator smsc, String systemType, OnDeliverSm onDeliverSm, Duration wait)
            throws IOException {
        int before = smsc.boundSessions().size();
        SMPPSession esme = new SMPPSession();
        esme.setMessageReceiverListener(new MessageReceiverListener() {
            @Override
            public void onAcceptDeliverSm(DeliverSm deliverSm) throws ProcessRequestException {
                onDeliverSm.accept(deliverSm);
            }

            @Override
            public void onAcceptAlertNotification(AlertNotification alertNotification) {
            }

            @Override
            public DataSmResult onAcceptDataSm(DataSm dataSm, Session source) throws ProcessRequestException {
                throw new ProcessRequestException("not used here", 0x03);
            }
        });
        esme.connectAndBind("127.0.0.1", smsc.port(), new BindParameter(BindType.BIND_TRX, smsc.options().systemId(),
                smsc.options().password(), systemType, TypeOfNumber.UNKNOWN, NumberingPlanIndicator.UNKNOWN, null),
                wait.toMillis());
        await().atMost(wait).until(() -> smsc.boundSessions().size() > before);
        return esme;
    }
}
