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

import id.betang.gateway.ops.Mask;
import id.betang.gateway.outbox.Outbox;
import id.betang.gateway.registry.Registry;
import id.betang.gateway.registry.RegistryClient;
import id.betang.gateway.store.Database;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

/**
 * Disbursement reminders (INGATKAN): on a schedule, during the day in Palangka Raya, each opted-in phone gets
 * one SMS for each of its household's disbursements due tomorrow. Every instance may run the check: the
 * record of a sent reminder and its SMS are one transaction, so each reminder goes out once. Phones that sent
 * STOP get none (reminders are not essential).
 */
public final class Reminders {

    private static final Logger LOG = LoggerFactory.getLogger(Reminders.class);
    private static final ZoneId WIB = ZoneId.of("Asia/Jakarta");
    private static final int PAGE = 200;

    private final Vertx vertx;
    private final Database database;
    private final Outbox outbox;
    private final Subscribers subscribers;
    private final RegistryClient registry;
    private final Clock clock;
    private final int fromHour;
    private final int untilHour;
    /** (reminder's language, the disbursement) → the SMS text */
    private final BiFunction<String, Registry.Disbursement, String> text;
    private long timer = -1;
    private boolean running;

    public Reminders(Vertx vertx, Database database, Outbox outbox, Subscribers subscribers, RegistryClient registry,
                     Clock clock, int fromHour, int untilHour, BiFunction<String, Registry.Disbursement, String> text) {
        this.vertx = vertx;
        this.database = database;
        this.outbox = outbox;
        this.subscribers = subscribers;
        this.registry = registry;
        this.clock = clock;
        this.fromHour = fromHour;
        this.untilHour = untilHour;
        this.text = text;
    }

    /** Records an opt-in. Blocking. */
    public void optIn(String msisdn, String nik, String lang) {
        try (SqlSession session = database.sessions().openSession(true)) {
            session.getMapper(ReminderMapper.class).upsert(msisdn, nik, lang);
        }
    }

    public void start(Duration every) {
        timer = vertx.setPeriodic(Math.max(1000, every.toMillis() / 10), every.toMillis(), t -> check());
    }

    public void stop() {
        vertx.cancelTimer(timer);
    }

    /** One pass over every opt-in, unless one is still running or it is night in Central Kalimantan. */
    public synchronized void check() {
        int hour = ZonedDateTime.now(clock.withZone(WIB)).getHour();
        if (running || hour < fromHour || hour >= untilHour) {
            return;
        }
        running = true;
        LocalDate tomorrow = LocalDate.now(clock.withZone(WIB)).plusDays(1);
        page("", "", tomorrow).onComplete(done -> {
            if (done.failed()) {
                LOG.warn("reminder check stopped: {}", done.cause().toString());
            }
            synchronized (this) {
                running = false;
            }
        });
    }

    private Future<Void> page(String afterMsisdn, String afterNik, LocalDate tomorrow) {
        return vertx.executeBlocking(() -> {
            try (SqlSession session = database.sessions().openSession(true)) {
                return session.getMapper(ReminderMapper.class).page(afterMsisdn, afterNik, PAGE);
            }
        }, false).compose(reminders -> {
            if (reminders.isEmpty()) {
                return Future.succeededFuture();
            }
            return Future.join(reminders.stream().map(r -> remind(r, tomorrow)).toList())
                    .transform(v -> {
                        ReminderMapper.Reminder last = reminders.get(reminders.size() - 1);
                        return reminders.size() < PAGE ? Future.succeededFuture()
                                : page(last.msisdn(), last.nik(), tomorrow);
                    });
        });
    }

    private Future<Void> remind(ReminderMapper.Reminder r, LocalDate tomorrow) {
        return registry.disbursements(r.nik(), tomorrow).compose(list -> vertx.executeBlocking(() -> {
            List<Registry.Disbursement> due = list.stream()
                    .filter(d -> d.date().equals(tomorrow) && d.stillToCome()).toList();
            if (due.isEmpty() || subscribers.optedOut(r.msisdn())) {
                return null;
            }
            for (Registry.Disbursement d : due) {
                try (SqlSession session = database.sessions().openSession(false)) {
                    if (session.getMapper(ReminderMapper.class).markSent(r.msisdn(), r.nik(), d.program(), d.date()) == 1) {
                        outbox.enqueue(session, r.msisdn(), text.apply(r.lang(), d), "reminder");
                    }
                    session.commit();
                }
            }
            outbox.committed();
            return null;
        }, false)).recover(e -> {
            LOG.info("no reminder for {} this time: {}", Mask.msisdn(r.msisdn()), Mask.numbersIn(e.getMessage()));
            return Future.succeededFuture();
        }).mapEmpty();
    }
}
