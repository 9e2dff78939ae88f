package id.betang.gateway.complaint;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiFunction;

import org.apache.ibatis.session.SqlSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import id.betang.gateway.outbox.Outbox;
import id.betang.gateway.store.Database;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;

/**
 * Keeps a complainant informed, as grievance practice asks: a complaint whose status has not changed for the
 * quiet period gets one SMS saying it is still being handled and whom to ask, once per period, by day (the
 * reminder hours). Any instance may run the pass; the UPDATE that takes a complaint's SMS re-checks the
 * condition, so one SMS goes however many instances look. The SMS is queued in that UPDATE's transaction, as a
 * ticket update (essential: it reaches phones that sent STOP). How many complaints are quiet is a gauge the
 * helpdesk alerts on.
 */
public final class QuietComplaints {

    private static final Logger LOG = LoggerFactory.getLogger(QuietComplaints.class);
    private static final ZoneId WIB = ZoneId.of("Asia/Jakarta");
    private static final int BATCH = 200;

    private final Vertx vertx;
    private final Database database;
    private final Outbox outbox;
    private final long quietSeconds;
    private final Clock clock;
    private final int fromHour;
    private final int untilHour;
    private final BiFunction<String, Complaint, String> text;
    private final Counter sent;
    private final AtomicLong quiet = new AtomicLong();
    private long timer = -1;

    /** @param text the SMS for a complaint, given the complainant's phone (for its language) */
    public QuietComplaints(Vertx vertx, Database database, Outbox outbox, Duration quietFor, Clock clock, int fromHour,
                           int untilHour, BiFunction<String, Complaint, String> text, MeterRegistry metrics) {
        this.vertx = vertx;
        this.database = database;
        this.outbox = outbox;
        this.quietSeconds = quietFor.toSeconds();
        this.clock = clock;
        this.fromHour = fromHour;
        this.untilHour = untilHour;
        this.text = text;
        this.sent = Counter.builder("betang_complaint_quiet_sms")
                .description("Still-being-handled SMS sent for complaints with no status change for the quiet period")
                .register(metrics);
        Gauge.builder("betang_complaints_quiet", quiet, AtomicLong::get)
                .description("Open complaints with no status change for the quiet period (all instances)")
                .register(metrics);
    }

    public void start(Duration every) {
        timer = vertx.setPeriodic(1_000, every.toMillis(), t -> vertx.executeBlocking(() -> {
            pass();
            return null;
        }, false).onFailure(e -> LOG.warn("quiet complaints pass failed: {}", e.toString())));
    }

    public void stop() {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    /** Counts the quiet complaints and, by day, queues their SMS. Blocking. @return SMS queued */
    public int pass() {
        try (SqlSession session = database.sessions().openSession(true)) {
            quiet.set(session.getMapper(QuietMapper.class).countQuiet(quietSeconds));
        }
        int hour = ZonedDateTime.now(clock.withZone(WIB)).getHour();
        if (hour < fromHour || hour >= untilHour) {
            return 0;
        }
        int queued = 0;
        List<Complaint> due;
        do {
            try (SqlSession session = database.sessions().openSession(true)) {
                due = session.getMapper(QuietMapper.class).due(quietSeconds, BATCH);
            }
            for (Complaint c : due) {
                queued += tell(c);
            }
        } while (due.size() == BATCH);
        if (queued > 0) {
            LOG.info("{} quiet complaint(s) told they are still being handled", queued);
        }
        return queued;
    }

    private int tell(Complaint c) {
        int told = database.inTransaction(session -> {
            if (session.getMapper(QuietMapper.class).take(c.ticketId(), quietSeconds) != 1) {
                return 0;
            }
            outbox.enqueue(session, c.msisdn(), text.apply(c.msisdn(), c), "ticket-update");
            return 1;
        });
        if (told == 1) {
            sent.increment();
        }
        return told;
    }
}
