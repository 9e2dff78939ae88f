package id.betang.simulator.security;

import java.util.ArrayList;
import java.util.List;

/**
 * Whether the answer time tells a known NIK from an unknown one: the medians of both and their difference, next to
 * the spread within each (the noise). A figure for the report; a slow machine must not fail a test, so nothing
 * asserts on it.
 */
final class AnswerTimes {

    private final List<Long> known = new ArrayList<>();
    private final List<Long> unknown = new ArrayList<>();

    synchronized void add(boolean knownNik, long nanos) {
        (knownNik ? known : unknown).add(nanos);
    }

    synchronized String report() {
        if (known.isEmpty() || unknown.isEmpty()) {
            return "answer time of the NIK step: not measured";
        }
        double k = quantile(known, 0.5);
        double u = quantile(unknown, 0.5);
        return String.format("answer time of the NIK step (USSD over SMPP): median known %.1f ms (n=%d, p25-p75 %.1f-%.1f),"
                        + " unknown %.1f ms (n=%d, p25-p75 %.1f-%.1f), difference of medians %.1f ms",
                k, known.size(), quantile(known, 0.25), quantile(known, 0.75), u, unknown.size(),
                quantile(unknown, 0.25), quantile(unknown, 0.75), k - u);
    }

    private static double quantile(List<Long> nanos, double q) {
        List<Long> sorted = new ArrayList<>(nanos);
        sorted.sort(null);
        return sorted.get((int) Math.min(sorted.size() - 1, Math.round(q * (sorted.size() - 1)))) / 1e6;
    }
}
