package id.betang.gateway.outbox;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a message's part receipts add up to. A concatenated SMS is delivered only when every part is;
 * one part that failed decides the message's fate. Parts not yet reported leave it undecided.
 */
record SmsPartsVerdict(long outboxId, Optional<String> status) {

    static List<SmsPartsVerdict> of(List<SmsPart> parts) {
        Map<Long, List<SmsPart>> byMessage = new LinkedHashMap<>();
        parts.forEach(p -> byMessage.computeIfAbsent(p.outboxId(), k -> new ArrayList<>()).add(p));
        List<SmsPartsVerdict> verdicts = new ArrayList<>();
        byMessage.forEach((id, own) -> verdicts.add(new SmsPartsVerdict(id, decide(own))));
        return verdicts;
    }

    private static Optional<String> decide(List<SmsPart> parts) {
        Optional<String> failed = parts.stream().map(SmsPart::receiptState)
                .filter(s -> s != null && !s.equals("DELIVERED")).findFirst();
        if (failed.isPresent()) {
            return failed;
        }
        return parts.stream().allMatch(p -> "DELIVERED".equals(p.receiptState())) ? Optional.of("DELIVERED")
                : Optional.empty();
    }
}
