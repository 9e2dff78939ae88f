package id.betang.simulator.smsc;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.jsmpp.bean.DataCodings;
import org.jsmpp.bean.ESMClass;
import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.OptionalParameter;
import org.jsmpp.bean.RegisteredDelivery;
import org.jsmpp.bean.TypeOfNumber;

import id.betang.gateway.smpp.GsmCodec;

/**
 * A handset on the simulated network: dials a USSD code, answers screens, hangs up. Each call blocks
 * until the gateway's screen arrives (or the wait runs out), as a person holding the phone would.
 */
public final class SimulatedPhone {

    public static final Duration DEFAULT_WAIT = Duration.ofSeconds(10);

    private final SmscSimulator smsc;
    private final String msisdn;
    private int session = -1;
    private int sequence;
    private byte[] vendorSessionId;

    SimulatedPhone(SmscSimulator smsc, String msisdn) {
        this.smsc = smsc;
        this.msisdn = msisdn;
    }

    public String msisdn() {
        return msisdn;
    }

    /** What the phone shows after a step. */
    public record Screen(String text, boolean end, MtRecord pdu) {
    }

    /** Dials e.g. {@code *777#} or {@code *777*1#} and waits for the first screen. */
    public Screen dial(String code) throws IOException, InterruptedException {
        session = smsc.nextUssdSession();
        sequence = 0;
        vendorSessionId = smsc.options().vendorSessionTag() == null ? null
                : java.util.HexFormat.of().parseHex(String.format("%016x", System.nanoTime()));
        smsc.inbox(msisdn).clear();
        deliver(1, code, false);
        return awaitScreen(DEFAULT_WAIT);
    }

    /** Types an answer on the current screen and waits for the next one. */
    public Screen send(String input) throws IOException, InterruptedException {
        if (session < 0) {
            throw new IllegalStateException("dial first");
        }
        deliver(18, input, false);
        return awaitScreen(DEFAULT_WAIT);
    }

    /** The user presses cancel: the network releases the dialogue. */
    public void hangUp() throws IOException {
        if (session >= 0) {
            deliver(18, "", true);
            session = -1;
        }
    }

    /** Everything the phone received and has not read yet, without waiting. */
    public List<MtRecord> drain() {
        List<MtRecord> all = new ArrayList<>();
        smsc.inbox(msisdn).drainTo(all);
        return all;
    }

    private void deliver(int serviceOp, String text, boolean end) throws IOException {
        GsmCodec.Encoded encoded = GsmCodec.encode(text);
        List<OptionalParameter> tlvs = new ArrayList<>();
        tlvs.add(new OptionalParameter.Ussd_service_op((byte) serviceOp));
        tlvs.add(new OptionalParameter.Its_session_info((short) ((session << 8) | ((sequence & 0x7F) << 1) | (end ? 1 : 0))));
        if (vendorSessionId != null) {
            tlvs.add(new OptionalParameter.OctetString(smsc.options().vendorSessionTag(), vendorSessionId));
        }
        try {
            smsc.anyBound().deliverShortMessage("USSD", TypeOfNumber.INTERNATIONAL, NumberingPlanIndicator.ISDN, msisdn,
                    TypeOfNumber.UNKNOWN, NumberingPlanIndicator.UNKNOWN, "777", new ESMClass(), (byte) 0, (byte) 0,
                    new RegisteredDelivery(0), DataCodings.newInstance(encoded.dataCoding()), encoded.bytes(),
                    tlvs.toArray(new OptionalParameter[0]));
        } catch (org.jsmpp.PDUException | org.jsmpp.extra.ResponseTimeoutException
                 | org.jsmpp.InvalidResponseException | org.jsmpp.extra.NegativeResponseException e) {
            throw new IOException("deliver_sm from " + msisdn + " failed: " + e.getMessage(), e);
        }
    }

    private Screen awaitScreen(Duration wait) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            MtRecord mt = smsc.inbox(msisdn).poll(Math.max(0, left), TimeUnit.NANOSECONDS);
            if (mt == null) {
                throw new IOException("no screen for " + msisdn + " within " + wait.toMillis() + " ms");
            }
            if (mt.isUssd() && (mt.sessionNumber() == session || mt.sessionNumber() < 0)) {
                sequence = Math.max(sequence, mt.sequence());
                if (mt.endOfSession() || mt.ussdServiceOp().getAsInt() == 17) {
                    session = -1;
                    return new Screen(mt.text(), true, mt);
                }
                return new Screen(mt.text(), false, mt);
            }
        }
    }
}
