package id.betang.simulator.smsc;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.jsmpp.SMPPConstant;
import org.jsmpp.extra.ProcessRequestException;
import org.jsmpp.session.SMPPSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The simulator redelivers an SMS as a store-and-forward SMSC does: after a temporary error or with nobody
 * bound, until the ESME takes it; never after a permanent error. The ESME is a bare jSMPP session that answers
 * deliver_sm as each test says.
 */
class MoRedeliveryTest {

    static final Duration WAIT = Duration.ofSeconds(60);

    SmscSimulator smsc = new SmscSimulator(SmscSimulator.Options.defaults(0));
    SMPPSession esme;
    final List<String> taken = new CopyOnWriteArrayList<>();

    /** What the ESME answers to the n-th deliver_sm (from 1): 0 takes it, else the error status. */
    @FunctionalInterface
    interface Answer {
        int to(int n);
    }

    @AfterEach
    void close() {
        if (esme != null) {
            esme.unbindAndClose();
        }
        smsc.close();
    }

    @Test
    void anSmsRefusedForNowIsDeliveredAgainUntilTaken() throws Exception {
        smsc.start();
        bind(n -> n <= 2 ? SMPPConstant.STAT_ESME_RX_T_APPN : 0);
        CompletableFuture<Void> done = smsc.phone("6281234567890").sendSms("7777", "ADUAN jalan rusak");
        done.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertEquals(List.of("ADUAN jalan rusak"), taken, "taken once, on the third delivery");
        assertEquals(2, smsc.moRedeliveries());
        assertEquals(1, smsc.moTaken());
        assertEquals(0, smsc.moAwaitingRedelivery());
    }

    @Test
    void anSmsSentWhileNoGatewayIsBoundArrivesOnceOneBinds() throws Exception {
        smsc.start();
        CompletableFuture<Void> done = smsc.phone("6281234567890").sendSms("7777", "STOP");
        await().atMost(WAIT).until(() -> smsc.moRedeliveries() >= 1);
        assertFalse(done.isDone(), "nobody took it yet");
        bind(n -> 0);
        done.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertEquals(List.of("STOP"), taken);
    }

    @Test
    void aPermanentErrorEndsIt() throws Exception {
        smsc.start();
        bind(n -> SMPPConstant.STAT_ESME_RX_P_APPN);
        assertThrows(IOException.class, () -> smsc.phone("6281234567890").sendSms("7777", "ADUAN"));
        assertEquals(0, smsc.moRedeliveries());
        assertEquals(1, smsc.moRefused());
    }

    @Test
    void aPermanentErrorOnARedeliveryFailsTheSms() throws Exception {
        smsc.start();
        bind(n -> n == 1 ? SMPPConstant.STAT_ESME_RTHROTTLED : SMPPConstant.STAT_ESME_RX_R_APPN);
        CompletableFuture<Void> done = smsc.phone("6281234567890").sendSms("7777", "ADUAN");
        ExecutionException failed = assertThrows(ExecutionException.class, () -> done.get(WAIT.toSeconds(), TimeUnit.SECONDS));
        assertTrue(failed.getCause() instanceof IOException, failed.toString());
        assertTrue(taken.isEmpty());
    }

    private void bind(Answer answer) throws IOException {
        AtomicInteger deliveries = new AtomicInteger();
        esme = TestEsme.bind(smsc, deliverSm -> {
            int status = answer.to(deliveries.incrementAndGet());
            if (status != 0) {
                throw new ProcessRequestException("answered as the test says", status);
            }
            taken.add(new String(deliverSm.getShortMessage(), java.nio.charset.StandardCharsets.ISO_8859_1));
        }, WAIT);
    }
}
