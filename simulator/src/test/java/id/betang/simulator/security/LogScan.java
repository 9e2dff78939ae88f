package id.betang.simulator.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import id.betang.gateway.ops.EventLoops;
import id.betang.gateway.testing.BlockedStacks;

/**
 * Reads gateway logs as an auditor would: every line at INFO or above (a stack trace's lines count at the level of
 * the line they follow) must hold no full NIK, no full MSISDN and no message text; and no line may show Vert.x's
 * blocked-thread warning (an event loop held past its limit, {@link EventLoops#BLOCKED_WARNING}) once the gateway
 * has warmed up (before, start-up runs on cold code and serves no one) whose stack shows the loop waiting
 * ({@link BlockedStacks}: a loop caught computing on a busy machine was waiting for a core, not blocked). Lines look like
 * {@code 02:31:07.123 INFO  Logger message} (gateway and simulator logback.xml).
 *
 * <p>Run as a program ({@link #main}), it scans every {@code gateway-*.log} under a directory written since a
 * given instant with the patterns alone (it does not know which NIKs a test used): the whole {@code mvn verify}
 * run's gateway processes.
 */
public final class LogScan {

    private static final Pattern LEVEL = Pattern.compile("^\\d\\d:\\d\\d:\\d\\d\\.\\d{3} (TRACE|DEBUG|INFO|WARN|ERROR)\\b");
    /** 16 digits in a NIK's structure: province 11-97, day 01-71, month 01-12, serial not 0000. */
    private static final Pattern ANY_NIK = Pattern.compile(
            "(?<!\\d)[1-9]\\d{5}(?:[0-6]\\d|7[01])(?:0[1-9]|1[0-2])\\d\\d(?!0000)\\d{4}(?!\\d)");
    /** An Indonesian mobile number in full: 62 8xx and 8-11 more digits. */
    private static final Pattern ANY_MSISDN = Pattern.compile("(?<!\\d)(?:\\+?62|0)8\\d{8,11}(?!\\d)");

    record Finding(Path file, int line, String why, String text) {
        @Override
        public String toString() {
            return file.getFileName() + ":" + line + " " + why + ": " + text;
        }
    }

    private final Set<String> niks;
    private final Set<String> msisdns;
    private final Collection<String> texts;
    private final Collection<String> secrets;

    /**
     * @param niks    full NIKs the run used (besides any NIK-shaped number)
     * @param msisdns full phone numbers the run used
     * @param texts   message text sent or received (each at least a few words long)
     * @param secrets tokens and keys, which no line at any level may show
     */
    LogScan(Set<String> niks, Set<String> msisdns, Collection<String> texts, Collection<String> secrets) {
        this.niks = niks;
        this.msisdns = msisdns;
        this.texts = texts;
        this.secrets = secrets;
    }

    List<Finding> scan(Path file) {
        List<Finding> findings = new ArrayList<>();
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        boolean atInfo = true; // output before logback's first line (a start-up refusal) is what the operator sees
        boolean warm = false;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            Matcher level = LEVEL.matcher(line);
            if (level.find()) {
                atInfo = !level.group(1).equals("DEBUG") && !level.group(1).equals("TRACE");
            }
            warm |= line.contains(EventLoops.WARM);
            String why = warm && line.contains(EventLoops.BLOCKED_WARNING)
                    ? (BlockedStacks.counts(line, stackAfter(lines, i)) ? "a blocked event loop" : null)
                    : problem(line, atInfo);
            if (why != null) {
                findings.add(new Finding(file, i + 1, why, line.length() > 200 ? line.substring(0, 200) + "…" : line));
            }
        }
        return findings;
    }

    /** The lines of the stack trace that follows log line {@code at}, up to the next log line. */
    private static List<String> stackAfter(List<String> lines, int at) {
        List<String> stack = new ArrayList<>();
        for (int j = at + 1; j < lines.size() && !LEVEL.matcher(lines.get(j)).find(); j++) {
            if (lines.get(j).strip().startsWith("at ")) {
                stack.add(lines.get(j));
            }
        }
        return stack;
    }

    private String problem(String line, boolean atInfo) {
        for (String secret : secrets) {
            if (line.contains(secret)) {
                return "a secret";
            }
        }
        if (!atInfo) {
            return null;
        }
        Matcher nik = ANY_NIK.matcher(line);
        if (nik.find()) {
            return "a full NIK";
        }
        for (String n : niks) {
            if (line.contains(n)) {
                return "a full NIK";
            }
        }
        if (ANY_MSISDN.matcher(line).find()) {
            return "a full MSISDN";
        }
        for (String m : msisdns) {
            if (line.contains(m)) {
                return "a full MSISDN";
            }
        }
        for (String text : texts) {
            if (line.contains(text)) {
                return "message text";
            }
        }
        return null;
    }

    /** Gateway logs under {@code dir} last written at or after {@code since}. */
    static List<Path> gatewayLogs(Path dir, Instant since) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().matches("gateway-.*\\.log"))
                    .filter(f -> {
                        try {
                            return !Files.getLastModifiedTime(f).toInstant().isBefore(since);
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    }).sorted().toList();
        }
    }

    /**
     * {@code LogScan <dir> [<since, ISO instant>]}: scans the gateway logs of the run and exits 1 on any finding.
     * Known secrets of the test gateways are passed as {@code -Dlogscan.secrets=a,b,c}.
     */
    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : "target");
        Instant since = args.length > 1 && !args[1].isBlank() ? Instant.parse(args[1]) : Instant.EPOCH;
        List<String> secrets = Stream.of(System.getProperty("logscan.secrets", "").split(","))
                .filter(s -> s.length() >= 16).toList();
        LogScan scan = new LogScan(Set.of(), Set.of(), List.of(), secrets);
        List<Path> logs = Files.isDirectory(dir) ? gatewayLogs(dir, since) : List.of();
        List<Finding> findings = logs.stream().flatMap(f -> scan.scan(f).stream()).toList();
        long lines = 0;
        for (Path log : logs) {
            try (Stream<String> l = Files.lines(log)) {
                lines += l.count();
            }
        }
        System.out.printf("log scan: %d gateway logs, %d lines since %s: %d findings%n", logs.size(), lines, since,
                findings.size());
        findings.stream().limit(50).forEach(f -> System.out.println("  " + f));
        if (!findings.isEmpty()) {
            throw new IllegalStateException(findings.size() + " log lines hold personal data or a secret, or show a blocked event loop");
        }
    }
}
