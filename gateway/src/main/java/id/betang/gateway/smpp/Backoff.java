package id.betang.gateway.smpp;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential back-off with full jitter, so that many gateway instances that lost the same SMSC at the
 * same moment do not all knock on its door again in step.
 */
final class Backoff {

    private final long minMillis;
    private final long maxMillis;
    private int failures;

    Backoff(Duration min, Duration max) {
        this.minMillis = min.toMillis();
        this.maxMillis = max.toMillis();
    }

    Duration next() {
        long ceiling = Math.min(maxMillis, minMillis << Math.min(failures, 20));
        failures++;
        return Duration.ofMillis(minMillis / 2 + ThreadLocalRandom.current().nextLong(Math.max(1, ceiling - minMillis / 2)));
    }

    void reset() {
        failures = 0;
    }
}
