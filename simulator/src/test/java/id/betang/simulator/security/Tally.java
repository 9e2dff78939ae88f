package id.betang.simulator.security;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * What the suite counts: each attack ends refused (nothing disclosed, nothing done) or as a leak, per attack
 * class. The first few leaks of each class are kept with their evidence, for the report.
 */
final class Tally {

    private static final int EVIDENCE_KEPT = 5;

    private final Map<String, Counts> classes = Collections.synchronizedMap(new LinkedHashMap<>());

    private static final class Counts {
        final AtomicInteger attacks = new AtomicInteger();
        final AtomicInteger leaks = new AtomicInteger();
        final List<String> evidence = Collections.synchronizedList(new ArrayList<>());
    }

    private Counts of(String attackClass) {
        return classes.computeIfAbsent(attackClass, c -> new Counts());
    }

    void refused(String attackClass) {
        of(attackClass).attacks.incrementAndGet();
    }

    void leak(String attackClass, String evidence) {
        Counts counts = of(attackClass);
        counts.attacks.incrementAndGet();
        counts.leaks.incrementAndGet();
        if (counts.evidence.size() < EVIDENCE_KEPT) {
            counts.evidence.add(evidence.length() > 400 ? evidence.substring(0, 400) + "…" : evidence);
        }
    }

    /** Counts an attack as refused or, when {@code evidence} is not null, as a leak. */
    void record(String attackClass, String evidence) {
        if (evidence == null) {
            refused(attackClass);
        } else {
            leak(attackClass, evidence);
        }
    }

    int leaks(String attackClass) {
        return of(attackClass).leaks.get();
    }

    int leaks() {
        synchronized (classes) {
            return classes.values().stream().mapToInt(c -> c.leaks.get()).sum();
        }
    }

    /** One line per class, then the total: {@code attacks=<n> refused=<n> leaks=<n>}. */
    String report() {
        synchronized (classes) {
            StringBuilder out = new StringBuilder();
            int attacks = 0;
            int leaks = 0;
            for (Map.Entry<String, Counts> e : classes.entrySet()) {
                Counts c = e.getValue();
                attacks += c.attacks.get();
                leaks += c.leaks.get();
                out.append(String.format("  %-22s %s%n", e.getKey(), line(c.attacks.get(), c.leaks.get())));
                synchronized (c.evidence) {
                    c.evidence.forEach(ev -> out.append("      leak: ").append(ev.replace("\n", "\\n")).append('\n'));
                }
            }
            return out.append(line(attacks, leaks)).toString();
        }
    }

    String evidence(String attackClass) {
        Counts c = of(attackClass);
        synchronized (c.evidence) {
            return c.evidence.stream().collect(Collectors.joining("\n"));
        }
    }

    private static String line(int attacks, int leaks) {
        return "attacks=" + attacks + " refused=" + (attacks - leaks) + " leaks=" + leaks;
    }
}
