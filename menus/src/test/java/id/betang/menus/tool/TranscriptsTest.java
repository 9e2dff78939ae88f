package id.betang.menus.tool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import id.betang.menus.Engine;
import id.betang.menus.MenuLoader;
import id.betang.menus.MenuTree;
import id.betang.menus.ScreenLimits;

/** Every transcript under src/test/resources/transcripts runs against the shipped menu and its fixtures. */
class TranscriptsTest {

    static final Path DIR = Path.of("src/test/resources/transcripts");
    static final MenuTree TREE = new MenuLoader().loadResource("/menus/kartu-huma-betang.yaml");

    static Stream<Path> transcripts() throws IOException {
        return Files.list(DIR).filter(p -> p.toString().endsWith(".txt")).sorted();
    }

    static FixtureDialogue dialogue() throws IOException {
        return new FixtureDialogue(new Engine(TREE, ScreenLimits.DEFAULT), Fixtures.load(DIR.resolve("fixtures.yaml")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("transcripts")
    void transcriptMatches(Path file) throws IOException {
        Transcript transcript = Transcript.parse(file.getFileName().toString(), Files.readString(file), "id");
        Optional<Transcript.Mismatch> mismatch = transcript.run(dialogue());
        assertTrue(mismatch.isEmpty(), () -> mismatch.get().toString());
    }

    @Test
    void aWrongExpectationIsReportedWithWhereAndWhat() throws IOException {
        String text = "> *777#\nKartu Huma Betang Sejahtera\n*\n> 1\nMasukkan nomor HP:\n";
        Transcript.Mismatch mismatch = Transcript.parse("wrong.txt", text, "id").run(dialogue()).orElseThrow();
        assertEquals(4, mismatch.line());
        assertEquals("Masukkan nomor HP:", mismatch.expected());
        assertEquals("Masukkan NIK (16 angka):", mismatch.actual());
        assertTrue(mismatch.toString().startsWith("wrong.txt:4: after '> 1'"), mismatch.toString());
    }

    @Test
    void anExpectedEndThatDoesNotComeIsAMismatch() throws IOException {
        String text = "> *777#\n*\n> 1\nMasukkan NIK (16 angka):\n[end]\n";
        assertTrue(Transcript.parse("t", text, "id").run(dialogue()).isPresent());
    }

    @Test
    void wildcardsOnlyAtLineEdgesOrAlone() {
        assertTrue(Transcript.matches("a\n*\nd", "a\nb\nc\nd"));
        assertTrue(Transcript.matches("a\n*\nd", "a\nd"));
        assertTrue(Transcript.matches("*Menu*", "1 Cek\n2 Menu utama\n3 x"));
        assertTrue(Transcript.matches("NIK 6271********0004 ok", "NIK 6271********0004 ok"));
        assertFalse(Transcript.matches("NIK 6271********0004 ok", "NIK 6271123456780004 ok"));
        assertTrue(Transcript.matches("dial *777# again", "dial *777# again"));
        assertFalse(Transcript.matches("dial *777# again", "dial 777 again"));
        assertFalse(Transcript.matches("a\nb", "a\nb\nc"));
    }
}
