package id.betang.gateway.ussd;

import java.util.List;
import java.util.Optional;

import id.betang.menus.ServiceCodes;

/**
 * The dialled string: {@code *777#} starts the menu, {@code *777*1*2#} starts it and replays 1 then 2.
 * Anything that is not our code (or a malformed string) is refused.
 */
public record ServiceCode(String code) {

    /** Inputs a shortcut may replay: more than any menu path, few enough that replaying one stays cheap. */
    public static final int MAX_SHORTCUT_INPUTS = 20;

    public ServiceCode {
        if (!code.matches("\\*\\d+#")) {
            throw new IllegalArgumentException("a USSD service code looks like *777#, got '" + code + "'");
        }
    }

    /** The shortcut inputs if {@code dialled} is this code with at most {@link #MAX_SHORTCUT_INPUTS}, else empty. */
    public Optional<List<String>> shortcut(String dialled) {
        return ServiceCodes.parse(dialled).filter(d -> d.code().equals(code)).map(ServiceCodes.Dialled::inputs)
                .filter(inputs -> inputs.size() <= MAX_SHORTCUT_INPUTS);
    }
}
