package id.betang.menus.tool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI as an operator uses it: exit codes and what it prints. */
class MenuCliTest {

    static final String MENU = "src/main/resources/menus/kartu-huma-betang.yaml";
    static final String FIXTURES = "src/test/resources/transcripts/fixtures.yaml";
    static final String TRANSCRIPTS = "src/test/resources/transcripts";
    static final String EMOJI_MENU = "src/test/resources/cli/emoji.yaml";
    static final String ACTIONS_MENU = "src/test/resources/cli/actions.yaml";

    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();

    @TempDir
    Path temp;

    int run(String... args) {
        return runWithInput("", args);
    }

    int runWithInput(String typed, String... args) {
        InputStream in = new ByteArrayInputStream(typed.getBytes(StandardCharsets.UTF_8));
        return new MenuCli(in, new PrintWriter(out, true), new PrintWriter(err, true)).run(args);
    }

    @Test
    void lintPassesOnTheShippedMenu() {
        assertEquals(0, run("lint", "--strict", MENU), err.toString());
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
    void lintListsEveryKeyALanguageLacks() {
        String file = "src/test/resources/broken/missing-language.yaml";
        assertEquals(1, run("lint", file));
        for (String missing : List.of("7: screen 'texts.invalid' missing bjn text: texts.invalid",
                "13: screen 'labels.status.ACTIVE' missing bjn text: labels.status.ACTIVE",
                "19: screen 'main' missing bjn text: screens.main.options.1",
                "23: screen 'bye' missing bjn text: screens.bye",
                "1: language 'bjn' is declared but no session.language screen switches to it")) {
            assertTrue(err.toString().contains(file + ":" + missing), err.toString());
        }
        assertEquals(5, err.toString().lines().filter(l -> l.startsWith(file + ":")).count(),
                "complete texts are not reported: " + err);
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
        assertTrue(graph.contains("  main -->|7 agent| agent_check\n"), graph);
        assertTrue(graph.contains("  status_lookup -->|verify| status_verify\n"), graph);
        assertTrue(graph.contains("  complaint_nik -->|valid,0| complaint_district\n"), graph);
    }

    @Test
    void tryRunsEveryTranscriptGivenAndReportsEach() throws IOException {
        Path wrong = Files.writeString(temp.resolve("wrong.txt"), "> *777#\nSelamat datang\n");
        String status = TRANSCRIPTS + "/status.id.txt";
        String agent = TRANSCRIPTS + "/agent.id.txt";
        assertEquals(1, run("try", MENU, "--fixtures", FIXTURES, "--script", status, wrong.toString(), agent));
        assertTrue(out.toString().contains("PASS " + status + "\n"), out.toString());
        assertTrue(out.toString().contains("PASS " + agent + "\n"), "runs on after a failure: " + out);
        assertTrue(err.toString().contains("FAIL " + wrong + ":1: after '> *777#'\n--- expected\nSelamat datang"), err.toString());
        assertTrue(err.toString().contains("transcripts: 2 passed, 1 failed"), err.toString());
    }

    @Test
    void tryScriptTakesAQuotedGlobAndRepeatedFlags() throws IOException {
        List<Path> all;
        try (var files = Files.list(Path.of(TRANSCRIPTS))) {
            all = files.filter(p -> p.toString().endsWith(".txt")).sorted().toList();
        }
        String first = all.get(0).toString();
        // the glob names the first file again: each runs once
        assertEquals(0, run("try", MENU, "--fixtures", FIXTURES, "--script", first, "--script", TRANSCRIPTS + "/*.txt"), err.toString());
        List<String> passed = out.toString().lines().filter(l -> l.startsWith("PASS ")).toList();
        assertEquals(all.stream().map(p -> "PASS " + p).toList(), passed);
        assertTrue(out.toString().contains("transcripts: " + all.size() + " passed, 0 failed"), out.toString());
    }

    @Test
    void aGlobThatMatchesNothingOrAMissingFileIsAnArgumentError() {
        assertEquals(2, run("try", MENU, "--script", TRANSCRIPTS + "/*.nothing"));
        assertTrue(err.toString().contains("--script '" + TRANSCRIPTS + "/*.nothing' matches no file"), err.toString());
        assertEquals(2, run("try", MENU, "--script", TRANSCRIPTS + "/missing.txt"));
        assertTrue(err.toString().contains("--script " + TRANSCRIPTS + "/missing.txt: no such file"), err.toString());
    }

    @Test
    void theMenuGoesBeforeScriptsWhichTakeEveryFileAfterThem() {
        assertEquals(2, run("try", "--script", TRANSCRIPTS + "/status.id.txt", MENU));
        assertTrue(err.toString().contains("give the menu FILE (before --script"), err.toString());
    }

    @Test
    void tryWithoutFixturesSaysOnceWhichActionAnswersUnavailable() {
        // English twice (two dials), then the other action once
        assertEquals(0, runWithInput("*777#\n1\n*777#\n1\n*777#\n2\n\n", "try", ACTIONS_MENU));
        assertTrue(out.toString().contains("Maaf, belum bisa.\n[end]"), out.toString());
        List<String> notes = err.toString().lines().toList();
        assertEquals(List.of(
                "betang-menus: no fixtures given: action session.language answers 'unavailable' (use --fixtures file.yaml)",
                "betang-menus: no fixtures given: action complaint.discard answers 'unavailable' (use --fixtures file.yaml)"),
                notes);
    }

    @Test
    void fixturesWithoutRulesForAnActionSaySoToo() throws IOException {
        Path fixtures = Files.writeString(temp.resolve("fixtures.yaml"), "session.language:\n  - outcome: ok\n");
        assertEquals(0, runWithInput("*777#\n1\n*777#\n2\n\n", "try", ACTIONS_MENU, "--fixtures", fixtures.toString()));
        assertTrue(out.toString().contains("Beres.\n[end]"), out.toString());
        assertEquals(List.of("betang-menus: " + fixtures + " has no rules for action complaint.discard: it answers 'unavailable'"),
                err.toString().lines().toList());
    }

    @Test
    void transcriptsWithoutFixturesCarryTheNoteOncePerRun() throws IOException {
        for (String name : List.of("english.txt", "english-again.txt")) {
            Files.writeString(temp.resolve(name), "> *777#\nPilih\n*\n> 1\nMaaf, belum bisa.\n[end]\n");
        }
        assertEquals(0, run("try", ACTIONS_MENU, "--script", temp + "/*.txt"), err.toString());
        assertTrue(out.toString().contains("transcripts: 2 passed, 0 failed"), out.toString());
        assertEquals(1, err.toString().lines().filter(l -> l.contains("action session.language answers 'unavailable'")).count(),
                err.toString());
    }

    @Test
    void badArgumentsExplainThemselves() {
        assertEquals(2, run("lint"));
        assertTrue(err.toString().contains("Missing required parameter: 'FILE'"), err.toString());
        assertTrue(err.toString().contains("Usage: betang-menus lint"), err.toString());
        assertEquals(2, run("draw", MENU));
        assertTrue(err.toString().contains("Unmatched arguments from index 0: 'draw'"), err.toString());
        assertEquals(2, run("lint", "--limit", "huge", MENU));
        assertEquals(2, run("lint", "--limit", "5", MENU));
        assertTrue(err.toString().contains("--limit takes a number of characters, e.g. 160"), err.toString());
        assertEquals(2, run());
        assertTrue(err.toString().contains("give a command: lint, graph or try"), err.toString());
        assertEquals(2, run("lint", "no/such/menu.yaml"));
        assertTrue(err.toString().contains("betang-menus: no such file: no/such/menu.yaml"), err.toString());
    }

    @Test
    void helpListsTheCommands() {
        assertEquals(0, run("--help"));
        assertTrue(out.toString().contains("lint") && out.toString().contains("graph") && out.toString().contains("try"), out.toString());
        assertEquals(0, run("try", "--help"));
        assertTrue(out.toString().contains("--script=TRANSCRIPT..."), out.toString());
    }
}
