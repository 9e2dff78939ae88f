package id.betang.simulator.smsc;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.jsmpp.bean.DataCodings;
import org.jsmpp.bean.DeliverSm;
import org.jsmpp.bean.ESMClass;
import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.OptionalParameter;
import org.jsmpp.bean.RegisteredDelivery;
import org.jsmpp.bean.TypeOfNumber;
import org.jsmpp.session.SMPPSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The simulator's own side of the wire against 3GPP TS 23.038: what its phones put in deliver_sm, and how it
 * reads the submit_sm an ESME sends, for the whole default alphabet and extension table. The ESME here is a
 * bare jSMPP session, not the gateway, so the vectors meet nothing but the simulator.
 */
class SimulatorGsmVectorsTest {

    /** The gateway module's table typed from the specification; tests run in the module's own directory. */
    static final Path VECTORS = Path.of("../gateway/src/test/resources/gsm0338/ts-23.038-default-alphabet.tsv");
    static final Duration WAIT = Duration.ofSeconds(30);

    SmscSimulator smsc;
    SMPPSession esme;
    final List<DeliverSm> delivered = new CopyOnWriteArrayList<>();

    /** The alphabet as one text and as the septets of short_message (one per octet, escape before extensions). */
    record Alphabet(String text, byte[] septets) {
        static Alphabet read() throws Exception {
            StringBuilder text = new StringBuilder();
            ByteArrayOutputStream septets = new ByteArrayOutputStream();
            for (String line : Files.readAllLines(VECTORS, StandardCharsets.UTF_8)) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split("\t");
                if (f[0].equals("extension")) {
                    septets.write(0x1B);
                }
                septets.write(Integer.parseInt(f[1], 16));
                text.appendCodePoint(Integer.parseInt(f[2], 16));
            }
            return new Alphabet(text.toString(), septets.toByteArray());
        }
    }

    @BeforeEach
    void bind() throws Exception {
        smsc = new SmscSimulator(SmscSimulator.Options.defaults(0)).start();
        esme = TestEsme.bind(smsc, delivered::add, WAIT);
    }

    @AfterEach
    void unbind() {
        esme.unbindAndClose();
        smsc.close();
    }

    @Test
    void theWholeAlphabetInOneVector() throws Exception {
        Alphabet alphabet = Alphabet.read();
        assertEquals(127 + 10, alphabet.text().codePointCount(0, alphabet.text().length()), "basic less the escape, and 10");
        assertEquals(127 + 2 * 10, alphabet.septets().length);
    }

    @Test
    void aPhoneSendsTheSpecsSeptets() throws Exception {
        Alphabet alphabet = Alphabet.read();
        smsc.phone("6281234567890").sendSms("7777", alphabet.text()); // 147 septets: one deliver_sm
        await().atMost(WAIT).until(() -> delivered.size() == 1);
        DeliverSm sms = delivered.get(0);
        assertEquals(0x00, sms.getDataCoding(), "GSM 7-bit default alphabet");
        assertArrayEquals(alphabet.septets(), sms.getShortMessage());
    }

    @Test
    void theSpecsSeptetsReachThePhoneAsTheirCharacters() throws Exception {
        Alphabet alphabet = Alphabet.read();
        esme.submitShortMessage("", TypeOfNumber.UNKNOWN, NumberingPlanIndicator.UNKNOWN, "7777",
                TypeOfNumber.INTERNATIONAL, NumberingPlanIndicator.ISDN, "6281234567890", new ESMClass(), (byte) 0,
                (byte) 0, null, null, new RegisteredDelivery(0), (byte) 0, DataCodings.newInstance((byte) 0x00), (byte) 0,
                alphabet.septets());
        SmsInbox.Sms sms = smsc.phone("6281234567890").awaitSms(WAIT);
        assertNotNull(sms, "the SMS reached the phone");
        assertEquals(alphabet.text(), sms.text());
        assertEquals(alphabet.text(), smsc.received().get(0).text(), "and the SMSC's record of it");
    }

    @Test
    void aUssdScreenAndTheAnswerToItCarryTheSpecsSeptets() throws Exception {
        Alphabet alphabet = Alphabet.read();
        SimulatedPhone phone = smsc.phone("6281234567890");
        // the phone blocks until its screen arrives, so it dials (and later answers) on another thread
        CompletableFuture<SimulatedPhone.Screen> screen = CompletableFuture.supplyAsync(() -> step(() -> phone.dial("*777#")));
        await().atMost(WAIT).until(() -> delivered.size() == 1);
        short session = ((OptionalParameter.Short) delivered.get(0).getOptionalParameter(OptionalParameter.Tag.ITS_SESSION_INFO))
                .getValue();
        // the screen: a USSR request (ussd_service_op 2) in the same dialogue, with the next sequence number
        esme.submitShortMessage("USSD", TypeOfNumber.UNKNOWN, NumberingPlanIndicator.UNKNOWN, "777",
                TypeOfNumber.INTERNATIONAL, NumberingPlanIndicator.ISDN, "6281234567890", new ESMClass(), (byte) 0,
                (byte) 0, null, null, new RegisteredDelivery(0), (byte) 0, DataCodings.newInstance((byte) 0x00), (byte) 0,
                alphabet.septets(), new OptionalParameter.Ussd_service_op((byte) 2),
                new OptionalParameter.Its_session_info((short) ((session & 0xFF00) | 0x02)));
        assertEquals(alphabet.text(), screen.get(WAIT.toSeconds(), TimeUnit.SECONDS).text(), "the screen the phone shows");

        // no screen follows the answer here: the phone's own wait for one runs out in the background, unused
        CompletableFuture.runAsync(() -> step(() -> phone.send(alphabet.text())));
        await().atMost(WAIT).until(() -> delivered.size() == 2);
        DeliverSm answer = delivered.get(1);
        assertEquals(0x00, answer.getDataCoding(), "GSM 7-bit default alphabet");
        assertArrayEquals(alphabet.septets(), answer.getShortMessage(), "the answer the phone sends");
    }

    private interface Step {
        SimulatedPhone.Screen take() throws Exception;
    }

    private static SimulatedPhone.Screen step(Step step) {
        try {
            return step.take();
        } catch (Exception e) {
            throw new CompletionException(e);
        }
    }
}
