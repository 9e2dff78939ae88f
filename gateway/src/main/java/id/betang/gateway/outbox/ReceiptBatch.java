package id.betang.gateway.outbox;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import id.betang.gateway.smpp.DeliveryReceipt;

/**
 * Matches many delivery receipts in four statements whatever their number: the recent parts carrying their
 * ids, one UPDATE recording each part's receipt, the parts of the messages touched, one UPDATE settling those
 * messages. The same rules as one receipt at a time: only parts submitted within the window take a receipt
 * (an SMSC whose id counter wrapped never rewrites an old message); a message is DELIVERED once every part
 * is, else the first final failure; of two receipts for one id in a batch the later counts, as it would have
 * one after the other.
 */
final class ReceiptBatch {

    /** A part's receipt to record: the SMPP-free form the statement binds. */
    record PartReceipt(String messageId, String state, String error, Timestamp doneAt) {
    }

    /** A message's verdict to store, with the time of the receipt that decided it. */
    record Settlement(long outboxId, String status, Timestamp at) {
    }

    private ReceiptBatch() {
    }

    /**
     * Applies the receipts on the caller's transaction.
     *
     * @return the receipts that matched no part (yet): the caller may try them again shortly
     */
    static List<DeliveryReceipt> apply(OutboxMapper mapper, List<DeliveryReceipt> receipts, long windowS) {
        Map<String, PartReceipt> byId = new LinkedHashMap<>(); // the later receipt for an id wins
        for (DeliveryReceipt r : receipts) {
            if (r.state() != DeliveryReceipt.State.INTERIM) {
                byId.put(r.messageId(), new PartReceipt(r.messageId(), Outbox.stored(r.state()), r.error(),
                        Timestamp.from(r.doneAt())));
            }
        }
        if (byId.isEmpty()) {
            return List.of();
        }
        List<SmsPart> matched = mapper.recentParts(List.copyOf(byId.keySet()), windowS);
        Set<String> found = matched.stream().map(SmsPart::smscMessageId).collect(Collectors.toSet());
        List<DeliveryReceipt> unmatched = receipts.stream()
                .filter(r -> r.state() != DeliveryReceipt.State.INTERIM && !found.contains(r.messageId())).toList();
        if (matched.isEmpty()) {
            return unmatched;
        }
        List<PartReceipt> toRecord = byId.values().stream().filter(p -> found.contains(p.messageId())).toList();
        mapper.recordReceipts(toRecord, windowS);
        Map<String, List<Long>> messagesById = matched.stream().collect(Collectors.groupingBy(
                SmsPart::smscMessageId, Collectors.mapping(SmsPart::outboxId, Collectors.toList())));
        Map<Long, Timestamp> decidedAt = new LinkedHashMap<>(); // the time of the last receipt a message took
        for (DeliveryReceipt r : receipts) {
            if (r.state() != DeliveryReceipt.State.INTERIM) {
                Timestamp at = Timestamp.from(r.doneAt());
                messagesById.getOrDefault(r.messageId(), List.of()).forEach(id -> decidedAt.put(id, at));
            }
        }
        List<Settlement> settlements = new ArrayList<>();
        for (SmsPartsVerdict verdict : SmsPartsVerdict.of(mapper.partsOf(List.copyOf(decidedAt.keySet())))) {
            verdict.status().ifPresent(s -> settlements.add(
                    new Settlement(verdict.outboxId(), s, decidedAt.get(verdict.outboxId()))));
        }
        if (!settlements.isEmpty()) {
            mapper.settleAll(settlements);
        }
        return unmatched;
    }
}
