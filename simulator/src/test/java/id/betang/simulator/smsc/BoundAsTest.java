package id.betang.simulator.smsc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;

import org.jsmpp.bean.DataCodings;
import org.jsmpp.bean.ESMClass;
import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.RegisteredDelivery;
import org.jsmpp.bean.TypeOfNumber;
import org.jsmpp.session.SMPPSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Two ESMEs share the account's system_id, as gateway instances do, and tell themselves apart by their bind's
 * system_type: the SMSC's record of each submit_sm names the one it came over (the scale suite counts dialogues
 * that moved between instances by it).
 */
class BoundAsTest {

    static final Duration WAIT = Duration.ofSeconds(30);

    final SmscSimulator smsc = new SmscSimulator(SmscSimulator.Options.defaults(0));
    SMPPSession first;
    SMPPSession second;

    @AfterEach
    void close() {
        for (SMPPSession s : new SMPPSession[] {first, second}) {
            if (s != null) {
                s.unbindAndClose();
            }
        }
        smsc.close();
    }

    @Test
    void eachSubmitSmIsRecordedWithTheSystemTypeOfItsBind() throws Exception {
        smsc.start();
        first = TestEsme.bind(smsc, "gw1", deliver -> { }, WAIT);
        second = TestEsme.bind(smsc, "gw2", deliver -> { }, WAIT);
        submit(second, "dari dua");
        submit(first, "dari satu");
        assertEquals(List.of("gw2 dari dua", "gw1 dari satu"),
                smsc.received().stream().map(mt -> mt.boundAs() + " " + mt.text()).toList());
    }

    private static void submit(SMPPSession esme, String text) throws Exception {
        esme.submitShortMessage("", TypeOfNumber.UNKNOWN, NumberingPlanIndicator.UNKNOWN, "7777",
                TypeOfNumber.INTERNATIONAL, NumberingPlanIndicator.ISDN, "6281234567890", new ESMClass(), (byte) 0,
                (byte) 0, null, null, new RegisteredDelivery(0), (byte) 0, DataCodings.newInstance((byte) 0x00), (byte) 0,
                text.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    }
}
