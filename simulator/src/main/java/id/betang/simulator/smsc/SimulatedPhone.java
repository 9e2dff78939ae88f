package id.betang.simulator.smsc;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
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
    /** Some networks send no its_session_info at all; then nothing in a step's PDU tells two presses apart. */
    private boolean sessionInfo = true;

    SimulatedPhone(SmscSimulator smsc, String msisdn) {
        this.smsc = smsc;
        this.msisdn = msisdn;
    }

    public String msisdn() {
        return msisdn;
    }

    /** From now on this phone's network leaves its_session_info off its USSD PDUs. */
    public SimulatedPhone withoutSessionInfo() {
        sessionInfo = false;
        return this;
    }

    /** What the phone shows after a step. */
    public record Screen(String text, boolean end, MtRecord pdu) {
    }

    /** Dials e.g. {@code *777#} or {@code *777*1#} and waits for the first screen. */
    public Screen dial(String code) throws IOException, InterruptedException {
        session = smsc.nextUssdSession(msisdn);
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

    /** How a phone's network splits a long SMS it sends. */
    public enum Concatenation { UDH_8BIT, UDH_16BIT, SAR_TLVS }

    /**
     * Sends an SMS to {@code shortCode}; long texts go as parts (UDH with an 8-bit reference). Returns once the
     * gateway answered each part, OK or with a temporary error (then the SMSC delivers that part again later).
     *
     * @return completes when the gateway took every part (deliver_sm_resp OK); fails when the SMSC gave up
     */
    public CompletableFuture<Void> sendSms(String shortCode, String text) throws IOException {
        return sendSms(shortCode, text, Concatenation.UDH_8BIT, null);
    }

    /**
     * Sends an SMS as the network would deliver it: one deliver_sm, or one per part.
     *
     * @param onlyParts when not null, only these part numbers are delivered (a part lost on the way)
     * @return completes when the gateway took every part delivered
     */
    public CompletableFuture<Void> sendSms(String shortCode, String text, Concatenation how,
                                           java.util.Set<Integer> onlyParts) throws IOException {
        List<CompletableFuture<Void>> taken = new ArrayList<>();
        int reference = (int) (System.nanoTime() & 0xFFFF);
        List<id.betang.gateway.smpp.SmsCodec.Part> parts = id.betang.gateway.smpp.SmsCodec.encode(text, reference);
        for (int i = 0; i < parts.size(); i++) {
            if (onlyParts != null && !onlyParts.contains(i + 1)) {
                continue;
            }
            id.betang.gateway.smpp.SmsCodec.Part part = parts.get(i);
            byte[] message = part.shortMessage();
            byte esm = 0;
            List<OptionalParameter> tlvs = new ArrayList<>();
            if (parts.size() > 1) {
                byte[] body = java.util.Arrays.copyOfRange(message, 6, message.length);
                switch (how) {
                    case UDH_8BIT -> esm = 0x40;
                    case UDH_16BIT -> {
                        esm = 0x40;
                        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(7 + body.length);
                        b.put((byte) 6).put((byte) 0x08).put((byte) 4).putShort((short) reference)
                                .put((byte) parts.size()).put((byte) (i + 1)).put(body);
                        message = b.array();
                    }
                    case SAR_TLVS -> {
                        message = body;
                        tlvs.add(new OptionalParameter.Sar_msg_ref_num((short) reference));
                        tlvs.add(new OptionalParameter.Sar_total_segments((byte) parts.size()));
                        tlvs.add(new OptionalParameter.Sar_segment_seqnum((byte) (i + 1)));
                    }
                }
            }
            taken.add(deliverSms(shortCode, esm, part.dataCoding(), message, tlvs));
        }
        return CompletableFuture.allOf(taken.toArray(new CompletableFuture[0]));
    }

    /** Waits for the next whole SMS from the gateway; null when none came in time. */
    public SmsInbox.Sms awaitSms(Duration wait) throws InterruptedException {
        return smsc.smsInbox(msisdn).await(wait);
    }

    /** SMS received and not read yet, without waiting. */
    public List<SmsInbox.Sms> drainSms() {
        return smsc.smsInbox(msisdn).drain();
    }

    private CompletableFuture<Void> deliverSms(String shortCode, byte esmClass, byte dataCoding, byte[] message,
                                               List<OptionalParameter> tlvs) throws IOException {
        return smsc.deliverUntilTaken("SMS from " + msisdn, session -> session.deliverShortMessage("", TypeOfNumber.INTERNATIONAL,
                NumberingPlanIndicator.ISDN, msisdn, TypeOfNumber.UNKNOWN, NumberingPlanIndicator.UNKNOWN, shortCode,
                new ESMClass(esmClass), (byte) 0, (byte) 0, new RegisteredDelivery(0),
                DataCodings.newInstance(dataCoding), message, tlvs.toArray(new OptionalParameter[0])));
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
        if (sessionInfo) {
            tlvs.add(new OptionalParameter.Its_session_info((short) ((session << 8) | ((sequence & 0x7F) << 1) | (end ? 1 : 0))));
        }
        if (vendorSessionId != null) {
            tlvs.add(new OptionalParameter.OctetString(smsc.options().vendorSessionTag(), vendorSessionId));
        }
        smsc.deliver("USSD deliver_sm from " + msisdn, session -> session.deliverShortMessage("USSD",
                TypeOfNumber.INTERNATIONAL, NumberingPlanIndicator.ISDN, msisdn, TypeOfNumber.UNKNOWN,
                NumberingPlanIndicator.UNKNOWN, "777", new ESMClass(), (byte) 0, (byte) 0, new RegisteredDelivery(0),
                DataCodings.newInstance(encoded.dataCoding()), encoded.bytes(), tlvs.toArray(new OptionalParameter[0])));
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
                sequence = Math.max(sequence, mt.sequence() + 1); // the answer takes the next number
                if (mt.endOfSession() || mt.ussdServiceOp().getAsInt() == 17) {
                    session = -1;
                    return new Screen(mt.text(), true, mt);
                }
                return new Screen(mt.text(), false, mt);
            }
        }
    }
}
