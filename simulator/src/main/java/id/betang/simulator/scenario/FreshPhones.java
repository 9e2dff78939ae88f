package id.betang.simulator.scenario;

import java.util.HashMap;
import java.util.Map;

/**
 * Phones nobody has used yet, so a scenario run finds no state left by an earlier run on the same demo: no
 * open confirmation or draft (30 min), no duplicate-filter entry (60 s), no daily limit. A fresh phone is
 * {@code 62899} + six digits of the run (tenths of a second, so runs one after another differ) + three of the
 * phone; none of them is a phone the registry stub knows.
 */
final class FreshPhones {

    private final String run;
    private int next;

    FreshPhones(long runNumber) {
        this.run = String.format("%06d", Math.floorMod(runNumber, 1_000_000L));
    }

    static FreshPhones forThisRun() {
        return new FreshPhones(System.currentTimeMillis() / 100);
    }

    /** The phones of one scenario: {@code fresh}, {@code fresh2}, … each its own, the same for the whole scenario. */
    Scenario.PhoneBook book() {
        Map<String, String> assigned = new HashMap<>();
        return written -> Scenario.FRESH.matcher(written).matches()
                ? assigned.computeIfAbsent(written, w -> "62899" + run + String.format("%03d", next++ % 1000))
                : written;
    }
}
