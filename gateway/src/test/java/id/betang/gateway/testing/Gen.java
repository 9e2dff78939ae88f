package id.betang.gateway.testing;

import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.function.IntPredicate;
import java.util.function.Supplier;

/**
 * Random test input from one seed, so a failing run can be replayed: {@code -Dfuzz.seed=<seed>} gives the same
 * sequence again. Deliberately small (ints between, bytes, strings, weighted choice), not a library:
 * we dropped jqwik because its author asks AI agents, who write this project, not to use it.
 * Ends of a range come up more often than a uniform pick would give them, since off-by-one faults live there,
 * and short byte strings more often than long ones, so random fields often pass the first field's checks.
 */
public final class Gen {

    /** One in this many picks from a range is one of its ends. */
    private static final int EDGE_ONE_IN = 16;

    private final long seed;
    private final SplittableRandom random;

    public Gen(long seed) {
        this.seed = seed;
        this.random = new SplittableRandom(seed);
    }

    /** The seed {@code -Dfuzz.seed} names, or a new random one for this run. */
    public static long seedOfThisRun() {
        String given = System.getProperty("fuzz.seed", "").trim();
        return given.isEmpty() ? new SplittableRandom().nextLong() : Long.parseLong(given);
    }

    public long seed() {
        return seed;
    }

    /** From {@code min} to {@code max}, both included. */
    public int between(int min, int max) {
        return (int) between((long) min, max);
    }

    /** From {@code min} to {@code max} (below {@code Long.MAX_VALUE}), both included. */
    public long between(long min, long max) {
        if (random.nextInt(EDGE_ONE_IN) == 0) {
            return random.nextBoolean() ? min : max;
        }
        return random.nextLong(min, max + 1);
    }

    /** Between {@code min} and {@code max} and not refused by {@code unless}. */
    public int between(int min, int max, IntPredicate unless) {
        int i;
        do {
            i = between(min, max);
        } while (unless.test(i));
        return i;
    }

    public boolean coin() {
        return random.nextBoolean();
    }

    /** {@code min} to {@code max} random octets. */
    public byte[] bytes(int min, int max) {
        byte[] b = new byte[size(min, max)];
        random.nextBytes(b);
        return b;
    }

    /** {@code min} to {@code max} characters, each from {@code first} to {@code last}. */
    public String chars(int min, int max, char first, char last) {
        StringBuilder s = new StringBuilder();
        for (int n = size(min, max); n > 0; n--) {
            s.append((char) between(first, last));
        }
        return s.toString();
    }

    /** {@code min} to {@code max} characters, each one of {@code alphabet}. */
    public String chars(int min, int max, String alphabet) {
        StringBuilder s = new StringBuilder();
        for (int n = size(min, max); n > 0; n--) {
            s.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return s.toString();
    }

    /** A length from {@code min} to {@code max}, the short ones more likely (below a random bound). */
    private int size(int min, int max) {
        return between(min, between(min, max));
    }

    /** One of these values, each as likely. */
    @SafeVarargs
    public final <T> T pick(T... values) {
        return values[random.nextInt(values.length)];
    }

    /** What one of these makes, each as likely. */
    @SafeVarargs
    public final <T> T oneOf(Supplier<? extends T>... makers) {
        return pick(makers).get();
    }

    /** A maker chosen this many times in the sum of all weights. */
    public record Weighted<T>(int weight, Function<Gen, ? extends T> make) {
    }

    public static <T> Weighted<T> weight(int weight, Function<Gen, ? extends T> make) {
        return new Weighted<>(weight, make);
    }

    /** What one of these makes, chosen by weight. */
    public <T> T frequency(List<Weighted<T>> choices) {
        int total = choices.stream().mapToInt(Weighted::weight).sum();
        int at = random.nextInt(total);
        for (Weighted<T> choice : choices) {
            at -= choice.weight();
            if (at < 0) {
                return choice.make().apply(this);
            }
        }
        throw new AssertionError("weights add up to " + total);
    }
}
