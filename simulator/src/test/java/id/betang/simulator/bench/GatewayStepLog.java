package id.betang.simulator.bench;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.HdrHistogram.Histogram;

/**
 * The gateway's own account of each step: one {@code ussd-smpp step … latency_ms=<n>} line per step
 * (deliver_sm in → reply handed to the SMPP bind), read from its log file interval by interval.
 */
final class GatewayStepLog implements StepLatency {

    private static final Pattern LATENCY = Pattern.compile("ussd-smpp step .* latency_ms=(\\d+)");
    private static final long LONGEST_MICROS = 60_000_000L;

    private final Path log;
    private long from;

    GatewayStepLog(Path log) {
        this.log = log;
    }

    @Override
    public Histogram interval() throws IOException {
        long until = Files.size(log);
        Histogram latency = new Histogram(LONGEST_MICROS, 3);
        try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
            file.seek(from);
            byte[] bytes = new byte[(int) (until - from)];
            file.readFully(bytes);
            int whole = lastNewline(bytes) + 1; // a line still being written is read with the next interval
            until = from + whole;
            for (String line : new String(bytes, 0, whole, StandardCharsets.UTF_8).split("\n")) {
                Matcher m = LATENCY.matcher(line);
                if (m.find()) {
                    latency.recordValue(Math.min(Long.parseLong(m.group(1)) * 1000, LONGEST_MICROS));
                }
            }
        }
        from = until;
        return latency;
    }

    private static int lastNewline(byte[] bytes) {
        for (int i = bytes.length - 1; i >= 0; i--) {
            if (bytes[i] == '\n') {
                return i;
            }
        }
        return -1;
    }
}
