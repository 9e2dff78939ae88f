package id.betang.gateway.ussd;

import java.util.List;

/**
 * One USSD step from any channel, normalised at the edge: no TLVs, no CON/END beyond this point.
 *
 * @param sessionKey identifies the dialogue across steps (MSISDN + session number, a vendor id, ...)
 * @param inputs     BEGIN: the inputs of a dialled shortcut (*777*1*2# → [1, 2]); CONTINUE: what was typed
 * @param transcript HTTP aggregators send every input so far joined by {@code *} instead of the latest one;
 *                   null for channels that send one input per step
 */
public record UssdRequest(String msisdn, String sessionKey, Kind kind, List<String> inputs, String channel,
                          String transcript) {

    public enum Kind { BEGIN, CONTINUE, ABORT }

    public UssdRequest {
        inputs = List.copyOf(inputs);
    }

    public UssdRequest(String msisdn, String sessionKey, Kind kind, List<String> inputs, String channel) {
        this(msisdn, sessionKey, kind, inputs, channel, null);
    }

    public String input() {
        return inputs.isEmpty() ? "" : inputs.get(0);
    }
}
