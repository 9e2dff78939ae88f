package id.betang.simulator.smsc;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.jsmpp.bean.BindType;
import org.jsmpp.bean.OptionalParameter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import id.betang.gateway.config.ConfigLoader;
import id.betang.gateway.config.GatewayConfig;
import id.betang.gateway.smpp.SmscBind;
import id.betang.gateway.smpp.SubmitFailure;
import id.betang.simulator.it.GatewayProcess;

/**
 * A USSD reply on a bind whose bulk SMS are stuck, against the simulator: bulk filling its share of the
 * window behind slow responses, or waiting out the pause after ESME_RTHROTTLED. The reply is asserted to
 * reach the SMSC ahead of the bulk that was waiting, never by how long it took.
 */
public class ResidentsAheadOfBulkTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final int WINDOW = 10;
    private static final String RESIDENT = "6281234567890";

    SmscSimulator smsc;
    SmscBind bind;
    ExecutorService bulkSenders = Executors.newCachedThreadPool();
    AtomicBoolean bulkRunning = new AtomicBoolean(true);

    @BeforeEach
    void bind() throws Exception {
        smsc = new SmscSimulator(SmscSimulator.Options.defaults(0)).start();
        GatewayConfig.Smpp config = smppConfig(smsc, WINDOW);
        bind = new SmscBind("lanes", config, BindType.BIND_TRX);
        bind.start((b, pdu) -> { });
        await().atMost(WAIT).until(() -> bind.state() == SmscBind.State.BOUND);
    }

    @AfterEach
    void stop() throws Exception {
        bulkRunning.set(false);
        smsc.misbehaviours().throttleEvery(0).slowRespMs(0);
        bulkSenders.shutdownNow();
        bulkSenders.awaitTermination(30, TimeUnit.SECONDS);
        bind.stop();
        smsc.close();
    }

    @Test
    void aUssdReplyFindsRoomWhileSlowBulkFillsItsShareOfTheWindow() throws Exception {
        smsc.misbehaviours().slowRespMs(1500);
        int bulkShare = WINDOW - reserved();
        List<Future<?>> bulk = new ArrayList<>();
        for (int i = 0; i < 2 * WINDOW; i++) {
            int n = i;
            bulk.add(bulkSenders.submit(() -> bind.submit(sms("bulk " + n), false)));
        }
        // bulk holds what it may of the window, the rest of it waits
        await().atMost(WAIT).until(() -> smsc.submits() >= bulkShare);

        String id = bind.submit(ussd("Status bantuan: AKTIF"), true);

        assertFalse(id.isBlank());
        for (Future<?> f : bulk) {
            f.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        }
        List<MtRecord> received = smsc.received();
        assertEquals(2 * WINDOW + 1, received.size());
        int ussdAt = indexOfUssd(received);
        assertTrue(ussdAt <= bulkShare, "the USSD reply came " + (ussdAt + 1) + "th, behind bulk that waited for the"
                + " window (only " + bulkShare + " bulk submit_sm could be in flight before it)");
        assertTrue(smsc.maxConcurrentSubmits() <= WINDOW, "both lanes together kept to the window: "
                + smsc.maxConcurrentSubmits());
    }

    @Test
    void aUssdReplyGoesOutWhileThrottledBulkWaitsOutItsPause() throws Exception {
        smsc.misbehaviours().throttleEvery(1);
        for (int i = 0; i < 2 * WINDOW; i++) {
            int n = i;
            bulkSenders.submit(() -> {
                // an impatient sender: tries again as soon as the bind lets it
                while (bulkRunning.get()) {
                    try {
                        bind.submit(sms("bulk " + n), false);
                        return null;
                    } catch (SubmitFailure throttled) {
                        // the bind paused bulk: the next try waits that out
                    }
                }
                return null;
            });
        }
        // throttled again and again: bulk on this bind now waits out a pause of seconds
        await().atMost(WAIT).until(() -> bind.bulkPausedFor().compareTo(Duration.ofSeconds(3)) > 0);
        assertEquals(0, smsc.received().size(), "every bulk submit_sm so far was throttled");
        smsc.misbehaviours().throttleEvery(0);

        bind.submit(ussd("Jadwal pasar: Kamis"), true);

        // when the pause is over the bulk goes out too, after the reply
        await().atMost(WAIT).until(() -> smsc.received().size() == 2 * WINDOW + 1);
        assertEquals(0, indexOfUssd(smsc.received()), "the first MT the SMSC took after the throttling was bulk");
    }

    @Test
    void aThrottledUssdReplyIsTriedOnceMoreAtOnce() throws Exception {
        // every 2nd submit_sm throttled: every other reply meets ESME_RTHROTTLED first
        smsc.misbehaviours().throttleEvery(2);
        for (int i = 0; i < 6; i++) {
            bind.submit(ussd("Layar " + i), true);
        }
        assertEquals(6, smsc.received().size());
        assertEquals(11, smsc.submits(), "5 of the 6 replies were throttled once and sent again");
    }

    /** The SMPP settings a test gateway has, bound to {@code smsc}, with this window (LanesBench too). */
    public static GatewayConfig.Smpp smppConfig(SmscSimulator smsc, int window) {
        Map<String, String> env = GatewayProcess.env(smsc.port(), "jdbc:mysql://127.0.0.1:9/unused", "redis://127.0.0.1:9",
                "lanes");
        env.put("BETANG_SMPP_WINDOW", String.valueOf(window));
        return ConfigLoader.load((Path) null, env).smpp();
    }

    private static int reserved() {
        // a fifth of the window, rounded up (SmscBind.reservedForUssd)
        return (WINDOW + 4) / 5;
    }

    private static int indexOfUssd(List<MtRecord> received) {
        for (int i = 0; i < received.size(); i++) {
            if (received.get(i).ussdServiceOp().isPresent()) {
                return i;
            }
        }
        throw new AssertionError("no USSD reply reached the SMSC");
    }

    /** A plain SMS, as the outbox sends it. */
    public static SmscBind.Mt sms(String text) {
        return new SmscBind.Mt("", (byte) 1, (byte) 1, "1717", (byte) 1, (byte) 1, "6281300000000", (byte) 0, (byte) 0,
                text.getBytes(StandardCharsets.US_ASCII), false);
    }

    /** A final USSD screen (PSSR response) to the resident. */
    public static SmscBind.Mt ussd(String text) {
        return new SmscBind.Mt("USSD", (byte) 0, (byte) 0, "*123#", (byte) 1, (byte) 1, RESIDENT, (byte) 0, (byte) 0,
                text.getBytes(StandardCharsets.US_ASCII), false,
                new OptionalParameter.Byte(OptionalParameter.Tag.USSD_SERVICE_OP, (byte) 17));
    }
}
