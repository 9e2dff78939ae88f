package id.betang.menus;

import java.util.List;
import java.util.Optional;

/**
 * Reads a dialled USSD string: {@code *777*1*2#} is code {@code *777#} with inputs 1 then 2, which the
 * engine replays as if typed. Anything not shaped like a USSD string is refused.
 */
public final class ServiceCodes {

    public record Dialled(String code, List<String> inputs) {
    }

    private ServiceCodes() {
    }

    public static Optional<Dialled> parse(String dialled) {
        String d = dialled == null ? "" : dialled.strip();
        if (!d.matches("\\*\\d+(\\*\\d{1,16})*#")) {
            return Optional.empty();
        }
        String[] parts = d.substring(1, d.length() - 1).split("\\*");
        return Optional.of(new Dialled("*" + parts[0] + "#", List.of(parts).subList(1, parts.length)));
    }
}
