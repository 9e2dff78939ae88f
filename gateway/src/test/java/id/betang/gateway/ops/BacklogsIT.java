package id.betang.gateway.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import id.betang.gateway.config.GatewayConfig;
import id.betang.gateway.store.Database;
import id.betang.gateway.testing.TestStorage;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;

/**
 * The backlog gauges alert rules watch, counted by the real MariaDB from rows dated back with SQL: only what
 * still waits counts (sent SMS, processed MO and accepted complaints do not), and the oldest age is the
 * database's, not the JVM's.
 */
class BacklogsIT {

    private static String url;
    private static Database database;
    private static Vertx vertx;

    @BeforeAll
    static void open() throws Exception {
        url = TestStorage.freshDatabase("backlogs");
        database = Database.open(new GatewayConfig.Mysql(url, TestStorage.mysqlUser(), TestStorage.mysqlPassword()));
        vertx = Vertx.vertx();
        // waiting: two MT (one queued 10 min ago, one being sent), one MO part; done: one sent MT, one processed MO
        sql("INSERT INTO outbox_sms (msisdn, body, category, status, created_at) VALUES"
                + " ('6281300000001', 'x', 'ticket', 'QUEUED', NOW(3) - INTERVAL 10 MINUTE),"
                + " ('6281300000002', 'x', 'ticket', 'SENDING', NOW(3) - INTERVAL 1 MINUTE),"
                + " ('6281300000003', 'x', 'ticket', 'SENT', NOW(3) - INTERVAL 1 DAY)");
        sql("INSERT INTO sms_inbox (msisdn, destination, body, state, received_at) VALUES"
                + " ('6281300000004', '7777', 'x', 'NEW', NOW(3) - INTERVAL 90 SECOND),"
                + " ('6281300000005', '7777', 'x', 'DONE', NOW(3) - INTERVAL 1 HOUR)");
        for (String[] c : new String[][] {{"HB7K3Q9P", "PENDING"}, {"HB7K3Q9Q", "ATTENTION"}, {"HB7K3Q9R", "ATTENTION"},
                {"HB7K3Q9S", "ACCEPTED"}}) {
            sql("INSERT INTO complaint (ticket_id, category, channel, msisdn, body) VALUES ('" + c[0]
                    + "', 'OTHER', 'SMS', '6281300000006', 'x')");
            sql("INSERT INTO complaint_forward (ticket_id, status) VALUES ('" + c[0] + "', '" + c[1] + "')");
        }
    }

    @AfterAll
    static void close() {
        vertx.close().await();
        database.close();
        TestStorage.dropDatabase(url);
    }

    private static void sql(String statement) throws Exception {
        TestStorage.execute(url, statement);
    }

    @Test
    void countsOnlyWhatStillWaitsAndHowOldTheOldestIs() {
        SimpleMeterRegistry metrics = new SimpleMeterRegistry();
        Backlogs backlogs = new Backlogs(vertx, database, metrics);
        backlogs.start(Duration.ofMillis(200));
        try {
            Awaitility.await().atMost(Duration.ofSeconds(30))
                    .until(() -> gauge(metrics, "betang_outbox_waiting") == 2 && gauge(metrics, "betang_complaints_attention") == 2);
            assertEquals(1, gauge(metrics, "betang_inbox_waiting"));
            assertEquals(1, gauge(metrics, "betang_complaints_unforwarded"));
            double outboxAge = gauge(metrics, "betang_outbox_oldest_waiting_seconds");
            assertEquals(600, outboxAge, 60, "the QUEUED row of 10 minutes ago, not the SENT one of a day ago");
            assertEquals(90, gauge(metrics, "betang_inbox_oldest_waiting_seconds"), 60);
        } finally {
            backlogs.stop();
        }
    }

    private static double gauge(SimpleMeterRegistry metrics, String name) {
        return metrics.get(name).gauge().value();
    }
}
