package id.betang.gateway.config;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * What makes a secret guessable: a placeholder someone forgot to replace (the sample config's, or one of
 * the words everyone tries first), too short, or a keyboard pattern. Each check answers why, so the
 * start-up refusal tells the operator what to fix.
 */
final class SecretRules {

    static final int MIN_LENGTH = 16;
    /** Told to the operator with every refusal. */
    static final String HOW_TO_MAKE_ONE = "make one with: openssl rand -hex 24";

    /**
     * Words a made-up secret is built from; looked for with case, '-', '_' and '.' ignored, in this order (a
     * list, so the refusal names the same word on every run).
     */
    private static final List<String> PLACEHOLDER_WORDS = List.of("changeme", "replace", "placeholder", "example",
            "secret", "password", "passw0rd", "test", "dummy", "sample", "atleast", "putthe", "yourtoken", "yourkey");
    /** Short secrets (SMPP passwords, at most 8 characters) that are these words, digits aside. */
    private static final Set<String> WEAK_WORDS = Set.of("changeme", "secret", "password", "passw0rd", "test",
            "admin", "default", "smpp", "qwerty", "letmein", "guest", "pass", "pwd", "abc", "abcd");
    private static final String SEQUENCES = "0123456789abcdefghijklmnopqrstuvwxyz".repeat(4);
    private static final String KEYBOARD = "qwertyuiopasdfghjklzxcvbnm1234567890".repeat(4);

    private SecretRules() {
    }

    /** Why {@code value} is a placeholder, or empty when it is not one. */
    static Optional<String> placeholder(String value) {
        String folded = value.toLowerCase(Locale.ROOT).replaceAll("[-_.\\s]", "");
        if (value.chars().distinct().count() == 1) {
            return Optional.of("is one character repeated");
        }
        for (String word : PLACEHOLDER_WORDS) {
            if (folded.contains(word)) {
                return Optional.of("is a placeholder (contains '" + word + "')");
            }
        }
        if (WEAK_WORDS.contains(folded.replaceAll("\\d+$", ""))) {
            return Optional.of("is a well-known password");
        }
        if (folded.length() >= 4 && (SEQUENCES.contains(folded) || KEYBOARD.contains(folded)
                || SEQUENCES.contains(new StringBuilder(folded).reverse()))) {
            return Optional.of("is a run of consecutive keys or characters");
        }
        return Optional.empty();
    }
}
