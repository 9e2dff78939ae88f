package id.betang.gateway.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A redis-server of a test's own, on a free loopback port, with what the test asks for (a password, TLS),
 * started and stopped by the test: never the shared server. Its output goes to target/.
 */
public final class RedisServer implements AutoCloseable {

    private final Process process;
    private final int port;

    private RedisServer(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** @param options extra redis-server options, e.g. {@code --requirepass}, {@code pw} */
    public static RedisServer start(String name, String... options) throws IOException, InterruptedException {
        return start(name, false, options);
    }

    /** With {@code tls}, the port speaks TLS only (the options must name the certificate and key). */
    public static RedisServer start(String name, boolean tls, String... options) throws IOException, InterruptedException {
        int port = freePort();
        List<String> command = new ArrayList<>(List.of("redis-server", "--bind", "127.0.0.1", "--save", "",
                "--appendonly", "no"));
        command.addAll(tls ? List.of("--port", "0", "--tls-port", String.valueOf(port)) : List.of("--port", String.valueOf(port)));
        command.addAll(List.of(options));
        Path log = Path.of("target", "redis-" + name + ".log");
        Files.createDirectories(log.getParent());
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        RedisServer server = new RedisServer(process, port);
        server.awaitListening();
        return server;
    }

    public int port() {
        return port;
    }

    /** Stops the server at once (a test of Redis going away); idempotent. */
    public void stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }

    private void awaitListening() throws InterruptedException {
        for (int i = 0; i < 300 && process.isAlive(); i++) {
            try (Socket ignored = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException e) {
                Thread.sleep(50);
            }
        }
        throw new IllegalStateException("redis-server did not listen on " + port + " (see target/redis-*.log)");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
