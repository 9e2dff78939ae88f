package id.betang.gateway.outbox;

/**
 * An outbox row this instance has claimed and is about to send.
 *
 * @param expired older than the outbox's validity by the database's clock: a retryable failure now fails it
 */
public record ClaimedSms(long id, String msisdn, String body, int attempts, boolean expired) {
}
