package id.betang.menus.tool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

/** The CLI as an operator uses it: exit codes and what it prints. */
class MenuCliTest {

    static final String MENU = "src/main/resources/menus/kartu-huma-betang.yaml";
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();

    int run(String... args) {
        return new MenuCli(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)).run(args);
    }

    @Test
    void lintPassesOnTheShippedMenu() {
        assertEquals(0, run("lint", "--strict", MENU));
        assertTrue(out.toString().contains("1 file(s): 0 error(s), 0 warning(s)"), out.toString());
    }

    @Test
    void lintPassesAtTheSmallerScreenLimitOfSomeNetworks() {
        assertEquals(0, run("lint", "--limit", "160", MENU), err.toString());
    }

    @Test
    void lintFailsWithFileLineAndScreen() {
        assertEquals(1, run("lint", "src/test/resources/broken/unknown-target.yaml"));
        assertTrue(err.toString().contains(
                "src/test/resources/broken/unknown-target.yaml:11: screen 'main' option 1 goes to unknown screen 'nowhere'"),
                err.toString());
    }

    @Test
    void nonGsmTextIsAWarningUnlessStrict() {
        assertEquals(0, run("lint", "src/test/resources/broken/non-gsm.yaml"));
        assertTrue(err.toString().contains("warning: text (id) has '"), err.toString());
        assertEquals(1, run("lint", "--strict", "src/test/resources/broken/non-gsm.yaml"));
    }

    @Test
    void graphIsAMermaidFlowchart() {
        assertEquals(0, run("graph", MENU));
        String graph = out.toString();
        assertTrue(graph.startsWith("flowchart TD\n"), graph);
        assertTrue(graph.contains("  main -->|1| status_nik\n"), graph);
        assertTrue(graph.contains("  main -->|7 agent| agent\n"), graph);
        assertTrue(graph.contains("  status_lookup -->|verify| status_dob\n"), graph);
        assertTrue(graph.contains("  complaint_nik -->|valid,0| complaint_district\n"), graph);
    }

    @Test
    void tryRunsTranscriptsAndFailsOnTheFirstMismatch() throws Exception {
        String fixtures = "src/test/resources/transcripts/fixtures.yaml";
        assertEquals(0, run("try", MENU, "--fixtures", fixtures, "--script", "src/test/resources/transcripts/status.id.txt"));
        java.nio.file.Path wrong = java.nio.file.Files.createTempFile("wrong", ".txt");
        java.nio.file.Files.writeString(wrong, "> *777#\nSelamat datang\n");
        assertEquals(1, run("try", MENU, "--fixtures", fixtures, "--script", wrong.toString()));
        assertTrue(err.toString().contains("FAIL " + wrong + ":1: after '> *777#'"), err.toString());
    }

    @Test
    void badArgumentsExplainThemselves() {
        assertEquals(2, run("lint"));
        assertTrue(err.toString().contains("lint needs at least one FILE"), err.toString());
        assertEquals(2, run("draw", MENU));
        assertEquals(2, run("lint", "--limit", "huge", MENU));
    }
}
