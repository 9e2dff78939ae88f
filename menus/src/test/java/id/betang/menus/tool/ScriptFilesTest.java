package id.betang.menus.tool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@code --script} arguments stand for: files as given, globs expanded by the CLI itself. */
class ScriptFilesTest {

    @TempDir
    Path dir;

    @BeforeEach
    void files() throws IOException {
        Files.createDirectories(dir.resolve("sub"));
        for (String name : List.of("b.txt", "a.txt", "notes.md", "sub/c.txt")) {
            Files.writeString(dir.resolve(name), "> *777#\n");
        }
    }

    List<Path> expand(String... arguments) {
        return ScriptFiles.expand(List.of(arguments));
    }

    @Test
    void aGlobMatchesInItsFolderSortedByName() {
        assertEquals(List.of(dir.resolve("a.txt"), dir.resolve("b.txt")), expand(dir + "/*.txt"));
    }

    @Test
    void twoStarsReachIntoSubfolders() {
        assertEquals(List.of(dir.resolve("a.txt"), dir.resolve("b.txt"), dir.resolve("sub/c.txt")), expand(dir + "/**.txt"));
    }

    @Test
    void filesKeepTheirOrderAndRunOnce() {
        assertEquals(List.of(dir.resolve("b.txt"), dir.resolve("a.txt")),
                expand(dir + "/b.txt", dir + "/*.txt", dir + "/./b.txt"));
    }

    @Test
    void nothingMatchedOrAMissingFileIsAnError() {
        assertEquals("--script '" + dir + "/*.yaml' matches no file",
                assertThrows(IllegalArgumentException.class, () -> expand(dir + "/*.yaml")).getMessage());
        assertEquals("--script " + dir + "/z.txt: no such file",
                assertThrows(IllegalArgumentException.class, () -> expand(dir + "/z.txt")).getMessage());
        assertThrows(IllegalArgumentException.class, () -> expand(dir + "/nowhere/*.txt"));
    }
}
