package id.betang.simulator.smsc;

import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

import org.jsmpp.bean.DataCodings;
import org.jsmpp.bean.ESMClass;
import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.OptionalParameter;
import org.jsmpp.bean.RegisteredDelivery;
import org.jsmpp.bean.TypeOfNumber;
import org.jsmpp.session.SMPPServerSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Delivery receipts as SMSCs send them: esm_class 0x04, the classic text and the TLVs. */
final class Receipts {

    private static final Logger LOG = LoggerFactory.getLogger(Receipts.class);
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyMMddHHmm");

    private Receipts() {
    }

    static void send(SmscSimulator smsc, SMPPServerSession preferred, MtRecord mt, String receiptId, String stat) {
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
            SMPPServerSession session = preferred.getSessionState().isReceivable() ? preferred : smsc.anyBound();
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
