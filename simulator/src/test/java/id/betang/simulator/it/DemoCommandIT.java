package id.betang.simulator.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/**
 * The README's first command, as a newcomer runs it: the simulator jar's {@code demo}, with nothing
 * configured (embedded MariaDB and Redis), dialled from its terminal phone, then quit.
 */
class DemoCommandIT {

    @Test
    void demoStartsDialsAndStops() throws Exception {
        Path jar = Path.of("target", "betang-simulator.jar");
        ProcessBuilder builder = new ProcessBuilder(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar.toString(),
                "demo", "--smsc-port", "0", "--web-port", "0")).redirectErrorStream(true);
        builder.environment().keySet().removeIf(k -> k.startsWith("BETANG_"));
        builder.environment().put("BETANG_HTTP_PORT", String.valueOf(GatewayProcess.freePort()));
        Process demo = builder.start();
        LinkedBlockingQueue<String> lines = new LinkedBlockingQueue<>();
        StringBuilder transcript = new StringBuilder();
        Thread reader = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(demo.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = out.readLine()) != null) {
                    lines.add(line);
                }
            } catch (java.io.IOException e) {
                // process ended
            }
        });
        reader.start();
        try (Writer in = new OutputStreamWriter(demo.getOutputStream(), StandardCharsets.UTF_8)) {
            awaitLine(lines, transcript, "Betang Gateway demo is running.", 120);
            awaitLine(lines, transcript, "Dial below", 10);
            in.write("*777#\n");
            in.flush();
            awaitLine(lines, transcript, "| 1 Cek status bantuan", 20);
            in.write("0\n");
            in.flush();
            awaitLine(lines, transcript, "| Terima kasih. Sampai jumpa.", 20);
            in.write("quit\n");
            in.flush();
        }
        assertTrue(demo.waitFor(60, TimeUnit.SECONDS), "demo did not stop after quit:\n" + transcript);
        assertEquals(0, demo.exitValue(), transcript.toString());
    }

    private static void awaitLine(LinkedBlockingQueue<String> lines, StringBuilder transcript, String wanted, int seconds)
            throws InterruptedException {
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
}
