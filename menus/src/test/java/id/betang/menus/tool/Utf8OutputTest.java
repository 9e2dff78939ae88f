package id.betang.menus.tool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CLI in its own JVM whose platform encoding is ASCII, as on many servers and CI images: what it prints
 * must still be UTF-8, not {@code ?} for every emoji and accented letter.
 */
class Utf8OutputTest {

    @TempDir
    Path temp;

    record Output(int exit, String out, String err) {
    }

    Output runInAsciiJvm(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dfile.encoding=US-ASCII", "-Dsun.stdout.encoding=US-ASCII", "-Dsun.stderr.encoding=US-ASCII",
                "-cp", System.getProperty("java.class.path"), MenuCli.class.getName()));
        command.addAll(List.of(args));
        Path out = temp.resolve("out");
        Path err = temp.resolve("err");
        Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        // generous: a JVM start on a busy machine; the test asserts what is printed, not how fast
        assertTrue(process.waitFor(5, TimeUnit.MINUTES), "the CLI did not finish");
        return new Output(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    @Test
    void graphPrintsEmojiAsUtf8() throws Exception {
        Output graph = runInAsciiJvm("graph", MenuCliTest.EMOJI_MENU);
        assertEquals(0, graph.exit(), graph.err());
        assertTrue(graph.out().contains("  main[\"main: Salam 🙏 dari Betang\"]\n"), graph.out());
    }

    @Test
    void lintPrintsTheCharacterItWarnsAbout() throws Exception {
        Output lint = runInAsciiJvm("lint", MenuCliTest.EMOJI_MENU);
        assertEquals(0, lint.exit(), lint.err());
        assertTrue(lint.err().contains("screen 'a.b' warning: text (id) has 'ā', not in GSM 03.38"), lint.err());
        assertTrue(lint.err().contains("screen 'main' warning: text (id) has '🙏', not in GSM 03.38"), lint.err());
    }

    @Test
    void tryShowsScreensAsUtf8() throws Exception {
        Path transcript = Files.writeString(temp.resolve("wrong.txt"), "> *777#\nSalam dari Betang\n");
        Output tried = runInAsciiJvm("try", MenuCliTest.EMOJI_MENU, "--script", transcript.toString());
        assertEquals(1, tried.exit(), tried.err());
        assertTrue(tried.err().contains("+++ shown\nSalam 🙏 dari Betang"), tried.err());
    }
}
