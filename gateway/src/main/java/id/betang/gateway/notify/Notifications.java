package id.betang.gateway.notify;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

import org.apache.ibatis.exceptions.PersistenceException;
import org.apache.ibatis.session.SqlSession;

import id.betang.gateway.outbox.NewSms;
import id.betang.gateway.outbox.Outbox;
import id.betang.gateway.store.Database;

/**
 * Queues a batch of notifications so that a retried request never sends an SMS twice: the whole batch in one
 * transaction (one multi-row insert), the answer stored under the caller's Idempotency-Key for 24 hours (in
 * MySQL, so it holds across instances and restarts), and a client {@code ref} per item unique per caller.
 * Blocking JDBC: call from worker threads.
 */
public final class Notifications {

    /** One validated notification; {@code optedOut} ones are answered, not queued. */
    public record Item(String msisdn, String text, String category, boolean optedOut, String ref) {
    }

    /** What became of one item: QUEUED, ALREADY_QUEUED (its ref was seen: the first id) or SKIPPED_OPTED_OUT. */
    public record Outcome(Long id, String status) {
    }

    /** The answer to give: fresh, or the first one given under the same key. */
    public sealed interface Answer {
        record Given(int status, String body, boolean replayed) implements Answer {
        }

        /** The key was used for a different request. */
        record KeyReused() implements Answer {
        }
    }

    private final Database database;
    private final Outbox outbox;

    public Notifications(Database database, Outbox outbox) {
        this.database = database;
        this.outbox = outbox;
    }

    /**
     * The phones among {@code msisdns} that sent STOP: one short read of its own for the whole batch, before
     * the batch's transaction opens (never a second connection held inside it).
     */
    public Set<String> optedOut(Collection<String> msisdns) {
        if (msisdns.isEmpty()) {
            return Set.of();
        }
        try (SqlSession session = database.sessions().openSession(true)) {
            return new HashSet<>(session.getMapper(NotificationMapper.class).optedOutAmong(msisdns));
        }
    }

    /**
     * @param key        the caller's Idempotency-Key, or null
     * @param requestSha what identifies the request under that key (a hash of its body; null without a key)
     * @param respond    the body of the 202 answer, given each item's outcome
     */
    public Answer queue(String caller, String key, String requestSha, List<Item> items,
                        Function<List<Outcome>, String> respond) {
        try {
            return attempt(caller, key, requestSha, items, respond);
        } catch (PersistenceException e) {
            if (!Database.duplicateKey(e)) {
                throw e;
            }
            // a concurrent request took the key or one of the refs first; now committed, it is found this time
            return attempt(caller, key, requestSha, items, respond);
        }
    }

    private Answer attempt(String caller, String key, String requestSha, List<Item> items,
                           Function<List<Outcome>, String> respond) {
        java.util.concurrent.atomic.AtomicBoolean queued = new java.util.concurrent.atomic.AtomicBoolean();
        Answer answer = database.inTransaction(session -> {
            NotificationMapper mapper = session.getMapper(NotificationMapper.class);
            if (key != null) {
                mapper.forgetExpiredKey(caller, key);
                NotificationMapper.StoredAnswer first = mapper.storedAnswer(caller, key);
                if (first != null) {
                    return first.requestSha256().equals(requestSha)
                            ? new Answer.Given(first.statusCode(), first.response(), true) : new Answer.KeyReused();
                }
                mapper.claimKey(caller, key, requestSha);
            }
            List<String> refs = items.stream().map(Item::ref).filter(Objects::nonNull).distinct().toList();
            Map<String, Long> known = new HashMap<>();
            if (!refs.isEmpty()) {
                mapper.refs(caller, refs).forEach((ref, row) -> known.put(ref, row.outboxId()));
            }
            // which items are new: a ref seen before (or earlier in this batch) names the first one's id
            List<NewSms> rows = new ArrayList<>();
            List<Integer> rowOf = new ArrayList<>();
            Map<String, Integer> refInBatch = new HashMap<>();
            for (Item item : items) {
                if (item.optedOut() || (item.ref() != null && (known.containsKey(item.ref())
                        || refInBatch.containsKey(item.ref())))) {
                    rowOf.add(-1);
                    continue;
                }
                if (item.ref() != null) {
                    refInBatch.put(item.ref(), rows.size());
                }
                rowOf.add(rows.size());
                rows.add(new NewSms(item.msisdn(), item.text(), item.category()));
            }
            List<Long> ids = outbox.enqueueAll(session, rows);
            List<NotificationMapper.Ref> newRefs = new ArrayList<>();
            refInBatch.forEach((ref, row) -> newRefs.add(new NotificationMapper.Ref(ref, ids.get(row))));
            if (!newRefs.isEmpty()) {
                mapper.insertRefs(caller, newRefs);
            }
            List<Outcome> outcomes = new ArrayList<>();
            for (int i = 0; i < items.size(); i++) {
                Item item = items.get(i);
                int row = rowOf.get(i);
                if (row >= 0) {
                    outcomes.add(new Outcome(ids.get(row), "QUEUED"));
                } else if (item.optedOut()) {
                    outcomes.add(new Outcome(null, "SKIPPED_OPTED_OUT"));
                } else {
                    Long first = known.containsKey(item.ref()) ? known.get(item.ref()) : ids.get(refInBatch.get(item.ref()));
                    outcomes.add(new Outcome(first, "ALREADY_QUEUED"));
                }
            }
            String body = respond.apply(outcomes);
            if (key != null) {
                mapper.answerKey(caller, key, 202, body);
            }
            queued.set(!rows.isEmpty());
            return new Answer.Given(202, body, false);
        });
        if (queued.get()) {
            outbox.committed();
        }
        return answer;
    }
}
