package id.betang.menus;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * How an input screen checks what was typed, before anything leaves the gateway. A rejected answer names
 * what was wrong as a {@link Rejection}: the key of a menu text (e.g. {@code invalid.nik.length}, "NIK harus 16
 * angka") that the engine shows above the screen, so residents learn what is expected in their language.
 */
public sealed interface InputRule {

    /** Why the typed text is not acceptable; empty when it is. */
    Optional<Rejection> problem(String input);

    /** Every text key {@link #problem} may name: the menu must define each one (the validator checks). */
    List<String> messageKeys();

    /** Whether the typed text is acceptable for this screen. */
    default boolean accepts(String input) {
        return problem(input).isEmpty();
    }

    /** A menu text key and the values its template may use (e.g. {@code {max}}). */
    record Rejection(String key, Map<String, String> values) {
        public Rejection {
            values = Map.copyOf(values);
        }

        static Optional<Rejection> of(String key) {
            return Optional.of(new Rejection(key, Map.of()));
        }
    }

    record Digits(int min, int max) implements InputRule {
        @Override
        public Optional<Rejection> problem(String input) {
            if (input.length() >= min && input.length() <= max && input.chars().allMatch(Character::isDigit)) {
                return Optional.empty();
            }
            return Optional.of(new Rejection(key(), Map.of("min", String.valueOf(min), "max", String.valueOf(max))));
        }

        /** "Type 6 digits." reads better than "Type 6-6 digits.", so a fixed length has a text of its own. */
        private String key() {
            return min == max ? "invalid.digits" : "invalid.digits.range";
        }

        @Override
        public List<String> messageKeys() {
            return List.of(key());
        }
    }

    /** A NIK: a wrong length ("16 digits") is told apart from a wrong structure ("check it"). */
    record Nik() implements InputRule {
        @Override
        public Optional<Rejection> problem(String input) {
            if (input.length() != 16 || !input.chars().allMatch(c -> c >= '0' && c <= '9')) {
                return Rejection.of("invalid.nik.length");
            }
            return NikShape.isValid(input) ? Optional.empty() : Rejection.of("invalid.nik");
        }

        @Override
        public List<String> messageKeys() {
            return List.of("invalid.nik.length", "invalid.nik");
        }
    }

    /** A calendar date typed as DDMMYYYY. Only its shape is checked; the registry decides if it is right. */
    record Date() implements InputRule {
        @Override
        public Optional<Rejection> problem(String input) {
            if (!input.matches("\\d{8}")) {
                return Rejection.of("invalid.date");
            }
            try {
                java.time.LocalDate.of(Integer.parseInt(input.substring(4)), Integer.parseInt(input.substring(2, 4)),
                        Integer.parseInt(input.substring(0, 2)));
                return Optional.empty();
            } catch (java.time.DateTimeException e) {
                return Rejection.of("invalid.date");
            }
        }

        @Override
        public List<String> messageKeys() {
            return List.of("invalid.date");
        }
    }

    /** A ticket id: the wrong length or prefix ("8 characters, e.g. …") apart from a typo the check character caught. */
    record Ticket() implements InputRule {
        @Override
        public Optional<Rejection> problem(String input) {
            if (TicketId.isValid(input)) {
                return Optional.empty();
            }
            String id = TicketId.normalise(input);
            return id.length() == TicketId.LENGTH && id.startsWith("HB")
                    ? Rejection.of("invalid.ticket") : Rejection.of("invalid.ticket.length");
        }

        @Override
        public List<String> messageKeys() {
            return List.of("invalid.ticket.length", "invalid.ticket");
        }
    }

    /**
     * Free text of at most {@code maxLength} characters. An input screen may name a {@code tooLong} screen:
     * then a longer text is cut (see {@link #cut}) and offered back instead of being rejected.
     */
    record FreeText(int maxLength) implements InputRule {
        @Override
        public Optional<Rejection> problem(String input) {
            String trimmed = input.strip();
            if (trimmed.isEmpty()) {
                return Rejection.of("invalid.text");
            }
            if (trimmed.length() > maxLength) {
                return Optional.of(new Rejection("invalid.text.long", Map.of("max", String.valueOf(maxLength))));
            }
            return Optional.empty();
        }

        @Override
        public List<String> messageKeys() {
            return List.of("invalid.text", "invalid.text.long");
        }

        public boolean tooLong(String input) {
            return input.strip().length() > maxLength;
        }

        /** The text cut to the limit at the last word boundary (hard, for one long word), without a dangling space. */
        public String cut(String input) {
            String text = input.strip();
            if (text.length() <= maxLength) {
                return text;
            }
            int space = text.lastIndexOf(' ', maxLength);
            String cut = space > maxLength / 2 ? text.substring(0, space) : text.substring(0, maxLength);
            return cut.stripTrailing();
        }
    }

    record Regex(Pattern pattern) implements InputRule {
        @Override
        public Optional<Rejection> problem(String input) {
            return pattern.matcher(input).matches() ? Optional.empty() : Rejection.of("invalid.regex");
        }

        @Override
        public List<String> messageKeys() {
            return List.of("invalid.regex");
        }
    }
}
