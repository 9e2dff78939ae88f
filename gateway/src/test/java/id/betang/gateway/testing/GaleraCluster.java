package id.betang.gateway.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.StringJoiner;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A MariaDB Galera cluster of a test's own: {@code mariadbd} processes of this machine with the galera-4
 * provider, each on free loopback ports (client, group communication, state transfer), data in a temporary
 * folder. The first node bootstraps the cluster, the others join it one at a time by rsync state transfer.
 * As root, mariadbd runs as {@code nobody}: the rsync daemon of a state transfer writes as that user, so the
 * data must be its. Every process is killed when the cluster is closed, or when the JVM ends.
 */
public final class GaleraCluster implements AutoCloseable {

    private static final String PROVIDER = "/usr/lib/galera/libgalera_smm.so";
    private static final Duration NODE_READY_WITHIN = Duration.ofMinutes(3);
    private static final boolean ROOT = "root".equals(System.getProperty("user.name"));

    /** One mariadbd: its ports and its process. */
    private record Node(Path dir, int port, int gcomm, int sst, int ist) {
    }

    private final Path base;
    private final List<Node> nodes = new ArrayList<>();
    private final Process[] processes;

    private GaleraCluster(Path base, int size) throws IOException {
        this.base = base;
        for (int i = 0; i < size; i++) {
            nodes.add(new Node(base.resolve("n" + i), freePort(), freePort(), freePort(), freePort()));
        }
        this.processes = new Process[size];
        Runtime.getRuntime().addShutdownHook(new Thread(this::killAll));
    }

    /** Installs, bootstraps and joins {@code size} nodes; returns once all are synced. */
    public static GaleraCluster start(int size) throws IOException, InterruptedException, SQLException {
        Path base = Files.createTempDirectory("betang-galera");
        Files.setPosixFilePermissions(base, PosixFilePermissions.fromString("rwxr-xr-x"));
        GaleraCluster cluster = new GaleraCluster(base, size);
        try {
            cluster.install();
            cluster.launch(0, true);
            cluster.awaitSynced(0, 1);
            for (int i = 1; i < size; i++) {
                cluster.launch(i, false);
                cluster.awaitSynced(i, i + 1);
            }
            return cluster;
        } catch (IOException | InterruptedException | SQLException | RuntimeException e) {
            cluster.close();
            throw e;
        }
    }

    /** A URL on one node. */
    public String nodeUrl(int node, String database) {
        return "jdbc:mysql://127.0.0.1:" + nodes.get(node).port() + "/" + database;
    }

    /** What an operator configures: every node, failover order (the first that answers, the next when it goes). */
    public String failoverUrl(String database) {
        StringJoiner hosts = new StringJoiner(",");
        nodes.forEach(n -> hosts.add("127.0.0.1:" + n.port()));
        return "jdbc:mysql://" + hosts + "/" + database;
    }

    /** Runs one statement on one node. */
    public void execute(int node, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(nodeUrl(node, ""), "root", "")) {
            c.createStatement().execute(sql);
        }
    }

    /** kill -9: the node gets no chance to leave the cluster cleanly. */
    public void kill(int node) throws InterruptedException {
        Process p = processes[node];
        if (p != null) {
            p.destroyForcibly();
            p.waitFor(60, TimeUnit.SECONDS);
            processes[node] = null;
        }
    }

    private void install() throws IOException, InterruptedException {
        for (Node n : nodes) {
            Files.createDirectories(n.dir().resolve("data"));
            // a joiner's data arrives by state transfer, written by the rsync daemon
            Files.setPosixFilePermissions(n.dir(), PosixFilePermissions.fromString("rwxrwxrwx"));
        }
        List<String> install = new ArrayList<>(List.of("mariadb-install-db", "--no-defaults",
                "--auth-root-authentication-method=normal", "--skip-test-db",
                "--datadir=" + nodes.get(0).dir().resolve("data")));
        if (ROOT) {
            install.add("--user=nobody");
        }
        run(install, base.resolve("install.log"));
        if (ROOT) {
            run(List.of("chown", "-R", "nobody", base.toString()), base.resolve("chown.log"));
        }
    }

    private void launch(int i, boolean bootstrap) throws IOException {
        Node n = nodes.get(i);
        StringJoiner members = new StringJoiner(",", "gcomm://", "");
        nodes.forEach(m -> members.add("127.0.0.1:" + m.gcomm()));
        List<String> command = new ArrayList<>(List.of("mariadbd", "--no-defaults",
                "--datadir=" + n.dir().resolve("data"), "--socket=" + n.dir().resolve("mariadb.sock"),
                "--pid-file=" + n.dir().resolve("mariadb.pid"), "--bind-address=127.0.0.1", "--port=" + n.port(),
                "--skip-grant-tables", "--max-connections=300", "--innodb-buffer-pool-size=64M",
                "--binlog-format=ROW", "--innodb-autoinc-lock-mode=2",
                "--wsrep-on=ON", "--wsrep-provider=" + PROVIDER, "--wsrep-cluster-name=betang-test",
                "--wsrep-cluster-address=" + members, "--wsrep-node-name=n" + i,
                "--wsrep-node-address=127.0.0.1:" + n.gcomm(), "--wsrep-sst-method=rsync",
                "--wsrep-sst-receive-address=127.0.0.1:" + n.sst(),
                "--wsrep-provider-options=gmcast.listen_addr=tcp://127.0.0.1:" + n.gcomm()
                        + ";ist.recv_addr=127.0.0.1:" + n.ist() + ";gcache.size=32M"));
        if (ROOT) {
            command.add("--user=nobody");
        }
        if (bootstrap) {
            command.add("--wsrep-new-cluster");
        }
        processes[i] = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(base.resolve("n" + i + ".log").toFile()).start();
    }

    /** Waits until the node says it is synced and sees {@code members} nodes; Galera can be slow to join. */
    private void awaitSynced(int i, int members) throws InterruptedException, SQLException {
        long deadline = System.nanoTime() + NODE_READY_WITHIN.toNanos();
        while (true) {
            Process p = processes[i];
            if (p == null || !p.isAlive()) {
                throw new IllegalStateException("galera node " + i + " exited; see " + base.resolve("n" + i + ".log"));
            }
            try (Connection c = DriverManager.getConnection(nodeUrl(i, "") + "?connectTimeout=1000", "root", "");
                 ResultSet rs = c.createStatement().executeQuery("SHOW STATUS WHERE Variable_name IN "
                         + "('wsrep_local_state_comment', 'wsrep_cluster_size', 'wsrep_ready')")) {
                String state = "";
                int size = 0;
                boolean ready = false;
                while (rs.next()) {
                    switch (rs.getString(1)) {
                        case "wsrep_local_state_comment" -> state = rs.getString(2);
                        case "wsrep_cluster_size" -> size = Integer.parseInt(rs.getString(2));
                        default -> ready = "ON".equals(rs.getString(2));
                    }
                }
                if (ready && "Synced".equals(state) && size >= members) {
                    return;
                }
            } catch (SQLException notYet) {
                // still starting or receiving its state
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("galera node " + i + " not synced within " + NODE_READY_WITHIN
                        + "; see " + base.resolve("n" + i + ".log"));
            }
            Thread.sleep(500);
        }
    }

    private static void run(List<String> command, Path log) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (p.waitFor() != 0) {
            throw new IllegalStateException(command.get(0) + " failed, see " + log);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private synchronized void killAll() {
        for (int i = 0; i < processes.length; i++) {
            Process p = processes[i];
            if (p != null) {
                p.destroyForcibly();
                try {
                    p.waitFor(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                processes[i] = null;
            }
        }
    }

    @Override
    public void close() {
        killAll();
        try (Stream<Path> files = Files.walk(base)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary folder; the OS cleans /tmp
        }
    }
}
