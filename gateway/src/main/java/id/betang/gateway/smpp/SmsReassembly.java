package id.betang.gateway.smpp;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * How the parts of a concatenated MO SMS read as one message. Which parts belong together, and when to stop
 * waiting for the rest, is the inbox's business (its parts are durable rows); this joins what arrived, marking
 * the gaps rather than losing the resident's words when a part never came.
 */
public final class SmsReassembly {

    static final String GAP = " … ";

    private SmsReassembly() {
    }

    /** The parts' texts by sequence number, in order, each gap marked once with the spaces either side tidied. */
    public static MoSms join(MoSms any, Map<Integer, String> textBySequence, int total) {
        Map<Integer, String> bySeq = new TreeMap<>(textBySequence);
        // parts usually split mid-sentence, so a gap is marked with the spaces either side of it tidied
        String text = "";
        boolean gap = false;
        for (int seq = 1; seq <= total; seq++) {
            String t = bySeq.get(seq);
            if (t == null) {
                gap = true;
            } else if (gap) {
                text = (text.isEmpty() ? GAP.strip() + " " : text.stripTrailing() + GAP) + t.stripLeading();
                gap = false;
            } else {
                text += t;
            }
        }
        if (gap) {
            text = text.stripTrailing() + " " + GAP.strip();
        }
        return new MoSms(any.msisdn(), any.destination(), text, Optional.empty());
    }
}
