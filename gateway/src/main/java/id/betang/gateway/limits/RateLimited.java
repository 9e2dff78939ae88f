package id.betang.gateway.limits;

import java.time.Duration;

/** A step refused by a rate limit; each channel answers it its own way (429, a "try later" screen, silence). */
public final class RateLimited extends RuntimeException {

    private final Duration retryAfter;

    public RateLimited(String bucket, Duration retryAfter) {
        super("rate limited (" + bucket + "), retry after " + retryAfter.toMillis() + " ms", null, false, false);
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }

    /** Whole seconds, at least one: what an HTTP Retry-After header carries. */
    public long retryAfterSeconds() {
        return Math.max(1, (retryAfter.toMillis() + 999) / 1000);
    }
}
