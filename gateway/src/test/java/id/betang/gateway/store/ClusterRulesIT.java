package id.betang.gateway.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import id.betang.gateway.config.GatewayConfig;
import id.betang.gateway.testing.TestStorage;

/**
 * What Galera and Group Replication ask of the schema and the SQL, checked on the shared MariaDB: every table
 * has a primary key, nothing takes a lock those engines do not share across nodes, and instances that start
 * together on an empty schema migrate it once.
 */
class ClusterRulesIT {

    private static final int INSTANCES = 4;
    private static final Pattern NODE_LOCAL_LOCKS =
            Pattern.compile("GET_LOCK|RELEASE_LOCK|LOCK\\s+TABLES|SERIALIZABLE", Pattern.CASE_INSENSITIVE);
    private static final Pattern COMMENTS =
            Pattern.compile("(?s)<!--.*?-->|/\\*.*?\\*/|(?m)//.*$|(?m)^\\s*--.*$|(?m)\\s--\\s.*$");

    static String url;

    @BeforeAll
    static void createDatabase() {
        url = TestStorage.freshDatabase("cluster_rules");
    }

    @AfterAll
    static void dropDatabase() {
        TestStorage.dropDatabase(url);
    }

    @Test
    void instancesStartingTogetherMigrateOnceAndEveryTableHasAPrimaryKey() throws Exception {
        startTogether(java.util.Collections.nCopies(INSTANCES, url));
        assertMigratedOnce(url);
        assertEquals(List.of(), tablesWithoutPrimaryKey(url));
    }

    @Test
    void noSqlTakesANodeLocalLock() throws IOException {
        List<String> offenders = new ArrayList<>();
        try (Stream<Path> files = Files.walk(Path.of("src/main"))) {
            for (Path f : files.filter(p -> p.toString().matches(".*\\.(java|xml|sql)$")).toList()) {
                String code = COMMENTS.matcher(Files.readString(f)).replaceAll("");
                if (NODE_LOCAL_LOCKS.matcher(code).find()) {
                    offenders.add(f.toString());
                }
            }
        }
        assertEquals(List.of(), offenders, "GET_LOCK, LOCK TABLES and SERIALIZABLE do not hold across Galera nodes");
    }

    /** Opens a Database per URL, all at the same moment, and closes them; fails if any failed. */
    static void startTogether(List<String> urls) throws Exception {
        CyclicBarrier start = new CyclicBarrier(urls.size());
        ExecutorService pool = Executors.newFixedThreadPool(urls.size());
        try {
            List<Future<?>> opened = new ArrayList<>();
            for (String u : urls) {
                opened.add(pool.submit(() -> {
                    start.await(60, TimeUnit.SECONDS);
                    try (Database db = Database.open(new GatewayConfig.Mysql(u, TestStorage.mysqlUser(),
                            TestStorage.mysqlPassword()))) {
                        assertTrue(db.ping());
                    }
                    return null;
                }));
            }
            for (Future<?> f : opened) {
                f.get(10, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** Each shipped migration is in the history once, successful, in order. */
    static void assertMigratedOnce(String jdbcUrl) throws Exception {
        List<String> applied = new ArrayList<>();
        try (Connection c = TestStorage.connect(jdbcUrl);
             ResultSet rs = c.createStatement().executeQuery(
                     "SELECT version, success FROM flyway_schema_history WHERE version IS NOT NULL AND type <> 'BASELINE' ORDER BY installed_rank")) {
            while (rs.next()) {
                assertTrue(rs.getBoolean("success"), "migration " + rs.getString("version"));
                applied.add(rs.getString("version"));
            }
        }
        List<String> shipped;
        try (Stream<Path> files = Files.list(Path.of("src/main/resources/db/migration"))) {
            shipped = files.map(f -> f.getFileName().toString()).filter(n -> n.matches("V\\d+__.*\\.sql"))
                    .map(n -> n.substring(1, n.indexOf("__"))).sorted(java.util.Comparator.comparingInt(Integer::parseInt))
                    .toList();
        }
        assertEquals(shipped, applied, "each migration applied once, in order");
    }

    static List<String> tablesWithoutPrimaryKey(String jdbcUrl) throws SQLException {
        List<String> missing = new ArrayList<>();
        try (Connection c = TestStorage.connect(jdbcUrl); ResultSet rs = c.createStatement().executeQuery(
                "SELECT t.table_name FROM information_schema.tables t"
                        + " LEFT JOIN information_schema.table_constraints k ON k.table_schema = t.table_schema"
                        + " AND k.table_name = t.table_name AND k.constraint_type = 'PRIMARY KEY'"
                        + " WHERE t.table_schema = DATABASE() AND t.table_type = 'BASE TABLE' AND k.constraint_name IS NULL")) {
            while (rs.next()) {
                missing.add(rs.getString(1));
            }
        }
        return missing;
    }
}
