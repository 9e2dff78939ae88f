package id.betang.gateway.sms;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.function.BiFunction;

import org.apache.ibatis.session.SqlSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import id.betang.gateway.audit.Disclosure;
import id.betang.gateway.audit.DisclosureAudit;
import id.betang.gateway.identity.NikGuard;
import id.betang.gateway.identity.NikHash;
import id.betang.gateway.ops.Mask;
import id.betang.gateway.outbox.Outbox;
import id.betang.gateway.registry.Registry;
import id.betang.gateway.registry.RegistryClient;
import id.betang.gateway.registry.RegistryProblem;
import id.betang.gateway.store.Database;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

/**
 * Disbursement reminders (INGATKAN): on a schedule, during the day in Palangka Raya, each opted-in phone gets
 * one SMS for each of its household's disbursements due tomorrow. Every instance may run the check: the
 * record of a sent reminder, its SMS and its row in the disclosure audit are one transaction, so each reminder
 * goes out once and is audited once. Phones that sent STOP get none (reminders are not essential).
 *
 * <p>A sign-up acts on a confirmation given when it was made, so the confirmation is checked again at each send
 * (DESIGN.md, Identity): the registry is asked whether the phone is still one of the household's, and a phone
 * that is not must still hold a confirmation for that NIK by the lookups' own rule ({@link NikGuard}). When it
 * holds neither, or the NIK is gone from the registry, the sign-up ends (recorded, audited) and nothing is sent;
 * when the registry cannot answer, nothing is sent this time and the sign-up waits for the next check.
 * The NIK is kept only as its keyed hash and sealed ({@link NikSeal}), never in clear.
 */
public final class Reminders {

    /** Why a sign-up ended: the phone is not (or no longer) the household's, and holds no confirmation. */
    static final String NOT_HOUSEHOLD = "NOT_HOUSEHOLD";
    /** Why a sign-up ended: the registry no longer knows the NIK. */
    static final String NOT_FOUND = "NOT_FOUND";

    private static final Logger LOG = LoggerFactory.getLogger(Reminders.class);
    private static final ZoneId WIB = ZoneId.of("Asia/Jakarta");
    private static final int PAGE = 200;

    private final Vertx vertx;
    private final Database database;
    private final Outbox outbox;
    private final Subscribers subscribers;
    private final RegistryClient registry;
    private final NikGuard guard;
    private final NikHash hash;
    private final NikSeal seal;
    private final Clock clock;
    private final int fromHour;
    private final int untilHour;
    /** (reminder's language, the disbursement) → the SMS text */
    private final BiFunction<String, Registry.Disbursement, String> text;
    private long timer = -1;
    private boolean running;

    /** @param nikKey the NIK hash secret: the seal's key is derived from it */
    public Reminders(Vertx vertx, Database database, Outbox outbox, Subscribers subscribers, RegistryClient registry,
                     NikGuard guard, NikHash hash, String nikKey, Clock clock, int fromHour, int untilHour,
                     BiFunction<String, Registry.Disbursement, String> text) {
        this.vertx = vertx;
        this.database = database;
        this.outbox = outbox;
        this.subscribers = subscribers;
        this.registry = registry;
        this.guard = guard;
        this.hash = hash;
        this.seal = new NikSeal(nikKey);
        this.clock = clock;
        this.fromHour = fromHour;
        this.untilHour = untilHour;
        this.text = text;
    }

    /** Records an opt-in (or renews one that ended). Blocking. */
    public void optIn(String msisdn, String nik, String lang) {
        try (SqlSession session = database.sessions().openSession(true)) {
            session.getMapper(ReminderMapper.class).upsert(msisdn, hash.of(nik), seal.seal(nik), lang);
        }
    }

    /** Seals the sign-ups kept from before, then checks every {@code every}. */
    public void start(Duration every) {
        vertx.executeBlocking(this::sealOldSignUps, false)
                .onSuccess(n -> {
                    if (n > 0) {
                        LOG.info("{} reminder sign-up(s) from before had their NIK sealed", n);
                    }
                })
                .onFailure(e -> LOG.warn("reminder sign-ups from before not sealed yet: {}", e.toString()));
        timer = vertx.setPeriodic(Math.max(1000, every.toMillis() / 10), every.toMillis(), t -> check());
    }

    public void stop() {
        vertx.cancelTimer(timer);
    }

    /** Rows of V7 held the NIK in clear: each gets its hash and seal, its sent reminders the hash. Blocking. */
    int sealOldSignUps() {
        int sealed = 0;
        while (true) {
            int page = database.inTransaction(session -> {
                ReminderMapper mapper = session.getMapper(ReminderMapper.class);
                int n = 0;
                for (ReminderMapper.Unsealed old : mapper.unsealed(PAGE)) {
                    String nikHash = hash.of(old.nik());
                    mapper.rekeySent(old.nik(), nikHash);
                    n += mapper.seal(old.id(), nikHash, seal.seal(old.nik()));
                }
                return n;
            });
            if (page == 0) {
                return sealed;
            }
            sealed += page;
        }
    }

    /** One pass over every opt-in, unless one is still running or it is night in Central Kalimantan. */
    public synchronized void check() {
        int hour = ZonedDateTime.now(clock.withZone(WIB)).getHour();
        if (running || hour < fromHour || hour >= untilHour) {
            return;
        }
        running = true;
        LocalDate tomorrow = LocalDate.now(clock.withZone(WIB)).plusDays(1);
        page(0, tomorrow).onComplete(done -> {
            if (done.failed()) {
                LOG.warn("reminder check stopped: {}", done.cause().toString());
            }
            synchronized (this) {
                running = false;
            }
        });
    }

    private Future<Void> page(long afterId, LocalDate tomorrow) {
        return blocking(() -> {
            try (SqlSession session = database.sessions().openSession(true)) {
                return session.getMapper(ReminderMapper.class).page(afterId, PAGE);
            }
        }).compose(reminders -> {
            if (reminders.isEmpty()) {
                return Future.succeededFuture();
            }
            return Future.join(reminders.stream().map(r -> remind(r, tomorrow)).toList())
                    .transform(v -> reminders.size() < PAGE ? Future.succeededFuture()
                            : page(reminders.get(reminders.size() - 1).id(), tomorrow));
        });
    }

    private Future<Void> remind(ReminderMapper.Reminder r, LocalDate tomorrow) {
        String nik;
        try {
            nik = seal.open(r.nikSealed());
        } catch (IllegalArgumentException e) {
            LOG.warn("reminder {} of {} not sent: its NIK does not open (was the NIK hash secret changed?)", r.id(),
                    Mask.msisdn(r.msisdn()));
            return Future.succeededFuture();
        }
        return registry.disbursements(nik, tomorrow).compose(list -> {
            List<Registry.Disbursement> due = list.stream()
                    .filter(d -> d.date().equals(tomorrow) && d.stillToCome()).toList();
            if (due.isEmpty()) {
                return Future.<Void>succeededFuture();
            }
            return blocking(() -> subscribers.optedOut(r.msisdn())).compose(optedOut -> optedOut
                    ? Future.<Void>succeededFuture()
                    : whyNot(r, nik).compose(why -> why == null ? send(r, due) : end(r, why)));
        }).recover(e -> {
            LOG.info("no reminder for {} this time: {}", Mask.msisdn(r.msisdn()), Mask.numbersIn(e.getMessage()));
            return Future.succeededFuture();
        });
    }

    /**
     * Asked at each send: may this phone still see the household's schedule? A household phone in the registry
     * may; any other phone only while it holds a confirmation for the NIK, as a lookup would need.
     *
     * @return null when it may, else why the sign-up ends; failed when the registry or Redis cannot tell now
     */
    private Future<String> whyNot(ReminderMapper.Reminder r, String nik) {
        return registry.resident(nik)
                .compose(resident -> resident.householdPhone(r.msisdn()) ? Future.succeededFuture(true)
                        : guard.isVerified(r.msisdn(), r.nikHash()))
                .map(allowed -> allowed ? (String) null : NOT_HOUSEHOLD)
                .recover(e -> RegistryProblem.isNotFound(e) ? Future.succeededFuture(NOT_FOUND) : Future.failedFuture(e));
    }

    /** The reminders, each with the record that it was sent and its audit row, in one transaction. */
    private Future<Void> send(ReminderMapper.Reminder r, List<Registry.Disbursement> due) {
        return blocking(() -> {
            for (Registry.Disbursement d : due) {
                database.inTransaction(session -> {
                    if (session.getMapper(ReminderMapper.class).markSent(r.msisdn(), r.nikHash(), d.program(), d.date()) == 1) {
                        outbox.enqueue(session, r.msisdn(), text.apply(r.lang(), d), "reminder");
                        DisclosureAudit.record(session, disclosure(r, Disclosure.Outcome.SENT_BY_SMS));
                    }
                    return null;
                });
            }
            outbox.committed();
            return null;
        });
    }

    private Future<Void> end(ReminderMapper.Reminder r, String why) {
        return blocking(() -> {
            boolean ended = database.inTransaction(session -> {
                if (session.getMapper(ReminderMapper.class).end(r.id(), why) == 1) {
                    DisclosureAudit.record(session, disclosure(r, Disclosure.Outcome.ENDED));
                    return true;
                }
                return false;
            });
            if (ended) {
                LOG.info("reminders for {} ended: {}", Mask.msisdn(r.msisdn()), why);
            }
            return null;
        });
    }

    private static Disclosure disclosure(ReminderMapper.Reminder r, Disclosure.Outcome outcome) {
        return new Disclosure(r.nikHash(), r.msisdn(), null, SmsInbox.CHANNEL, Disclosure.Subject.REMINDER, outcome);
    }

    private <T> Future<T> blocking(java.util.concurrent.Callable<T> work) {
        return vertx.executeBlocking(work, false);
    }
}
