package id.betang.simulator.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where a step can wait without using CPU, from the same JFR recording as {@link JfrProfile}: GC pauses, and the
 * socket reads the profile settings keep (those over 10 ms) to MySQL (3306) and Redis (6379) by thread, with new MySQL connections counted apart. Execution samples miss all of these.
 */
final class JfrWaits {

    private static final int MYSQL = 3306;
    private static final int REDIS = 6379;

    private JfrWaits() {
    }

    static void summarise(Path recording, PrintStream out) throws IOException {
        List<RecordedEvent> events = RecordingFile.readAllEvents(recording);
        Duration recorded = span(events);
        List<RecordedEvent> pauses = events.stream().filter(e -> is(e, "jdk.GarbageCollection")).toList();
        double longest = pauses.stream().mapToDouble(e -> ms(e.getDuration("longestPause"))).max().orElse(0);
        double total = pauses.stream().mapToDouble(e -> ms(e.getDuration("sumOfPauses"))).sum();
        out.printf("JFR waits over the climb (%.0f s recorded): %d GC pauses, %.1f ms in all, longest %.1f ms%n",
                recorded.toMillis() / 1000.0, pauses.size(), total, longest);
        Map<String, double[]> reads = new TreeMap<>();
        for (RecordedEvent e : events) {
            if (!is(e, "jdk.SocketRead")) {
                continue;
            }
            int port = e.getInt("port");
            if (port != MYSQL && port != REDIS) {
                continue; // jSMPP's readers wait for the next PDU there: idle, not a step waiting
            }
            String server = port == REDIS ? "Redis" : connecting(e) ? "MySQL, opening a connection" : "MySQL";
            String thread = e.getThread() == null ? "?" : e.getThread().getJavaName().replaceAll("\\d+", "N");
            double[] slot = reads.computeIfAbsent(server + " on " + thread, k -> new double[2]);
            slot[0]++;
            slot[1] = Math.max(slot[1], ms(e.getDuration()));
        }
        out.println("  MySQL and Redis socket reads over 10 ms, by thread:");
        reads.forEach((what, n) -> out.printf("    %5.0f  longest %6.1f ms  %s%n", n[0], n[1], what));
    }

    private static boolean connecting(RecordedEvent e) {
        return e.getStackTrace() != null && e.getStackTrace().getFrames().stream().map(RecordedFrame::getMethod)
                .anyMatch(m -> m.getType().getName().endsWith("UnpooledDataSource"));
    }

    private static Duration span(List<RecordedEvent> events) {
        return events.isEmpty() ? Duration.ZERO : Duration.between(
                events.stream().map(RecordedEvent::getStartTime).min(java.util.Comparator.naturalOrder()).orElseThrow(),
                events.stream().map(RecordedEvent::getEndTime).max(java.util.Comparator.naturalOrder()).orElseThrow());
    }

    private static boolean is(RecordedEvent e, String type) {
        return e.getEventType().getName().equals(type);
    }

    private static double ms(Duration d) {
        return d == null ? 0 : d.toNanos() / 1e6;
    }
}
