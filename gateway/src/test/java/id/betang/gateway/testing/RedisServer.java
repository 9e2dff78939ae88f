package id.betang.gateway.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A redis-server of a test's own, on a free loopback port, with what the test asks for (a password, TLS, cluster
 * mode, a replica's primary) or a sentinel, started and stopped by the test: never the shared server. Its files
 * and output go to target/redis-NAME/. {@link RedisCluster} and {@link RedisSentinels} are built of these.
 */
public final class RedisServer implements AutoCloseable {

    private final List<String> command;
    private final int port;
    private final Path folder;
    private Process process;

    private RedisServer(List<String> command, int port, Path folder) {
        this.command = List.copyOf(command);
        this.port = port;
        this.folder = folder;
        // a test run killed half-way must not leave servers behind
        Runtime.getRuntime().addShutdownHook(new Thread(this::destroy));
    }

    /**
     * @param options extra redis-server options, e.g. {@code --requirepass}, {@code pw}; paths in them absolute
     *                (the server runs in its own folder)
     */
    public static RedisServer start(String name, String... options) throws IOException, InterruptedException {
        return start(name, false, options);
    }

    /** With {@code tls}, the port speaks TLS only (the options must name the certificate and key). */
    public static RedisServer start(String name, boolean tls, String... options) throws IOException, InterruptedException {
        return in(folder(name), tls, options);
    }

    /** A server whose files and log are in {@code folder}; keeps nothing on disk, so a restart starts it empty. */
    public static RedisServer in(Path folder, boolean tls, String... options) throws IOException, InterruptedException {
        int port = freePort();
        List<String> command = new ArrayList<>(List.of("redis-server"));
        command.addAll(tls ? List.of("--port", "0", "--tls-port", String.valueOf(port)) : List.of("--port", String.valueOf(port)));
        command.addAll(List.of(options));
        return launch(Files.createDirectories(folder.toAbsolutePath()), command, port);
    }

    /**
     * A sentinel watching the primary on {@code primaryPort} under {@code primaryName}, with a quorum of 2, that
     * calls it down after 2 s without an answer.
     */
    public static RedisServer sentinel(String name, int primaryPort, String primaryName)
            throws IOException, InterruptedException {
        int port = freePort();
        Path config = folder(name).resolve("sentinel.conf");
        Files.writeString(config, String.join("\n",
                "sentinel monitor " + primaryName + " 127.0.0.1 " + primaryPort + " 2",
                "sentinel down-after-milliseconds " + primaryName + " 2000",
                "sentinel failover-timeout " + primaryName + " 10000",
                "sentinel parallel-syncs " + primaryName + " 1", ""));
        // a sentinel's configuration file comes first, and it rewrites it as it learns the topology
        return launch(folder(name), new ArrayList<>(List.of("redis-server", config.toString(), "--sentinel",
                "--port", String.valueOf(port))), port);
    }

    private static RedisServer launch(Path folder, List<String> command, int port) throws IOException, InterruptedException {
        command.addAll(List.of("--bind", "127.0.0.1", "--dir", folder.toString()));
        // a cluster node of an earlier run would remember that run's cluster and refuse to join a new one
        Files.deleteIfExists(folder.resolve("nodes.conf"));
        if (!command.contains("--sentinel")) {
            command.addAll(List.of("--save", "", "--appendonly", "no"));
        }
        return new RedisServer(command, port, folder).restart();
    }

    private static Path folder(String name) throws IOException {
        return Files.createDirectories(Path.of("target", "redis-" + name).toAbsolutePath());
    }

    /** Starts the server (again, after {@link #stop()} or {@link #kill()}: same port, same options, empty). */
    public synchronized RedisServer restart() throws IOException, InterruptedException {
        process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(folder.resolve("redis.log").toFile())).start();
        awaitListening();
        return this;
    }

    public int port() {
        return port;
    }

    public synchronized boolean alive() {
        return process != null && process.isAlive();
    }

    /** Stops the server at once (SIGTERM: a test of Redis going away); idempotent. */
    public synchronized void stop() throws InterruptedException {
        if (process != null) {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }

    /** {@code kill -9}: no shutdown, no goodbye to replicas or sentinels (a node lost). */
    public synchronized void kill() throws InterruptedException {
        if (process != null) {
            process.destroyForcibly().waitFor();
        }
    }

    private synchronized void destroy() {
        if (process != null) {
            process.destroyForcibly();
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }

    /** One redis-cli command against this server (no TLS, no password); its output. */
    public String cli(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("-h", "127.0.0.1", "-p", String.valueOf(port)));
        command.addAll(List.of(args));
        return redisCli(command);
    }

    /** {@code INFO} field {@code name} (e.g. {@code role}), empty when absent. */
    public String info(String section, String name) throws IOException, InterruptedException {
        for (String line : cli("INFO", section).split("\r?\n")) {
            if (line.startsWith(name + ":")) {
                return line.substring(name.length() + 1).strip();
            }
        }
        return "";
    }

    /**
     * Whether this primary has at least {@code replicas} replicas online, and every replica it has holds all it
     * wrote (a kill then loses nothing).
     */
    public boolean replicasCaughtUp(int replicas) throws IOException, InterruptedException {
        String[] info = cli("INFO", "replication").split("\r?\n");
        String offset = java.util.Arrays.stream(info).filter(l -> l.startsWith("master_repl_offset:"))
                .map(l -> l.substring("master_repl_offset:".length()).strip()).findFirst().orElse("?");
        List<String> all = java.util.Arrays.stream(info).filter(l -> l.matches("slave\\d+:.*")).toList();
        return all.size() >= replicas && all.stream()
                .allMatch(l -> l.contains("state=online") && l.contains(",offset=" + offset + ","));
    }

    static String redisCli(List<String> args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("redis-cli"));
        command.addAll(args);
        Process cli = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] out = cli.getInputStream().readAllBytes();
        if (!cli.waitFor(60, TimeUnit.SECONDS)) {
            cli.destroyForcibly();
        }
        return new String(out, StandardCharsets.UTF_8);
    }

    private void awaitListening() throws InterruptedException {
        for (int i = 0; i < 1200 && process.isAlive(); i++) {
            try (Socket ignored = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException e) {
                Thread.sleep(50);
            }
        }
        throw new IllegalStateException("redis-server did not listen on " + port + " (see " + folder.resolve("redis.log") + ")");
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
