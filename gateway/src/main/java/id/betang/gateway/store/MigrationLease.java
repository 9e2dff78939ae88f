package id.betang.gateway.store;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lets one instance at a time run the Flyway migrations, on every engine the gateway supports. Flyway's own
 * guard does not hold on Galera: with {@code wsrep_on=ON} it skips {@code GET_LOCK} (MariaDB refuses it in a
 * cluster) for a {@code SELECT … FOR UPDATE} on its history table, which is node-local and let go by the first
 * DDL's implicit commit (flyway/flyway#1975, #4271), so instances starting together applied the same
 * migration twice. The lease is a row with a primary key: two nodes inserting it at once are told apart by
 * Galera's certification (and by InnoDB on one server), so exactly one holds it. It is renewed while held
 * and lapses when its holder dies, so a kill -9 half-way through migrating does not block the next start.
 * The table lives outside Flyway because it has to exist before Flyway runs; CREATE TABLE IF NOT EXISTS is
 * safe to race (a DDL is applied in total order on Galera).
 */
final class MigrationLease implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(MigrationLease.class);
    static final Duration LEASE = Duration.ofSeconds(60);
    private static final Duration RENEW_EVERY = Duration.ofSeconds(15);
    /** Longer than any migration the gateway ships; an instance that waits longer fails its start, loudly. */
    static final Duration WAIT_AT_MOST = Duration.ofMinutes(10);

    private final String url;
    private final String user;
    private final String password;
    private final String holder = UUID.randomUUID().toString();
    private final ScheduledExecutorService renewal = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "migration-lease");
        t.setDaemon(true);
        return t;
    });

    private MigrationLease(String url, String user, String password) {
        this.url = url;
        this.user = user;
        this.password = password;
    }

    /** Returns once this instance holds the lease; close it when the migrations are done. */
    static MigrationLease take(String url, String user, String password) {
        MigrationLease lease = new MigrationLease(url, user, password);
        lease.await();
        return lease;
    }

    private void await() {
        long deadline = System.nanoTime() + WAIT_AT_MOST.toNanos();
        boolean told = false;
        while (true) {
            try {
                if (tryTake()) {
                    renewal.scheduleWithFixedDelay(this::renew, RENEW_EVERY.toMillis(), RENEW_EVERY.toMillis(),
                            TimeUnit.MILLISECONDS);
                    return;
                }
            } catch (SQLException e) {
                if (!lostRace(e)) {
                    // no server, no schema, no rights: fail the start at once, as before there was a lease
                    renewal.shutdownNow();
                    throw new IllegalStateException("cannot take the migration lease: " + e.getMessage(), e);
                }
                // another node's insert won certification, or a DDL elsewhere aborted ours: look again
            }
            if (!told) {
                LOG.info("another instance is migrating the schema; waiting for it");
                told = true;
            }
            if (System.nanoTime() > deadline) {
                renewal.shutdownNow();
                throw new IllegalStateException("another instance held the migration lease for more than "
                        + WAIT_AT_MOST + " (table migration_lease)");
            }
            sleep(250 + ThreadLocalRandom.current().nextInt(500));
        }
    }

    /** Takes a free or lapsed lease; true when the row now names us. */
    private boolean tryTake() throws SQLException {
        try (Connection c = DriverManager.getConnection(url, user, password)) {
            c.createStatement().execute("CREATE TABLE IF NOT EXISTS migration_lease ("
                    + " name VARCHAR(32) NOT NULL PRIMARY KEY,"
                    + " holder CHAR(36) NOT NULL,"
                    + " lease_until TIMESTAMP(3) NOT NULL"
                    + ") ENGINE = InnoDB");
            // a waiter only reads: a write of its own, even one that changes nothing, would be certified
            // against the holder's and could abort the holder's release
            try (ResultSet rs = c.createStatement().executeQuery("SELECT lease_until > NOW(3) FROM migration_lease"
                    + " WHERE name = 'flyway'")) {
                if (rs.next() && rs.getBoolean(1)) {
                    return false;
                }
            }
            // one statement, autocommit: Galera certifies it against any other node's at once
            try (PreparedStatement take = c.prepareStatement("INSERT INTO migration_lease (name, holder, lease_until)"
                    + " VALUES ('flyway', ?, NOW(3) + INTERVAL " + LEASE.toSeconds() + " SECOND)"
                    + " ON DUPLICATE KEY UPDATE"
                    + " holder = IF(lease_until < NOW(3), VALUES(holder), holder),"
                    + " lease_until = IF(holder = VALUES(holder), VALUES(lease_until), lease_until)")) {
                take.setString(1, holder);
                take.executeUpdate();
            }
            // read on the node that just committed (or declined) our write: it sees its own outcome
            try (PreparedStatement who = c.prepareStatement("SELECT holder FROM migration_lease WHERE name = 'flyway'");
                 ResultSet rs = who.executeQuery()) {
                return rs.next() && holder.equals(rs.getString(1));
            }
        }
    }

    /** True when nothing but the lease's table is in the schema: no history, no tables of the gateway's. */
    boolean schemaIsNew() {
        try (Connection c = DriverManager.getConnection(url, user, password);
             ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM information_schema.tables"
                     + " WHERE table_schema = DATABASE() AND table_name <> 'migration_lease'")) {
            return rs.next() && rs.getInt(1) == 0;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the schema: " + e.getMessage(), e);
        }
    }

    /** A deadlock or certification conflict (1213, 40001) or a lock wait (1205): someone else got there first. */
    private static boolean lostRace(SQLException e) {
        return e.getErrorCode() == 1213 || e.getErrorCode() == 1205 || "40001".equals(e.getSQLState());
    }

    private void renew() {
        try (Connection c = DriverManager.getConnection(url, user, password);
             PreparedStatement s = c.prepareStatement("UPDATE migration_lease SET lease_until = NOW(3) + INTERVAL "
                     + LEASE.toSeconds() + " SECOND WHERE name = 'flyway' AND holder = ?")) {
            s.setString(1, holder);
            s.executeUpdate();
        } catch (SQLException e) {
            // the next renewal tries again; the lease is four renewals long
            LOG.warn("migration lease not renewed: {}", e.getMessage());
        }
    }

    /** Gives the lease up, so the next instance need not wait for it to lapse. */
    @Override
    public void close() {
        renewal.shutdownNow();
        for (int attempt = 1; ; attempt++) {
            try (Connection c = DriverManager.getConnection(url, user, password);
                 PreparedStatement s = c.prepareStatement("DELETE FROM migration_lease WHERE name = 'flyway' AND holder = ?")) {
                s.setString(1, holder);
                s.executeUpdate();
                return;
            } catch (SQLException e) {
                if (attempt >= 5 || !lostRace(e)) {
                    LOG.warn("migration lease not given up, it lapses in {}: {}", LEASE, e.getMessage());
                    return;
                }
                sleep(100L * attempt);
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the migration lease", e);
        }
    }
}
