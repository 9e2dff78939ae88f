package id.betang.simulator.smsc;

import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.jsmpp.bean.DataCodings;
import org.jsmpp.bean.ESMClass;
import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.OptionalParameter;
import org.jsmpp.bean.RegisteredDelivery;
import org.jsmpp.bean.TypeOfNumber;
import org.jsmpp.session.SMPPServerSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivery receipts as SMSCs send them, a while after the MT was taken: esm_class 0x04, the classic
 * {@code id:… stat:…} text and the receipted_message_id and message_state TLVs. None while {@code no-dlr} is on.
 */
final class Receipts {

    private static final Logger LOG = LoggerFactory.getLogger(Receipts.class);
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyMMddHHmm");

    private final ScheduledExecutorService later;
    private final BoundSessions bound;
    private final Misbehaviours misbehaviours;
    private final int delayMs;
    private final String stat;

    /**
     * @param delayMs how long after the submit_sm_resp the receipt goes out
     * @param stat    its outcome: DELIVRD, UNDELIV, EXPIRED, REJECTD
     */
    Receipts(ScheduledExecutorService later, BoundSessions bound, Misbehaviours misbehaviours, int delayMs, String stat) {
        this.later = later;
        this.bound = bound;
        this.misbehaviours = misbehaviours;
        this.delayMs = delayMs;
        this.stat = stat;
    }

    /** Schedules the receipt for an MT that asked for one, on the session it came from while that is up. */
    void scheduleFor(MtRecord mt, String receiptId, SMPPServerSession preferred) {
        if (misbehaviours.noDlr()) {
            return;
        }
        later.schedule(() -> send(preferred, mt, receiptId), delayMs, TimeUnit.MILLISECONDS);
    }

    private void send(SMPPServerSession preferred, MtRecord mt, String receiptId) {
        String now = LocalDateTime.now().format(STAMP);
        String text = "id:" + receiptId + " sub:001 dlvrd:" + ("DELIVRD".equals(stat) ? "001" : "000")
                + " submit date:" + now + " done date:" + now + " stat:" + stat + " err:000 text:";
        byte state = switch (stat) {
            case "DELIVRD" -> 2;
            case "EXPIRED" -> 3;
            case "UNDELIV" -> 5;
            case "REJECTD" -> 8;
            default -> 7;
        };
        try {
            SMPPServerSession session = preferred.getSessionState().isReceivable() ? preferred : bound.any();
            session.deliverShortMessage("", TypeOfNumber.INTERNATIONAL, NumberingPlanIndicator.ISDN, mt.destination(),
                    TypeOfNumber.UNKNOWN, NumberingPlanIndicator.UNKNOWN, mt.source(), new ESMClass(0x04), (byte) 0,
                    (byte) 0, new RegisteredDelivery(0), DataCodings.newInstance((byte) 0),
                    text.getBytes(StandardCharsets.ISO_8859_1),
                    new OptionalParameter.Receipted_message_id(receiptId), new OptionalParameter.Message_state(state));
        } catch (Exception e) {
            // as a real SMSC would, it tries once and moves on; tests of receipts keep the link up
            LOG.info("receipt for {} not delivered: {}", mt.messageId(), e.getMessage());
        }
    }
}
