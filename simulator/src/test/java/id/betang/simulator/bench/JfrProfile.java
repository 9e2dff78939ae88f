package id.betang.simulator.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * A JFR recording of the gateway over the capacity climb only (started and stopped with jcmd, so start-up and
 * warm-up stay out of it), and where its CPU went: the execution samples counted by thread, by the frame on
 * top of the stack, and by the first frame of our own code below it.
 */
final class JfrProfile {

    private static final String NAME = "capacity";
    private static final int TOP = 15;

    private final long pid;
    private final Path file;

    private JfrProfile(long pid, Path file) {
        this.pid = pid;
        this.file = file;
    }

    static JfrProfile start(long pid, Path file) throws IOException, InterruptedException {
        jcmd(pid, "JFR.start", "name=" + NAME, "settings=profile");
        return new JfrProfile(pid, file.toAbsolutePath());
    }

    /** Stops the recording and writes it to the file. */
    Path stop() throws IOException, InterruptedException {
        jcmd(pid, "JFR.stop", "name=" + NAME, "filename=" + file);
        return file;
    }

    static void summarise(Path recording, PrintStream out) throws IOException {
        List<RecordedEvent> samples = RecordingFile.readAllEvents(recording).stream()
                .filter(e -> e.getEventType().getName().equals("jdk.ExecutionSample") && e.getStackTrace() != null)
                .toList();
        out.printf("JFR profile of the capacity climb (%s): %d execution samples%n", recording.getFileName(), samples.size());
        top(out, "by thread", samples, e -> e.getThread("sampledThread") == null ? "?"
                : e.getThread("sampledThread").getJavaName().replaceAll("\\d+", "N"));
        top(out, "by top frame", samples, e -> frame(e.getStackTrace().getFrames().get(0)));
        top(out, "by first frame in id.betang", samples, JfrProfile::firstOwnFrame);
    }

    private static void top(PrintStream out, String title, List<RecordedEvent> samples,
                            Function<RecordedEvent, String> key) {
        Map<String, Integer> counts = new HashMap<>();
        samples.forEach(e -> counts.merge(key.apply(e), 1, Integer::sum));
        out.println("  " + title + ":");
        counts.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue(Comparator.reverseOrder()))
                .limit(TOP).forEach(c -> out.printf("    %5.1f %%  %s%n", 100.0 * c.getValue() / samples.size(), c.getKey()));
    }

    private static String firstOwnFrame(RecordedEvent sample) {
        RecordedStackTrace stack = sample.getStackTrace();
        for (RecordedFrame f : stack.getFrames()) {
            if (f.getMethod().getType().getName().startsWith("id.betang.")) {
                return frame(f);
            }
        }
        return stack.isTruncated() ? "(none in the recorded depth)" : "(none: libraries only)";
    }

    private static String frame(RecordedFrame f) {
        return f.getMethod().getType().getName() + "." + f.getMethod().getName();
    }

    private static void jcmd(long pid, String... command) throws IOException, InterruptedException {
        List<String> line = new java.util.ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(), String.valueOf(pid)));
        line.addAll(List.of(command));
        Process p = new ProcessBuilder(line).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) {
            throw new IOException("jcmd " + String.join(" ", command) + " failed: " + output);
        }
    }
}
