package id.betang.gateway.smpp;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import id.betang.gateway.config.GatewayConfig;

/**
 * The one outbound port: a destination, a text and what it is (an SMS with or without a receipt, or a USSD
 * screen on the session it answers) in; submit_sm PDUs out. Everything SMPP-shaped about an MT happens here
 * and nowhere else: GSM 7-bit or UCS-2, splitting and UDH, esm_class, data_coding, TLVs, TON/NPI, the
 * source address, and the canonical form of the message ids the SMSC answers with. Blocking: call from
 * worker threads.
 */
public final class MtSubmitter {

    /** esm_class bit 6: the short message starts with a user data header (concatenation). */
    private static final byte UDHI = 0x40;

    private final SmscBinds binds;
    private final GatewayConfig.Addressing addressing;
    private final String shortCode;
    private final MessageIds.Format submitIds;
    private final UssdPdus ussd;

    public MtSubmitter(SmscBinds binds, GatewayConfig.Smpp smpp, UssdProfile profile, String shortCode) {
        this.binds = binds;
        this.addressing = smpp.addressing();
        this.shortCode = shortCode;
        this.submitIds = MessageIds.Format.parse(smpp.messageIdFormat());
        this.ussd = new UssdPdus(profile);
    }

    /** True while at least one bind is up that may transmit. */
    public boolean canSend() {
        return binds.canTransmit();
    }

    /** Binds that transmit, for senders that size their work to all of them. */
    public int transmitters() {
        return binds.transmitters();
    }

    /**
     * Submits the parts of an SMS that the SMSC has not yet accepted, in order, stopping at the first
     * failure.
     *
     * @param reference    tells this message's parts from another's in the concatenation header
     * @param skip         part numbers (from 1) accepted by an earlier attempt
     * @param withReceipt  ask the SMSC for a delivery receipt
     */
    public SmsSubmission sms(String msisdn, String text, int reference, Set<Integer> skip, boolean withReceipt) {
        List<SmsCodec.Part> parts = SmsCodec.encode(text, reference);
        List<AcceptedPart> accepted = new ArrayList<>();
        for (int i = 0; i < parts.size(); i++) {
            int partNo = i + 1;
            if (skip.contains(partNo)) {
                continue;
            }
            SmsCodec.Part part = parts.get(i);
            SmscBind.Mt mt = new SmscBind.Mt("", addressing.sourceTon(), addressing.sourceNpi(), shortCode,
                    addressing.destTon(), addressing.destNpi(), msisdn, part.udhi() ? UDHI : 0, part.dataCoding(),
                    part.shortMessage(), withReceipt);
            try {
                SmscBind bind = binds.pick(null).orElseThrow(() -> new SubmitFailure("no bind is up", true, false, null));
                accepted.add(new AcceptedPart(partNo, MessageIds.canonical(bind.submit(mt, false), submitIds)));
            } catch (SubmitFailure f) {
                return new SmsSubmission(parts.size(), accepted, Optional.of(f));
            }
        }
        return new SmsSubmission(parts.size(), accepted, Optional.empty());
    }

    /**
     * Sends one USSD screen answering {@code mo} on its session: continue (USSR request) or final (PSSR
     * response), on the bind the dialogue came in on when it can transmit. Urgent: a resident is holding
     * the phone, so it passes bulk SMS: their TPS queue, a throttling pause and their share of the window.
     */
    public void ussdScreen(SmscBind arrivedOn, MoUssd mo, String text, boolean end) throws SubmitFailure {
        GsmCodec.Encoded encoded = GsmCodec.encode(text);
        SmscBind.Mt mt = new SmscBind.Mt("USSD", (byte) 0, (byte) 0, ussd.sourceAddr(), addressing.destTon(),
                addressing.destNpi(), mo.msisdn(), (byte) 0, encoded.dataCoding(), encoded.bytes(), false,
                ussd.replyTlvs(mo, end));
        SmscBind bind = binds.pick(arrivedOn).orElseThrow(() -> new SubmitFailure("no bind is up", true, false, null));
        bind.submit(mt, true);
    }

    /**
     * What became of one SMS: how many parts it has, those accepted this time with their canonical SMSC
     * ids, and the failure that stopped the rest, if one did.
     */
    public record SmsSubmission(int parts, List<AcceptedPart> accepted, Optional<SubmitFailure> failure) {
    }

    /** A part the SMSC accepted, with its id in the canonical form receipts are matched in. */
    public record AcceptedPart(int partNo, String messageId) {
    }
}
