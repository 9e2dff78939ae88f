package id.betang.gateway.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Real MariaDB/MySQL and Redis for tests, each test class on its own database and Redis key prefix.
 * Where they are: BETANG_TEST_MYSQL_URL (a server URL without database, default
 * jdbc:mysql://127.0.0.1:3306/), BETANG_TEST_MYSQL_USER (root), BETANG_TEST_MYSQL_PASSWORD (empty),
 * BETANG_TEST_REDIS_URL (redis://127.0.0.1:6379/0).
 */
public final class TestStorage {

    private TestStorage() {
    }

    public static String mysqlServerUrl() {
        String url = env("BETANG_TEST_MYSQL_URL", "jdbc:mysql://127.0.0.1:3306/");
        return url.endsWith("/") ? url : url + "/";
    }

    public static String mysqlUser() {
        return env("BETANG_TEST_MYSQL_USER", "root");
    }

    public static String mysqlPassword() {
        return env("BETANG_TEST_MYSQL_PASSWORD", "");
    }

    /** Set by a suite that runs the Redis tests against engines of its own (a cluster, Sentinel); null: none. */
    private static volatile String redisOverride;

    public static String redisUrl() {
        String own = redisOverride;
        return own != null ? own : env("BETANG_TEST_REDIS_URL", "redis://127.0.0.1:6379/0");
    }

    /** Where the Redis tests connect from now on ({@link #redisUrl()}); null: back to the shared server. */
    public static void useRedis(String url) {
        redisOverride = url;
    }

    /** The gateway's Redis settings for {@link #redisUrl()}: standalone, a cluster's nodes or Sentinel. */
    public static id.betang.gateway.config.GatewayConfig.Redis redis(String keyPrefix) {
        return id.betang.gateway.config.GatewayConfig.Redis.parse(redisUrl(), "", keyPrefix, "");
    }

    /** A new, empty database named after the test; returns its JDBC URL. */
    public static String freshDatabase(String testName) {
        String name = ("bt_" + testName.replaceAll("\\W", "_") + "_" + UUID.randomUUID().toString().substring(0, 8))
                .toLowerCase();
        execute("CREATE DATABASE " + name + " CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
        return mysqlServerUrl() + name;
    }

    public static void dropDatabase(String jdbcUrl) {
        String name = jdbcUrl.substring(jdbcUrl.lastIndexOf('/') + 1).replaceAll("\\?.*", "");
        execute("DROP DATABASE IF EXISTS " + name);
    }

    /** A key prefix no other test uses, so tests can share one Redis. */
    public static String freshRedisPrefix(String testName) {
        return "test:" + testName + ":" + UUID.randomUUID().toString().substring(0, 8) + ":";
    }

    /** Runs one statement against a test's database (rows dated back, tables emptied between tests). */
    public static void execute(String jdbcUrl, String statement) throws SQLException {
        try (Connection c = connect(jdbcUrl); Statement s = c.createStatement()) {
            s.execute(statement);
        }
    }

    /** The first row of a query with one string parameter, each column as a string; empty when none. */
    public static List<String> row(String jdbcUrl, String sql, String key) throws SQLException {
        try (Connection c = connect(jdbcUrl); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, key);
            try (ResultSet rs = s.executeQuery()) {
                List<String> values = new ArrayList<>();
                if (rs.next()) {
                    for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                        values.add(rs.getString(i));
                    }
                }
                return values;
            }
        }
    }

    public static Connection connect(String jdbcUrl) throws SQLException {
        return DriverManager.getConnection(jdbcUrl, mysqlUser(), mysqlPassword());
    }

    private static void execute(String sql) {
        try (Connection c = DriverManager.getConnection(mysqlServerUrl(), mysqlUser(), mysqlPassword());
             Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("test MySQL/MariaDB at " + mysqlServerUrl() + " is not usable ("
                    + e.getMessage() + "); see README, section Development", e);
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
