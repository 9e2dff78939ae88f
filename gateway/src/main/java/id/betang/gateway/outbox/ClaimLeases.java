package id.betang.gateway.outbox;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.ibatis.session.SqlSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import id.betang.gateway.store.Database;

/**
 * The claims this instance still holds, kept alive while their rows wait in memory (in the sender's queue, or
 * in a bind's window for a slow submit_sm_resp). A claim that runs out while its row waits would let another
 * instance, or this one, send the row again; so every third of the lease one UPDATE renews every row still
 * held, by primary key and claim token (no round trip per message, and no scan: claim_token has no index).
 *
 * <p>Each claim also knows, by this JVM's monotonic clock, until when its lease surely holds: measured from
 * before the claiming or renewing statement, so never later than the database's own deadline. A row is handed
 * to a bind only while at least one renewal interval of its lease is left; if renewals fail (MySQL away), the
 * rows still waiting are not sent but left for whoever holds them after the lease.
 */
final class ClaimLeases {

    private static final Logger LOG = LoggerFactory.getLogger(ClaimLeases.class);

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
    void claimed(String token, Collection<Long> rowIds, long claimStartedNanos) {
        if (!rowIds.isEmpty()) {
            held.put(token, new Claim(rowIds, claimStartedNanos + lease.toNanos()));
        }
    }

    /**
     * A claim whose rows this instance will not send after all (the claiming round failed, or its lease may
     * have run out): no longer renewed, so its rows return to the outbox after the lease.
     */
    void forget(String token) {
        held.remove(token);
    }

    /** One row of this claim has its outcome written: its lease needs no more renewing. */
    void settled(String token, long rowId) {
        held.computeIfPresent(token, (t, claim) -> {
            claim.rowIds.remove(rowId);
            return claim.rowIds.isEmpty() ? null : claim;
        });
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

    /** One UPDATE (per {@link RowIds#PER_STATEMENT} rows) for every row of every claim still held. */
    void renew() {
        long started = System.nanoTime();
        // a claim whose lease may have run out is not revived: another instance may hold its rows by now
        List<String> tokens = new ArrayList<>();
        List<Long> rowIds = new ArrayList<>();
        held.forEach((token, claim) -> {
            if (started < claim.leaseUntilNanos) {
                tokens.add(token);
                rowIds.addAll(claim.rowIds);
            }
        });
        if (rowIds.isEmpty()) {
            return;
        }
        rowIds.sort(null); // locked in id order, as the recorder locks them: they queue rather than deadlock
        try (SqlSession session = database.sessions().openSession(true)) {
            OutboxMapper mapper = session.getMapper(OutboxMapper.class);
            RowIds.chunks(rowIds).forEach(chunk -> mapper.renewClaims(chunk, tokens, lease.toMillis()));
        }
        long until = started + lease.toNanos();
        for (String token : tokens) {
            held.computeIfPresent(token, (t, claim) -> claim.renewedUntil(until));
        }
    }

    private static final class Claim {
        final Set<Long> rowIds = ConcurrentHashMap.newKeySet();
        volatile long leaseUntilNanos;

        Claim(Collection<Long> rowIds, long leaseUntilNanos) {
            this.rowIds.addAll(rowIds);
            this.leaseUntilNanos = leaseUntilNanos;
        }

        Claim renewedUntil(long until) {
            leaseUntilNanos = until;
            return this;
        }
    }
}
