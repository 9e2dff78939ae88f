package id.betang.simulator.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's first command, as a newcomer runs it: the simulator jar's {@code demo}, with nothing
 * configured (embedded MariaDB and Redis), dialled from its terminal phone, then stopped: by {@code quit},
 * by TERM (what Ctrl-C and {@code kill} send), or by a start that fails. Each way, its temporary folder is gone.
 */
class DemoCommandIT {

    /** A demo process of its own temporary directory, so its {@code betang-demo-*} folders are countable. */
    private static final class DemoProcess {
        final Process process;
        final LinkedBlockingQueue<String> lines = new LinkedBlockingQueue<>();
        final StringBuilder transcript = new StringBuilder();

        DemoProcess(Path tmp, Map<String, String> env) throws Exception {
            ProcessBuilder builder = new ProcessBuilder(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Djava.io.tmpdir=" + tmp,
                    "-jar", Path.of("target", "betang-simulator.jar").toString(),
                    "demo", "--smsc-port", "0", "--web-port", "0")).redirectErrorStream(true);
            builder.environment().keySet().removeIf(k -> k.startsWith("BETANG_"));
            builder.environment().put("BETANG_HTTP_PORT", String.valueOf(GatewayProcess.freePort()));
            builder.environment().putAll(env);
            process = builder.start();
            Thread reader = new Thread(() -> {
                try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = out.readLine()) != null) {
                        lines.add(line);
                    }
                } catch (java.io.IOException e) {
                    // process ended
                }
            });
            reader.setDaemon(true);
            reader.start();
        }

        void awaitLine(String wanted, int seconds) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            while (System.nanoTime() < deadline) {
                String line = lines.poll(500, TimeUnit.MILLISECONDS);
                if (line != null) {
                    transcript.append(line).append('\n');
                    if (line.contains(wanted)) {
                        return;
                    }
                }
            }
            throw new AssertionError("demo never printed '" + wanted + "'; it printed:\n" + transcript);
        }

        int awaitExit() throws InterruptedException {
            boolean ended = process.waitFor(90, TimeUnit.SECONDS);
            List<String> rest = new java.util.ArrayList<>();
            lines.drainTo(rest);
            rest.forEach(l -> transcript.append(l).append('\n'));
            assertTrue(ended, "the demo did not stop:\n" + transcript);
            return process.exitValue();
        }
    }

    private static List<Path> demoFolders(Path tmp) throws Exception {
        try (Stream<Path> all = Files.list(tmp)) {
            return all.filter(p -> p.getFileName().toString().startsWith("betang-demo-")).toList();
        }
    }

    @Test
    void demoStartsShowingProgressDialsAndStopsOnQuitRemovingItsFolder(@TempDir Path tmp) throws Exception {
        DemoProcess demo = new DemoProcess(tmp, Map.of());
        try (Writer in = new OutputStreamWriter(demo.process.getOutputStream(), StandardCharsets.UTF_8)) {
            demo.awaitLine("starting MariaDB...", 60);
            demo.awaitLine("MariaDB ready in ", 300);
            demo.awaitLine("the gateway ready in ", 180);
            demo.awaitLine("Betang Gateway demo is running.", 30);
            assertEquals(1, demoFolders(tmp).size(), "MariaDB's folder while it runs");
            demo.awaitLine("Dial below", 10);
            in.write("*777#\n");
            in.flush();
            demo.awaitLine("| 1 Cek status bantuan", 20);
            in.write("0\n");
            in.flush();
            demo.awaitLine("| Terima kasih. Sampai jumpa.", 20);
            in.write("quit\n");
            in.flush();
        }
        assertEquals(0, demo.awaitExit(), demo.transcript.toString());
        assertEquals(List.of(), demoFolders(tmp));
    }

    @Test
    void terminatedDemoRemovesItsFolder(@TempDir Path tmp) throws Exception {
        DemoProcess demo = new DemoProcess(tmp, Map.of());
        demo.awaitLine("Betang Gateway demo is running.", 480);
        demo.process.destroy(); // SIGTERM, as Ctrl-C's INT is handled the same way
        demo.awaitExit();
        assertEquals(List.of(), demoFolders(tmp), demo.transcript.toString());
    }

    @Test
    void aStartThatFailsSaysWhyAndRemovesItsFolder(@TempDir Path tmp) throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            // the gateway cannot listen: it fails after MariaDB has started in its folder
            DemoProcess demo = new DemoProcess(tmp, Map.of("BETANG_HTTP_PORT", String.valueOf(taken.getLocalPort())));
            demo.awaitLine("MariaDB ready in ", 480);
            demo.awaitLine("the demo could not start:", 180);
            assertNotEquals(0, demo.awaitExit(), demo.transcript.toString());
        }
        assertEquals(List.of(), demoFolders(tmp));
    }
}
