package id.betang.menus;

import java.util.regex.Pattern;

/** How an input screen checks what was typed, before anything leaves the gateway. */
public sealed interface InputRule {

    /** Whether the typed text is acceptable for this screen. */
    boolean accepts(String input);

    record Digits(int min, int max) implements InputRule {
        @Override
        public boolean accepts(String input) {
            return input.length() >= min && input.length() <= max && input.chars().allMatch(Character::isDigit);
        }
    }

    record Nik() implements InputRule {
        @Override
        public boolean accepts(String input) {
            return NikShape.isValid(input);
        }
    }

    /** A calendar date typed as DDMMYYYY. Only its shape is checked; the registry decides if it is right. */
    record Date() implements InputRule {
        @Override
        public boolean accepts(String input) {
            if (!input.matches("\\d{8}")) {
                return false;
            }
            try {
                java.time.LocalDate.of(Integer.parseInt(input.substring(4)), Integer.parseInt(input.substring(2, 4)),
                        Integer.parseInt(input.substring(0, 2)));
                return true;
            } catch (java.time.DateTimeException e) {
                return false;
            }
        }
    }

    record Ticket() implements InputRule {
        @Override
        public boolean accepts(String input) {
            return TicketId.isValid(input);
        }
    }

    record FreeText(int maxLength) implements InputRule {
        @Override
        public boolean accepts(String input) {
            String trimmed = input.strip();
            return !trimmed.isEmpty() && trimmed.length() <= maxLength;
        }
    }

    record Regex(Pattern pattern) implements InputRule {
        @Override
        public boolean accepts(String input) {
            return pattern.matcher(input).matches();
        }
    }
}
