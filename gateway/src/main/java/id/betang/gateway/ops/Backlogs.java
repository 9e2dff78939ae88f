package id.betang.gateway.ops;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import id.betang.gateway.store.Database;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;

/**
 * What waits in MySQL, as gauges an alert rule can watch: MT not yet sent and how old the oldest is, MO not yet
 * processed, complaints the registry has not taken, and complaints the registry refused (ATTENTION: a person
 * must look). Counted by the database every few seconds on a worker thread, so every instance reports the same
 * shared figures (alert rules take the max over instances); a scrape never waits for a query.
 */
public final class Backlogs {

    private static final Logger LOG = LoggerFactory.getLogger(Backlogs.class);
    /** Along the (status, …) indexes: a count of what is pending, never a scan of what was sent. */
    private static final String OUTBOX = "SELECT COUNT(*), COALESCE(TIMESTAMPDIFF(SECOND, MIN(created_at), NOW(3)), 0)"
            + " FROM outbox_sms WHERE status IN ('QUEUED', 'SENDING')";
    private static final String INBOX = "SELECT COUNT(*), COALESCE(TIMESTAMPDIFF(SECOND, MIN(received_at), NOW(3)), 0)"
            + " FROM sms_inbox WHERE state IN ('NEW', 'CLAIMED')";
    private static final String FORWARDS = "SELECT SUM(status = 'PENDING'), SUM(status = 'ATTENTION')"
            + " FROM complaint_forward WHERE status IN ('PENDING', 'ATTENTION')";

    private final Vertx vertx;
    private final Database database;
    private final AtomicLong outboxWaiting = new AtomicLong();
    private final AtomicLong outboxOldestSeconds = new AtomicLong();
    private final AtomicLong inboxWaiting = new AtomicLong();
    private final AtomicLong inboxOldestSeconds = new AtomicLong();
    private final AtomicLong forwardsPending = new AtomicLong();
    private final AtomicLong forwardsAttention = new AtomicLong();
    private long timer = -1;
    private volatile boolean failing;

    public Backlogs(Vertx vertx, Database database, MeterRegistry metrics) {
        this.vertx = vertx;
        this.database = database;
        gauge(metrics, "betang_outbox_waiting", outboxWaiting, "MT SMS queued or being sent, not yet accepted by the SMSC");
        gauge(metrics, "betang_outbox_oldest_waiting_seconds", outboxOldestSeconds,
                "Age of the oldest MT SMS not yet accepted by the SMSC");
        gauge(metrics, "betang_inbox_waiting", inboxWaiting, "MO SMS parts stored but not yet processed");
        gauge(metrics, "betang_inbox_oldest_waiting_seconds", inboxOldestSeconds,
                "Age of the oldest MO SMS part stored but not yet processed");
        gauge(metrics, "betang_complaints_unforwarded", forwardsPending,
                "Complaints stored that the registry has not yet taken (all instances)");
        gauge(metrics, "betang_complaints_attention", forwardsAttention,
                "Complaints the registry refused: they wait for a person (ATTENTION)");
    }

    private static void gauge(MeterRegistry metrics, String name, AtomicLong value, String description) {
        Gauge.builder(name, value, AtomicLong::get).description(description).register(metrics);
    }

    public void start(Duration every) {
        refresh();
        timer = vertx.setPeriodic(every.toMillis(), t -> refresh());
    }

    public void stop() {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    private void refresh() {
        vertx.executeBlocking(() -> {
            count();
            return null;
        }, false).onComplete(done -> {
            // one line when counting stops working and one when it works again: /ready says why MySQL is down
            if (done.failed() != failing) {
                failing = done.failed();
                if (failing) {
                    LOG.warn("backlog gauges not refreshed (they keep their last figures): {}", done.cause().toString());
                } else {
                    LOG.info("backlog gauges refreshed again");
                }
            }
        });
    }

    private void count() throws SQLException {
        try (Connection c = database.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.setQueryTimeout(5);
            read(s, OUTBOX, outboxWaiting, outboxOldestSeconds);
            read(s, INBOX, inboxWaiting, inboxOldestSeconds);
            read(s, FORWARDS, forwardsPending, forwardsAttention);
        }
    }

    private static void read(Statement s, String sql, AtomicLong first, AtomicLong second) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            first.set(rs.getLong(1));
            second.set(rs.getLong(2));
        }
    }
}
