package id.betang.simulator.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.HdrHistogram.Histogram;

/**
 * The gateway's step log ({@link GatewayStepLog}'s lines) from a mark on, by the screen each step showed: which
 * step of the walk holds the tail (the dial shows {@code main}, so does {@code 00}; the NIK shows the status).
 */
final class StepsByScreen {

    private static final Pattern STEP = Pattern.compile("ussd-smpp step .* outcome=(\\S+)(?: screen=(\\S+))? latency_ms=(\\d+)");

    private final Path log;
    private final long from;

    private StepsByScreen(Path log, long from) {
        this.log = log;
        this.from = from;
    }

    /** From what the log holds now. */
    static StepsByScreen mark(Path log) throws IOException {
        return new StepsByScreen(log, Files.size(log));
    }

    void summarise(String title, PrintStream out) throws IOException {
        Map<String, Histogram> screens = new TreeMap<>();
        byte[] bytes;
        try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
            file.seek(from);
            bytes = new byte[(int) (file.length() - from)];
            file.readFully(bytes);
        }
        for (String line : new String(bytes, StandardCharsets.UTF_8).split("\n")) {
            Matcher m = STEP.matcher(line);
            if (m.find()) {
                String screen = m.group(2) != null ? m.group(2) : m.group(1);
                screens.computeIfAbsent(screen, s -> new Histogram(60_000L, 3))
                        .recordValue(Math.min(Long.parseLong(m.group(3)), 60_000L));
            }
        }
        out.println("  " + title + ", in-gateway ms by the screen shown:");
        screens.forEach((screen, h) -> out.printf("    %-22s %7d steps  p50 %4d  p99 %5d  max %5d%n", screen,
                h.getTotalCount(), h.getValueAtPercentile(50), h.getValueAtPercentile(99), h.getMaxValue()));
    }
}
