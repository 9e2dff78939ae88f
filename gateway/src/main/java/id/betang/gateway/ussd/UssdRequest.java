package id.betang.gateway.ussd;

import java.util.List;
import java.util.Optional;

/**
 * One USSD step from any channel, normalised at the edge: no TLVs, no CON/END beyond this point.
 *
 * @param sessionKey identifies the dialogue across steps (MSISDN + session number, a vendor id, ...)
 * @param inputs     BEGIN: the inputs of a dialled shortcut (*777*1*2# → [1, 2]); CONTINUE: what was typed
 * @param replay     CONTINUE of a dialogue the gateway does not know (expired, or lost with Redis): start
 *                   over and replay these inputs; empty starts over on the first screen. The HTTP adapter
 *                   fills it from its aggregator's transcript; SMPP has nothing to replay.
 */
public record UssdRequest(String msisdn, String sessionKey, Kind kind, List<String> inputs, String channel,
                          List<String> replay) {

    public enum Kind { BEGIN, CONTINUE, ABORT }

    /** How the HTTP adapter's session keys begin: {@code http:{provider}:{its session id}}. */
    public static final String AGGREGATOR_SESSION = "http:";

    public UssdRequest {
        inputs = List.copyOf(inputs);
        replay = List.copyOf(replay);
    }

    public UssdRequest(String msisdn, String sessionKey, Kind kind, List<String> inputs, String channel) {
        this(msisdn, sessionKey, kind, inputs, channel, List.of());
    }

    /** The HTTP aggregator that relayed this step (its adapter keys sessions {@code http:{provider}:…}). */
    public Optional<String> aggregator() {
        if (!sessionKey.startsWith(AGGREGATOR_SESSION)) {
            return Optional.empty();
        }
        int end = sessionKey.indexOf(':', AGGREGATOR_SESSION.length());
        return end < 0 ? Optional.empty() : Optional.of(sessionKey.substring(AGGREGATOR_SESSION.length(), end));
    }

    public String input() {
        return inputs.isEmpty() ? "" : inputs.get(0);
    }
}
