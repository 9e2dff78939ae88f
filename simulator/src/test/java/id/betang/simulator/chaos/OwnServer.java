package id.betang.simulator.chaos;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A server binary of this machine (mariadbd, redis-server) run by the suite on a free loopback port of its
 * own, so it can be stopped and started again without touching the shared servers other tests use. Output
 * goes to a log file beside its data.
 */
final class OwnServer implements AutoCloseable {

    private static final Duration START_WITHIN = Duration.ofSeconds(60);

    private final String name;
    private final List<String> command;
    private final int port;
    private final Path log;
    private Process process;

    OwnServer(String name, List<String> command, int port, Path log) {
        this.name = name;
        this.command = List.copyOf(command);
        this.port = port;
        this.log = log;
        // a suite killed half-way must not leave servers behind
        Runtime.getRuntime().addShutdownHook(new Thread(this::close));
    }

    int port() {
        return port;
    }

    /** Starts the server and returns once its port accepts connections. */
    synchronized OwnServer start() throws IOException, InterruptedException {
        Files.createDirectories(log.getParent());
        process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        long deadline = System.nanoTime() + START_WITHIN.toNanos();
        while (!accepts()) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                throw new IllegalStateException(name + " did not start on port " + port + " (exit "
                        + (process.isAlive() ? "none" : process.exitValue()) + "):\n" + tail());
            }
            Thread.sleep(50);
        }
        return this;
    }

    /** Stops the server as {@code systemctl stop} would (SIGTERM), and waits until it is gone. */
    synchronized void stop() throws InterruptedException {
        if (process == null) {
            return;
        }
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
        process = null;
    }

    private boolean accepts() {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private String tail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    @Override
    public synchronized void close() {
        if (process != null) {
            process.destroyForcibly();
            process = null;
        }
    }
}
