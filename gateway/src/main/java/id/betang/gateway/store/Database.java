package id.betang.gateway.store;

import java.sql.SQLException;
import java.time.Duration;
import java.util.Set;

import javax.sql.DataSource;

import org.apache.ibatis.datasource.pooled.PooledDataSource;
import org.apache.ibatis.mapping.Environment;
import org.apache.ibatis.session.Configuration;
import org.apache.ibatis.session.SqlSessionFactory;
import org.apache.ibatis.session.SqlSessionFactoryBuilder;
import org.apache.ibatis.transaction.jdbc.JdbcTransactionFactory;
import org.apache.ibatis.session.SqlSession;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeExecutor;
import dev.failsafe.RetryPolicy;

import id.betang.gateway.config.GatewayConfig;

/**
 * The gateway's own MySQL/MariaDB store: complaints in flight, the outbox, the audit trail. One schema
 * source, the Flyway migrations under {@code db/migration}, applied at start-up. Blocking JDBC: callers run
 * it on worker threads, never on an event loop. TLS to the server is the driver's, set in the URL:
 * {@code ?sslMode=VERIFY_IDENTITY&trustCertificateKeyStoreUrl=file:/etc/betang/mysql-ca.p12&trustCertificateKeyStorePassword=…}
 * (or {@code VERIFY_CA}, {@code REQUIRED}); the URL is passed through as given.
 *
 * <p>Several servers: the URL may name a Galera cluster's nodes or a Group Replication set,
 * {@code jdbc:mysql://n1:3306,n2:3306,n3:3306/betang} (failover: the first that answers, the next when it
 * goes) or {@code jdbc:mysql:loadbalance://n1:3306,n2:3306,n3:3306/betang} (each transaction on one of
 * them). Work goes through {@link #inTransaction} or {@link #autocommit}: a deadlock, a certification
 * conflict or a node lost mid-transaction rolls the unit back and runs it again, so a unit must be safe to
 * run twice when its first commit's answer was lost (the stores' unique keys make them so).
 */
public final class Database implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Database.class);
    /**
     * Errors after which running the whole unit again is right: 1213 deadlock (on Galera also a certification
     * conflict, "WSREP detected deadlock/conflict"), 1205 lock wait timeout, 1180 a failed commit, 1047 a
     * Galera node not (yet or any longer) in the primary component, 1927 a connection killed. Connection
     * failures (SQLState 08…) and serialization failures (40001) by their state, and a statement or connection
     * the driver closed under the unit when its node went away.
     */
    private static final Set<Integer> TRANSIENT_ERRORS = Set.of(1213, 1205, 1180, 1047, 1927);
    /** With the backoff, about 6 s of retrying: longer than Galera takes to evict a node killed mid-write. */
    static final int ATTEMPTS = 8;

    private final PooledDataSource dataSource;
    private final SqlSessionFactory sessions;

    private final FailsafeExecutor<Object> retry;

    private Database(PooledDataSource dataSource) {
        this.dataSource = dataSource;
        this.retry = Failsafe.with(RetryPolicy.builder()
                .handleIf(Database::transientFailure)
                .withMaxAttempts(ATTEMPTS)
                // jittered so two transactions that deadlocked do not collide again in step
                .withBackoff(Duration.ofMillis(50), Duration.ofSeconds(3))
                .withJitter(0.5)
                .onRetry(e -> {
                    LOG.info("transaction retried ({} of {}): {}", e.getAttemptCount(), ATTEMPTS - 1,
                            sqlReason(e.getLastException()));
                    if (connectionLost(e.getLastException())) {
                        // the pool may hold more connections to the node that went; the next unit would
                        // take one and fail again. Closing them all costs units in flight one retry each.
                        dataSource.forceCloseAll();
                    }
                })
                .build());
        // a session leaves its connection in the autocommit mode it used: resetting it on close cost a SET
        // autocommit round trip after every transaction (and one more before the next); the next session sets
        // the mode it needs only when it differs (MyBatis asks the driver's local state)
        JdbcTransactionFactory transactions = new JdbcTransactionFactory();
        java.util.Properties keepMode = new java.util.Properties();
        keepMode.setProperty("skipSetAutoCommitOnClose", "true");
        transactions.setProperties(keepMode);
        Configuration configuration = new Configuration(new Environment("betang", transactions, dataSource));
        configuration.setMapUnderscoreToCamelCase(true);
        configuration.addMapper(id.betang.gateway.outbox.OutboxMapper.class);
        configuration.addMapper(id.betang.gateway.outbox.RetentionMapper.class);
        configuration.addMapper(id.betang.gateway.audit.DisclosureMapper.class);
        configuration.addMapper(id.betang.gateway.complaint.ComplaintMapper.class);
        configuration.addMapper(id.betang.gateway.sms.SubscriberMapper.class);
        configuration.addMapper(id.betang.gateway.sms.ReminderMapper.class);
        configuration.addMapper(id.betang.gateway.notify.NotificationMapper.class);
        configuration.addMapper(id.betang.gateway.inbox.InboxMapper.class);
        configuration.addMapper(id.betang.gateway.console.ConsoleMapper.class);
        configuration.addMapper(id.betang.gateway.complaint.QuietMapper.class);
        configuration.addMapper(id.betang.gateway.menu.MenuVersionMapper.class);
        this.sessions = new SqlSessionFactoryBuilder().build(configuration);
    }

    /** Connects and migrates; fails with the database's own message when it cannot. */
    public static Database open(GatewayConfig.Mysql config) {
        String url = withLocalTransactionState(withTimeouts(config.url()));
        // Flyway gets plain connections: it closes them in ways MyBatis's pool logs as errors
        try (MigrationLease lease = MigrationLease.take(url, config.user(), config.password())) {
            FluentConfiguration flyway = Flyway.configure().dataSource(url, config.user(), config.password())
                    .locations("classpath:db/migration");
            if (lease.schemaIsNew()) {
                // Flyway refuses a schema with a table it did not make: the lease's own says nothing against it
                flyway.baselineOnMigrate(true).baselineVersion("0").baselineDescription("new schema");
            }
            flyway.load().migrate();
        }
        PooledDataSource pool = new PooledDataSource("com.mysql.cj.jdbc.Driver", url, config.user(), config.password());
        pool.setPoolMaximumActiveConnections(16);
        // MyBatis keeps only 5 idle by default and closes the rest as they come back: every burst past 5 then
        // opened new connections (handshake, auth, session set-up: tens of ms) in a resident's step
        pool.setPoolMaximumIdleConnections(16);
        pool.setPoolPingEnabled(true);
        pool.setPoolPingQuery("SELECT 1");
        pool.setPoolPingConnectionsNotUsedFor(10_000);
        // the outbox is a queue worked by several threads and instances: without gap locks (REPEATABLE READ's)
        // a claim and the recording of sent rows do not deadlock each other
        pool.setDefaultTransactionIsolationLevel(java.sql.Connection.TRANSACTION_READ_COMMITTED);
        return new Database(pool);
    }

    /** Without timeouts a vanished server blocks a worker thread for minutes; readiness needs an answer. */
    static String withTimeouts(String url) {
        String separator = url.contains("?") ? "&" : "?";
        StringBuilder u = new StringBuilder(url);
        if (!url.contains("connectTimeout=")) {
            u.append(separator).append("connectTimeout=2000");
            separator = "&";
        }
        if (!url.contains("socketTimeout=")) {
            u.append(separator).append("socketTimeout=10000");
            separator = "&";
        }
        if (severalHosts(url) && !url.contains("failOverReadOnly=")) {
            // the driver's default opens a failed-over connection read-only; every Galera node takes writes
            u.append(separator).append("failOverReadOnly=false");
        }
        return u.toString();
    }

    /**
     * The pool rolls back a connection not in autocommit mode when it is handed out and when it comes back;
     * after a commit there is nothing to roll back, and with this the driver knows so from the server's own
     * status flags instead of sending a ROLLBACK each time.
     */
    static String withLocalTransactionState(String url) {
        return url.contains("useLocalTransactionState=") ? url
                : url + (url.contains("?") ? "&" : "?") + "useLocalTransactionState=true";
    }

    /** {@code jdbc:mysql://h1:p1,h2:p2/db} and the driver's loadbalance/replication forms. */
    static boolean severalHosts(String url) {
        String afterScheme = url.substring(url.indexOf("//") + 2);
        int end = afterScheme.indexOf('/');
        return (end < 0 ? afterScheme : afterScheme.substring(0, end)).contains(",");
    }

    public DataSource dataSource() {
        return dataSource;
    }

    public SqlSessionFactory sessions() {
        return sessions;
    }

    /** A unit of work on one session. */
    @FunctionalInterface
    public interface Work<T> {
        T on(SqlSession session);
    }

    /**
     * Runs {@code work} in one transaction and commits it; on a deadlock, a certification conflict or a lost
     * connection the transaction is rolled back and the whole unit runs again on a fresh session, a bounded
     * number of times. Whatever the unit does outside the database must wait until this returns.
     */
    public <T> T inTransaction(Work<T> work) {
        return retry.get(() -> {
            try (SqlSession session = sessions.openSession(false)) {
                T result = work.on(session);
                // forced: a unit may write past MyBatis on the session's connection (the outbox's sent parts),
                // and MyBatis commits only what it saw
                session.commit(true);
                return result;
            }
        });
    }

    /**
     * Runs {@code work} with each statement committed on its own, retried as {@link #inTransaction} is: for
     * a unit of one write, or of writes that are each safe alone and again.
     */
    public <T> T autocommit(Work<T> work) {
        return retry.get(() -> {
            try (SqlSession session = sessions.openSession(true)) {
                return work.on(session);
            }
        });
    }

    /** Whether a failure is one that running the unit again can get past. */
    static boolean transientFailure(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof com.mysql.cj.exceptions.StatementIsClosedException
                    || t instanceof com.mysql.cj.exceptions.ConnectionIsClosedException) {
                // the driver closed the connection under the unit (its node died, the failover proxy moved on):
                // SQLState S1009, not 08, yet nothing of the unit was committed on it
                return true;
            }
            if (t instanceof SQLException e) {
                String state = e.getSQLState();
                if (TRANSIENT_ERRORS.contains(e.getErrorCode()) || "40001".equals(state)
                        || (state != null && state.startsWith("08")) || closedByPool(e)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** MyBatis's words for a pooled connection closed under its user, as {@code forceCloseAll} does. */
    private static boolean closedByPool(SQLException e) {
        return e.getSQLState() == null && e.getMessage() != null
                && e.getMessage().startsWith("Error accessing PooledConnection. Connection is invalid");
    }

    /** The driver's own words, not MyBatis's many lines around them. */
    private static String sqlReason(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException e) {
                return e.getErrorCode() + "/" + e.getSQLState() + " " + e.getMessage();
            }
        }
        return String.valueOf(failure);
    }

    private static boolean connectionLost(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException e && e.getSQLState() != null
                    && (e.getSQLState().startsWith("08") || e.getErrorCode() == 1047 || e.getErrorCode() == 1927)) {
                return true;
            }
        }
        return false;
    }

    /** True when a trivial query answers: what /ready reports. Blocking. */
    public boolean ping() {
        try (var connection = dataSource.getConnection(); var statement = connection.createStatement()) {
            statement.setQueryTimeout(2);
            return statement.execute("SELECT 1");
        } catch (java.sql.SQLException e) {
            return false;
        }
    }

    @Override
    public void close() {
        dataSource.forceCloseAll();
    }

    /** Whether a failed statement broke a primary or unique key (whatever wrapped the driver's exception). */
    public static boolean duplicateKey(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.sql.SQLIntegrityConstraintViolationException) {
                return true;
            }
        }
        return false;
    }
}
