package id.betang.gateway.store;

import javax.sql.DataSource;

import org.apache.ibatis.datasource.pooled.PooledDataSource;
import org.apache.ibatis.mapping.Environment;
import org.apache.ibatis.session.Configuration;
import org.apache.ibatis.session.SqlSessionFactory;
import org.apache.ibatis.session.SqlSessionFactoryBuilder;
import org.apache.ibatis.transaction.jdbc.JdbcTransactionFactory;
import org.flywaydb.core.Flyway;

import id.betang.gateway.config.GatewayConfig;

/**
 * The gateway's own MySQL/MariaDB store: complaints in flight, the outbox, the audit trail. One schema
 * source, the Flyway migrations under {@code db/migration}, applied at start-up. Blocking JDBC: callers run
 * it on worker threads, never on an event loop. TLS to the server is the driver's, set in the URL:
 * {@code ?sslMode=VERIFY_IDENTITY&trustCertificateKeyStoreUrl=file:/etc/betang/mysql-ca.p12&trustCertificateKeyStorePassword=…}
 * (or {@code VERIFY_CA}, {@code REQUIRED}); the URL is passed through as given.
 */
public final class Database implements AutoCloseable {

    private final PooledDataSource dataSource;
    private final SqlSessionFactory sessions;

    private Database(PooledDataSource dataSource) {
        this.dataSource = dataSource;
        Configuration configuration = new Configuration(
                new Environment("betang", new JdbcTransactionFactory(), dataSource));
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
        configuration.addMapper(id.betang.gateway.menu.MenuVersionMapper.class);
        this.sessions = new SqlSessionFactoryBuilder().build(configuration);
    }

    /** Connects and migrates; fails with the database's own message when it cannot. */
    public static Database open(GatewayConfig.Mysql config) {
        String url = withTimeouts(config.url());
        // Flyway gets plain connections: it closes them in ways MyBatis's pool logs as errors
        Flyway.configure().dataSource(url, config.user(), config.password())
                .locations("classpath:db/migration").load().migrate();
        PooledDataSource pool = new PooledDataSource("com.mysql.cj.jdbc.Driver", url, config.user(), config.password());
        pool.setPoolMaximumActiveConnections(16);
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
        }
        return u.toString();
    }

    public DataSource dataSource() {
        return dataSource;
    }

    public SqlSessionFactory sessions() {
        return sessions;
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
}
