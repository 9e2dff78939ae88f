package id.betang.gateway.outbox;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.ibatis.session.SqlSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import id.betang.gateway.store.Database;

/**
 * The claims this instance still holds, kept alive while their rows wait in memory (in the sender's queue, or
 * in a bind's window for a slow submit_sm_resp). A claim that runs out while its row waits would let another
 * instance, or this one, send the row again; so every third of the lease one UPDATE renews all held claims by
 * token, whatever the number of rows (no round trip per message).
 *
 * <p>Each claim also knows, by this JVM's monotonic clock, until when its lease surely holds: measured from
 * before the claiming or renewing statement, so never later than the database's own deadline. A row is handed
 * to a bind only while at least one renewal interval of its lease is left; if renewals fail (MySQL away), the
 * rows still waiting are not sent but left for whoever holds them after the lease.
 */
final class ClaimLeases {

    private static final Logger LOG = LoggerFactory.getLogger(ClaimLeases.class);
    private static final int MAX_TOKENS_PER_STATEMENT = 500;

    private final Database database;
    private final Duration lease;
    private final long renewEveryNanos;
    private final Map<String, Claim> held = new ConcurrentHashMap<>();
    private Thread renewer;
    private volatile boolean running;

    ClaimLeases(Database database, Duration lease) {
        this.database = database;
        this.lease = lease;
        this.renewEveryNanos = lease.toNanos() / 3;
    }

    /** Time since {@code claimStartedNanos} counts against the lease: take it before the claiming UPDATE. */
    void claimed(String token, int rows, long claimStartedNanos) {
        if (rows > 0) {
            held.put(token, new Claim(rows, claimStartedNanos + lease.toNanos()));
        }
    }

    /** A claim whose rows this instance will not send after all (the claiming round failed). */
    void forget(String token) {
        held.remove(token);
    }

    /** One row of this claim has its outcome written: its lease needs no more renewing. */
    void settled(String token) {
        held.computeIfPresent(token, (t, claim) -> claim.rowsLeft.decrementAndGet() == 0 ? null : claim);
    }

    /** Whether a row of this claim may still go to a bind: its lease surely outlasts the next renewal. */
    boolean safeToSend(String token) {
        Claim claim = held.get(token);
        return claim != null && System.nanoTime() < claim.leaseUntilNanos - renewEveryNanos;
    }

    int heldClaims() {
        return held.size();
    }

    void start() {
        running = true;
        renewer = new Thread(this::renewLoop, "outbox-lease");
        renewer.setDaemon(true);
        renewer.start();
    }

    void stop() {
        running = false;
        if (renewer != null) {
            renewer.interrupt();
            try {
                renewer.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void renewLoop() {
        while (running) {
            try {
                Thread.sleep(Math.max(1, renewEveryNanos / 1_000_000));
            } catch (InterruptedException e) {
                return;
            }
            try {
                renew();
            } catch (RuntimeException e) {
                // rows not yet handed to a bind stop being sent once their lease is too short (safeToSend)
                LOG.warn("could not renew {} outbox claim(s): {}", held.size(), e.getMessage());
            }
        }
    }

    /** One UPDATE (per 500 claims) for every claim still held. */
    void renew() {
        long started = System.nanoTime();
        // a claim whose lease may have run out is not revived: another instance may hold its rows by now
        List<String> tokens = new ArrayList<>();
        held.forEach((token, claim) -> {
            if (started < claim.leaseUntilNanos) {
                tokens.add(token);
            }
        });
        if (tokens.isEmpty()) {
            return;
        }
        try (SqlSession session = database.sessions().openSession(true)) {
            OutboxMapper mapper = session.getMapper(OutboxMapper.class);
            for (int from = 0; from < tokens.size(); from += MAX_TOKENS_PER_STATEMENT) {
                mapper.renewClaims(tokens.subList(from, Math.min(tokens.size(), from + MAX_TOKENS_PER_STATEMENT)),
                        lease.toMillis());
            }
        }
        long until = started + lease.toNanos();
        for (String token : tokens) {
            held.computeIfPresent(token, (t, claim) -> claim.renewedUntil(until));
        }
    }

    private static final class Claim {
        final AtomicInteger rowsLeft;
        volatile long leaseUntilNanos;

        Claim(int rows, long leaseUntilNanos) {
            this.rowsLeft = new AtomicInteger(rows);
            this.leaseUntilNanos = leaseUntilNanos;
        }

        Claim renewedUntil(long until) {
            leaseUntilNanos = until;
            return this;
        }
    }
}
