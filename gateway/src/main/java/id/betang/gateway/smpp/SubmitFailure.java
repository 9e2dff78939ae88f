package id.betang.gateway.smpp;

/**
 * A submit_sm that did not get an accepting response. {@code retryable} when trying again later may
 * work (throttling, queue full, timeout, link down); otherwise the SMSC refused the message itself.
 */
public final class SubmitFailure extends Exception {

    private final boolean retryable;
    private final boolean throttled;

    public SubmitFailure(String message, boolean retryable, boolean throttled, Throwable cause) {
        super(message, cause);
        this.retryable = retryable;
        this.throttled = throttled;
    }

    public boolean retryable() {
        return retryable;
    }

    public boolean throttled() {
        return throttled;
    }
}
