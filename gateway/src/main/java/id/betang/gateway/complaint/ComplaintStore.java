package id.betang.gateway.complaint;

import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Function;

import org.apache.ibatis.exceptions.PersistenceException;
import org.apache.ibatis.session.SqlSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import id.betang.gateway.ops.Mask;
import id.betang.gateway.outbox.Outbox;
import id.betang.gateway.store.Database;
import id.betang.menus.TicketId;

/**
 * Where complaints are accepted: a complaint is accepted the moment its row, the row that forwards it to
 * the registry and (for SMS) the SMS carrying its ticket id are committed together. Blocking JDBC: call from
 * worker threads.
 */
public final class ComplaintStore {

    private static final Logger LOG = LoggerFactory.getLogger(ComplaintStore.class);
    /** 32^5 ids: a clash is rare, five in a row would mean something else is wrong. */
    private static final int ID_ATTEMPTS = 5;
    /**
     * How long a filing key makes a step a repeat: an aggregator retries within seconds and an SMSC redelivers
     * within minutes; later, the same words from the same session key are a new complaint.
     */
    static final java.time.Duration REPEAT_WINDOW = java.time.Duration.ofHours(1);

    /**
     * What a caller files; the store gives it its ticket id.
     *
     * @param filingKey null, or what makes a repeated filing (the same USSD step again) answer the first
     *                  complaint instead of filing a second: see {@link #keyedBy}
     */
    public record Filing(String category, String channel, String msisdn, String agentId, String nik, String region,
                         String village, String body, String filingKey) {

        public Filing(String category, String channel, String msisdn, String agentId, String nik, String region,
                      String village, String body) {
            this(category, channel, msisdn, agentId, nik, region, village, body, null);
        }

        /**
         * This filing, keyed by the dialogue it comes from and what it files. A dialogue files at most once
         * (the ticket screen ends it), so a second filing with the same dialogue and content is a repeat of
         * the step; the content is in the key because a network may reuse a session number another day.
         */
        public Filing keyedBy(String dialogue) {
            return new Filing(category, channel, msisdn, agentId, nik, region, village, body,
                    sha256Hex(String.join("\u0000", dialogue, channel, msisdn, String.valueOf(agentId), category,
                            String.valueOf(nik), String.valueOf(region), String.valueOf(village), body)));
        }
    }

    private final Database database;
    private final Outbox outbox;
    private final int perDay;
    private final SecureRandom random = new SecureRandom();
    private final Runnable onFiled;

    /** @param perDay complaints one phone may file in 24 hours, whatever the channel */
    public ComplaintStore(Database database, Outbox outbox, int perDay) {
        this(database, outbox, perDay, () -> { });
    }

    /** @param onFiled lets the relay start forwarding at once instead of at its next poll */
    public ComplaintStore(Database database, Outbox outbox, int perDay, Runnable onFiled) {
        this.database = database;
        this.outbox = outbox;
        this.perDay = perDay;
        this.onFiled = onFiled;
    }

    /**
     * @param confirmation the SMS to send the filer, given the ticket id; null to send none (USSD shows the
     *                     ticket on screen)
     * @return the stored complaint with its ticket id
     */
    public Complaint file(Filing f, Function<String, String> confirmation) {
        if (f.filingKey() != null) {
            Optional<Complaint> earlier = findByFilingKey(f.filingKey());
            if (earlier.isPresent()) {
                LOG.info("complaint {}: the same step again, answered with its ticket", earlier.get().ticketId());
                return earlier.get();
            }
        }
        return fileNew(f, confirmation, null);
    }

    /**
     * Files a complaint from an MO whose rules the caller checked with {@link #recent} just before: no look
     * for an earlier filing first. The filing key ({@code mo:<inbox id>}) is unique, so an MO processed again
     * still files nothing new (its first complaint is returned); the ticket SMS carries the key as its outbox
     * ref, so no later answer to the same MO is queued beside it.
     */
    public Complaint fileChecked(Filing f, Function<String, String> confirmation) {
        return fileNew(f, confirmation, f.filingKey());
    }

    /**
     * Files it without looking for an earlier filing first (the caller did, or need not); the unique key still
     * holds: a filing key taken by a complaint of the last hour answers with that complaint.
     */
    private Complaint fileNew(Filing f, Function<String, String> confirmation, String smsRef) {
        String body = f.body().length() > Complaint.MAX_BODY ? f.body().substring(0, Complaint.MAX_BODY) : f.body();
        for (int attempt = 1; ; attempt++) {
            String ticket = TicketId.next(random);
            Complaint c = new Complaint(ticket, f.category(), f.channel(), f.msisdn(), f.agentId(), f.nik(), f.region(),
                    f.village(), body, "RECEIVED", null, Instant.now(), Instant.now());
            try {
                database.inTransaction(session -> {
                    ComplaintMapper mapper = session.getMapper(ComplaintMapper.class);
                    mapper.insert(c, f.filingKey());
                    mapper.insertForward(ticket);
                    if (confirmation != null) {
                        outbox.enqueueOnce(session, f.msisdn(), confirmation.apply(ticket), "ticket", smsRef);
                    }
                    return null;
                });
            } catch (PersistenceException e) {
                if (!Database.duplicateKey(e)) {
                    throw e;
                }
                // a retry after a commit whose answer was lost (the node went) finds its own row: filed once
                Optional<Complaint> ours = find(ticket)
                        .filter(x -> x.msisdn().equals(f.msisdn()) && x.body().equals(body));
                if (ours.isPresent()) {
                    LOG.info("complaint {}: committed before its node went, filed once", ticket);
                    if (confirmation != null) {
                        outbox.committed();
                    }
                    onFiled.run();
                    return ours.get();
                }
                // the same step filing at the same time: the unique filing key made this one wait for it
                Optional<Complaint> repeated = f.filingKey() == null ? Optional.empty() : findByFilingKey(f.filingKey());
                if (repeated.isPresent()) {
                    LOG.info("complaint {}: the same step at once, answered with its ticket", repeated.get().ticketId());
                    return repeated.get();
                }
                if (attempt < ID_ATTEMPTS) {
                    continue;
                }
                throw e;
            }
            LOG.info("complaint {} ({}, {}) filed by {}", ticket, f.category(), f.channel(), Mask.msisdn(f.msisdn()));
            if (confirmation != null) {
                outbox.committed();
            }
            onFiled.run();
            return c;
        }
    }

    /** What became of one webhook event. */
    public enum Update { APPLIED, REPEATED, STALE, UNKNOWN_TICKET }

    /**
     * Applies a status change the registry reported, once per event id: the new status, and the SMS that tells
     * the complainant, in one transaction. An event older than the status held (by the registry's
     * {@code updatedAt}) is recorded and changes nothing: a status never goes backwards. Ticket updates are
     * essential SMS: sent even to phones that opted out.
     *
     * @param message the SMS text; it is composed before the transaction opens, because it may read the
     *                phone's language on a connection of its own, and a transaction that waited for a second
     *                pooled connection while holding one could exhaust the pool under a burst of webhooks
     */
    public Update applyEvent(String eventId, String ticketId, String status, String note, Instant updatedAt,
                             Function<Complaint, String> message) {
        Optional<Complaint> found = find(ticketId);
        if (found.isEmpty()) {
            return Update.UNKNOWN_TICKET;
        }
        Complaint c = found.get();
        String text = message.apply(new Complaint(c.ticketId(), c.category(), c.channel(), c.msisdn(), c.agentId(),
                c.nik(), c.region(), c.village(), c.body(), status, note, c.createdAt(), Instant.now()));
        Update update = database.inTransaction(session -> {
            ComplaintMapper mapper = session.getMapper(ComplaintMapper.class);
            if (mapper.recordEvent(eventId, ticketId, status, "WEBHOOK", epochMs(updatedAt), note) == 0) {
                return Update.REPEATED;
            }
            if (mapper.applyStatus(ticketId, status, note, epochMs(updatedAt)) == 0) {
                mapper.markEventStale(eventId);
                return Update.STALE;
            }
            outbox.enqueue(session, c.msisdn(), text, "ticket-update");
            return Update.APPLIED;
        });
        if (update == Update.STALE) {
            LOG.info("complaint {}: event {} ({}) is older than the status held, recorded only", ticketId,
                    eventId, status);
        }
        if (update != Update.APPLIED) {
            return update;
        }
        outbox.committed();
        LOG.info("complaint {} is now {}", ticketId, status);
        return Update.APPLIED;
    }

    /** Whether the registry has the complaint yet (its forward was accepted). */
    public boolean forwarded(String ticketId) {
        return database.autocommit(session ->
                "ACCEPTED".equals(session.getMapper(ComplaintMapper.class).forwardStatus(ticketId)));
    }

    /**
     * Takes the registry's current word on a complaint, without telling anyone (they are asking), unless what
     * is held is newer.
     */
    public void refresh(String ticketId, String status, String note, Instant updatedAt) {
        database.autocommit(session -> session.getMapper(ComplaintMapper.class)
                .applyStatus(ticketId, status, note, epochMs(updatedAt)));
    }

    static Long epochMs(Instant at) {
        return at == null ? null : at.toEpochMilli();
    }

    /**
     * {@link #file} unless the phone already filed its complaints for the last 24 hours (then empty); a
     * repeated step gets its complaint even so.
     */
    public Optional<Complaint> fileWithinLimit(Filing f, Function<String, String> confirmation) {
        if (f.filingKey() != null) {
            Optional<Complaint> earlier = findByFilingKey(f.filingKey());
            if (earlier.isPresent()) {
                return earlier;
            }
        }
        if (filedSince(f.msisdn(), Instant.now().minus(java.time.Duration.ofDays(1))) >= perDay) {
            return Optional.empty();
        }
        return Optional.of(fileNew(f, confirmation, null));
    }

    /**
     * What the phone filed lately, for an SMS complaint's two rules at once: whether it used up its complaints
     * for the last 24 hours (any channel), and the ticket of the latest complaint with exactly these words on
     * this channel within {@code sameWords}, if any; with the language the phone chose by SMS, which the answer
     * is written in. One statement over the phone's last day of complaints and its subscriber row.
     */
    public Recent recent(String msisdn, String channel, String body, java.time.Duration sameWords) {
        java.util.Map<String, Object> row = database.autocommit(session -> session.getMapper(ComplaintMapper.class)
                .recent(msisdn, channel, body.length() > Complaint.MAX_BODY ? body.substring(0, Complaint.MAX_BODY) : body,
                        sameWords.toSeconds()));
        return new Recent(((Number) row.get("filed")).intValue() >= perDay, Optional.ofNullable((String) row.get("same")),
                Optional.ofNullable((String) row.get("lang")));
    }

    /**
     * @param sameWordsTicket the latest complaint with the same words, which a repeat is answered with
     * @param lang            the phone's language as {@code Subscribers.lang} reads it (read now, not cached:
     *                        a LANG sent a moment ago, to any instance, holds for this SMS)
     */
    public record Recent(boolean limited, Optional<String> sameWordsTicket, Optional<String> lang) {
    }

    public Optional<Complaint> find(String ticketId) {
        return Optional.ofNullable(database.autocommit(session -> session.getMapper(ComplaintMapper.class).find(ticketId)));
    }

    /** The complaint filed under this key within {@link #REPEAT_WINDOW}; an older one lets go of the key. */
    public Optional<Complaint> findByFilingKey(String filingKey) {
        return Optional.ofNullable(database.autocommit(session -> {
            ComplaintMapper mapper = session.getMapper(ComplaintMapper.class);
            mapper.expireFilingKey(filingKey, REPEAT_WINDOW.toSeconds());
            return mapper.findByFilingKey(filingKey);
        }));
    }

    public int filedSince(String msisdn, Instant since) {
        return database.autocommit(session -> session.getMapper(ComplaintMapper.class)
                .countSince(msisdn, Timestamp.from(since)));
    }

    private static String sha256Hex(String s) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(s.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
