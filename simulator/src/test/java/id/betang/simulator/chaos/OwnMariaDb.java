package id.betang.simulator.chaos;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import id.betang.simulator.Ports;

/**
 * The suite's own MariaDB ({@code mariadbd} of this machine, data under target/), so that "MySQL stopped for
 * 20 s" stops this one and never the shared server. No grant tables: it listens on loopback only and lives
 * as long as the suite.
 */
final class OwnMariaDb implements AutoCloseable {

    private final OwnServer server;

    private OwnMariaDb(OwnServer server) {
        this.server = server;
    }

    /** Installs a fresh data directory under {@code folder} and starts the server on a free port. */
    static OwnMariaDb start(Path folder) throws IOException, InterruptedException {
        Path data = folder.resolve("data");
        Files.createDirectories(folder);
        List<String> install = new ArrayList<>(List.of("mariadb-install-db", "--no-defaults",
                "--auth-root-authentication-method=normal", "--skip-test-db", "--datadir=" + data));
        List<String> run = new ArrayList<>(List.of("mariadbd", "--no-defaults", "--datadir=" + data,
                "--socket=" + folder.resolve("mariadb.sock"), "--pid-file=" + folder.resolve("mariadb.pid"),
                "--bind-address=127.0.0.1", "--skip-grant-tables", "--skip-log-bin", "--max-connections=500"));
        if ("root".equals(System.getProperty("user.name"))) {
            // mariadbd refuses to run as root unless told to
            install.add("--user=root");
            run.add("--user=root");
        }
        Process installing = new ProcessBuilder(install).redirectErrorStream(true)
                .redirectOutput(folder.resolve("install.log").toFile()).start();
        if (installing.waitFor() != 0) {
            throw new IllegalStateException("mariadb-install-db failed, see " + folder.resolve("install.log"));
        }
        int port = Ports.free();
        run.add("--port=" + port);
        return new OwnMariaDb(new OwnServer("mariadbd", run, port, folder.resolve("mariadbd.log")).start());
    }

    /** A new, empty database; returns its JDBC URL. */
    String freshDatabase(String name) throws SQLException {
        try (Connection c = DriverManager.getConnection(serverUrl(), "root", "")) {
            c.createStatement().execute("CREATE DATABASE " + name + " CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
        }
        return serverUrl() + name;
    }

    void stop() throws InterruptedException {
        server.stop();
    }

    void startAgain() throws IOException, InterruptedException {
        server.start();
    }

    private String serverUrl() {
        return "jdbc:mysql://127.0.0.1:" + server.port() + "/";
    }

    @Override
    public void close() {
        server.close();
    }
}
