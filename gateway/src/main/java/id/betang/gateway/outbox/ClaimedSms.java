package id.betang.gateway.outbox;

import java.time.LocalDateTime;

/** An outbox row this instance has claimed and is about to send. */
public record ClaimedSms(long id, String msisdn, String body, int attempts, LocalDateTime createdAt) {
}
