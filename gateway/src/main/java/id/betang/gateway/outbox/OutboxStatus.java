package id.betang.gateway.outbox;

import java.time.LocalDateTime;

/** What the notifications API and operators see of one MT. */
public record OutboxStatus(long id, String msisdn, String category, String status, int attempts, Integer parts,
                           String failure, LocalDateTime createdAt, LocalDateTime sentAt, LocalDateTime receiptAt) {
}
