package id.betang.gateway.ussd;

import java.util.List;
import java.util.Optional;

/**
 * The dialled string: {@code *777#} starts the menu, {@code *777*1*2#} starts it and replays 1 then 2.
 * Anything that is not our code (or a malformed string) is refused.
 */
public record ServiceCode(String code) {

    public ServiceCode {
        if (!code.matches("\\*\\d+#")) {
            throw new IllegalArgumentException("a USSD service code looks like *777#, got '" + code + "'");
        }
    }

    /** The shortcut inputs if {@code dialled} is this code, else empty. */
    public Optional<List<String>> shortcut(String dialled) {
        String d = dialled == null ? "" : dialled.strip();
        String base = code.substring(0, code.length() - 1);
        if (d.equals(code)) {
            return Optional.of(List.of());
        }
        if (d.startsWith(base + "*") && d.endsWith("#") && d.length() > base.length() + 2) {
            String inner = d.substring(base.length() + 1, d.length() - 1);
            List<String> inputs = List.of(inner.split("\\*", -1));
            if (inputs.stream().allMatch(s -> s.matches("\\d{1,16}"))) {
                return Optional.of(inputs);
            }
        }
        return Optional.empty();
    }
}
