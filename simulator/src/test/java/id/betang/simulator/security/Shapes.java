package id.betang.simulator.security;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Whether a channel's answers tell known NIKs from unknown ones. Each attempt's transcript (every screen or SMS,
 * in order) is reduced to its shape: the attempt's NIK, its birth-date digits and anything masked
 * ({@code 6271********0004}, {@code 0812****7890}) normalised away. A shape seen again and again for one kind of
 * NIK and never for the other gives existence away; a shape seen once is a boundary (a limit reached in the middle
 * of the run), not evidence.
 */
final class Shapes {

    private static final Pattern MASKED = Pattern.compile("\\d*\\*{2,}\\d*");
    /** Any full NIK: the attempt's own, or the example in a help text (which is a known one). */
    private static final Pattern SIXTEEN_DIGITS = Pattern.compile("(?<!\\d)\\d{16}(?!\\d)");

    private final Map<String, List<Integer>> known = new HashMap<>();
    private final Map<String, List<Integer>> unknown = new HashMap<>();

    static String of(String nik, List<String> transcript) {
        return String.join(" | ", transcript.stream().map(text -> MASKED.matcher(SIXTEEN_DIGITS.matcher(text)
                .replaceAll("<NIK>").replace(Niks.birthDate(nik), "<DOB>").replace(Niks.sixDigits(nik), "<DDMMYY>"))
                .replaceAll("<masked>")).toList());
    }

    /** @param shape null for an attempt a rate limit cut short (HTTP 429): where it was cut says nothing of the NIK */
    synchronized void add(int attempt, boolean knownNik, String shape) {
        if (shape == null) {
            return;
        }
        (knownNik ? known : unknown).computeIfAbsent(shape, s -> new ArrayList<>()).add(attempt);
    }

    /** The attempts whose shape only one kind of NIK produced (at least twice), each with its shape. */
    synchronized Map<Integer, String> giveaways() {
        Map<Integer, String> out = new HashMap<>();
        collect(known, unknown, "only known NIKs got: ", out);
        collect(unknown, known, "only unknown NIKs got: ", out);
        return Collections.unmodifiableMap(out);
    }

    private static void collect(Map<String, List<Integer>> mine, Map<String, List<Integer>> theirs, String why,
                                Map<Integer, String> out) {
        mine.forEach((shape, attempts) -> {
            if (attempts.size() >= 2 && !theirs.containsKey(shape)) {
                attempts.forEach(a -> out.put(a, why + shape));
            }
        });
    }
}
