package id.betang.gateway.ussd;

import java.util.List;

/**
 * One USSD step from any channel, normalised at the edge: no TLVs, no CON/END beyond this point.
 *
 * @param sessionKey identifies the dialogue across steps (MSISDN + session number, a vendor id, ...)
 * @param inputs     BEGIN: the inputs of a dialled shortcut (*777*1*2# → [1, 2]); CONTINUE: what was typed
 */
public record UssdRequest(String msisdn, String sessionKey, Kind kind, List<String> inputs, String channel) {

    public enum Kind { BEGIN, CONTINUE, ABORT }

    public UssdRequest {
        inputs = List.copyOf(inputs);
    }

    public String input() {
        return inputs.isEmpty() ? "" : inputs.get(0);
    }
}
