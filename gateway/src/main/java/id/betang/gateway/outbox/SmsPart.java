package id.betang.gateway.outbox;

/** A part the SMSC accepted, with its receipt state once one arrived (else null). */
public record SmsPart(long outboxId, int partNo, String smscMessageId, String receiptState) {
}
