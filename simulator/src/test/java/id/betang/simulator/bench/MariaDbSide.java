package id.betang.simulator.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import id.betang.gateway.testing.TestStorage;

/**
 * The MariaDB server's CPU (from /proc, when its pid file is readable) and its statement counters at one moment,
 * for a bench to say what a unit of work cost the server: CPU ms, statements (Questions) and commits. Counters are
 * the whole server's: other clients' work counts too, so the figures are the bench's own only on a server of its own.
 */
record MariaDbSide(long cpuMillis, Map<String, Long> counters) {

    private static final String[] COUNTERS = {"Questions", "Com_select", "Com_insert", "Com_update", "Com_delete",
            "Com_commit", "Com_rollback", "Com_set_option"};

    static MariaDbSide now(String jdbcUrl) throws Exception {
        Map<String, Long> counters = new LinkedHashMap<>();
        long cpu = -1;
        try (Connection c = DriverManager.getConnection(jdbcUrl, TestStorage.mysqlUser(), TestStorage.mysqlPassword())) {
            try (ResultSet r = c.createStatement().executeQuery("SHOW GLOBAL STATUS WHERE Variable_name IN ("
                    + java.util.Arrays.stream(COUNTERS).map(n -> "'" + n + "'").collect(Collectors.joining(",")) + ")")) {
                while (r.next()) {
                    counters.put(r.getString(1), r.getLong(2));
                }
            }
            try (ResultSet r = c.createStatement().executeQuery("SELECT @@pid_file")) {
                r.next();
                Path pidFile = Path.of(r.getString(1));
                if (!pidFile.isAbsolute()) {
                    try (ResultSet d = c.createStatement().executeQuery("SELECT @@datadir")) {
                        d.next();
                        pidFile = Path.of(d.getString(1)).resolve(pidFile);
                    }
                }
                if (Files.isReadable(pidFile)) {
                    cpu = ComplaintBench.cpuMillis(Long.parseLong(Files.readString(pidFile).strip()));
                }
            }
        }
        // this look's own statements are not the bench's: SHOW and SELECT @@… (and @@datadir) count as Questions
        counters.merge("Questions", -3L, Long::sum);
        return new MariaDbSide(cpu, counters);
    }

    MariaDbSide minus(MariaDbSide before) {
        Map<String, Long> d = new LinkedHashMap<>();
        counters.forEach((k, v) -> d.put(k, v - before.counters.getOrDefault(k, 0L)));
        return new MariaDbSide(cpuMillis < 0 || before.cpuMillis < 0 ? -1 : cpuMillis - before.cpuMillis, d);
    }

    /** One line: {@code mariadb_cpu_ms_per_complaint=… mariadb_statements_per_complaint=… (select … commit …)}. */
    String perComplaint(int complaints) {
        String each = counters.entrySet().stream().filter(e -> !e.getKey().equals("Questions"))
                .map(e -> e.getKey().replace("Com_", "") + " " + "%.2f".formatted((double) e.getValue() / complaints))
                .collect(Collectors.joining(", "));
        return "mariadb_cpu_ms_per_complaint=%s mariadb_statements_per_complaint=%.2f (%s)".formatted(
                cpuMillis < 0 ? "unknown" : "%.2f".formatted((double) cpuMillis / complaints),
                (double) counters.getOrDefault("Questions", 0L) / complaints, each);
    }
}
