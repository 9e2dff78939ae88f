package id.betang.simulator.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Embedded MariaDB: its folder is gone after close and after a start that failed twice, with a message that helps. */
class EmbeddedStorageIT {

    private static List<Path> demoFolders(Path parent) throws Exception {
        try (Stream<Path> all = Files.list(parent)) {
            return all.filter(p -> p.getFileName().toString().startsWith(EmbeddedStorage.FOLDER_PREFIX)).toList();
        }
    }

    @Test
    void aStartThatTimesOutIsTriedTwiceThenSaysWhatToDoAndLeavesNoFolder(@TempDir Path tmp) throws Exception {
        // 1 ms: no MariaDB is ready for connections that fast, so both attempts time out
        EmbeddedStorage storage = new EmbeddedStorage(Duration.ofMillis(1), tmp);
        IllegalStateException e = assertThrows(IllegalStateException.class, storage::startMariaDb);
        assertTrue(e.getMessage().startsWith("embedded MariaDB did not start, 2 attempts of up to 1 ms each"), e.getMessage());
        assertTrue(e.getMessage().contains("--db-start-timeout SECONDS, or set BETANG_MYSQL_URL"), e.getMessage());
        assertEquals(List.of(), demoFolders(tmp));
        storage.close();
    }

    @Test
    void aStartedDatabaseServesAndItsFolderIsRemovedOnClose(@TempDir Path tmp) throws Exception {
        EmbeddedStorage storage = new EmbeddedStorage(Demo.DEFAULT_DB_START_TIMEOUT, tmp);
        try {
            String url = storage.startMariaDb();
            assertEquals(1, demoFolders(tmp).size());
            try (Connection c = DriverManager.getConnection(url, "root", "")) {
                assertTrue(c.createStatement().execute("SELECT 1"));
            }
        } finally {
            storage.close();
        }
        assertEquals(List.of(), demoFolders(tmp));
    }
}
