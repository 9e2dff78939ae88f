package id.betang.menus.tool;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

import id.betang.menus.Engine;
import id.betang.menus.Screen;
import id.betang.menus.ServiceCodes;
import id.betang.menus.Step;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code try}: a phone in the terminal, or (with {@code --script}) transcripts run one after another, each
 * reported PASS or FAIL, exit 1 when any failed. Actions are answered from a fixtures file; an action the
 * fixtures do not prepare answers {@code unavailable}, and a note on stderr says so once per action, since
 * the phone only shows the menu's "busy" screen.
 */
@Command(name = "try",
        description = "Dials the menu in the terminal, or runs transcripts with --script.")
final class TryCommand implements Callable<Integer> {

    private final InputStream in;
    private final PrintWriter out;
    private final PrintWriter err;

    @Spec
    CommandSpec spec;

    @Parameters(arity = "0..1", paramLabel = "FILE", description = "the menu YAML file (give it before --script)")
    Path menu;

    @Option(names = "--lang", paramLabel = "LANG", defaultValue = "id",
            description = "language of the caller (default: ${DEFAULT-VALUE})")
    String lang;

    @Option(names = "--agent", description = "call as a registered agent (their options show)")
    boolean agent;

    @Option(names = "--fixtures", paramLabel = "FILE.yaml", description = "canned action results (see Fixtures)")
    Path fixtureFile;

    @Option(names = "--script", arity = "1..*", paramLabel = "TRANSCRIPT",
            description = "transcripts to run: files, or a quoted glob such as 'transcripts/*.txt'; "
                    + "takes every argument up to the next option, and may be repeated")
    List<String> scripts = new ArrayList<>();

    @Mixin
    MenuCli.Limits limits;

    @Mixin
    MenuCli.Help help;

    TryCommand(InputStream in, PrintWriter out, PrintWriter err) {
        this.in = in;
        this.out = out;
        this.err = err;
    }

    @Override
    public Integer call() throws IOException {
        if (menu == null) {
            throw new ParameterException(spec.commandLine(),
                    "give the menu FILE (before --script, which takes every file after it)");
        }
        List<Path> transcripts;
        try {
            transcripts = ScriptFiles.expand(scripts);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        Engine engine = new Engine(MenuCli.load(menu, limits.limits()), limits.limits());
        Fixtures fixtures = fixtures();
        return transcripts.isEmpty() ? interactive(engine, fixtures) : runScripts(engine, fixtures, transcripts);
    }

    private Fixtures fixtures() throws IOException {
        if (fixtureFile == null) {
            return Fixtures.none().whenUnprepared(action -> err.println(
                    "betang-menus: no fixtures given: action " + action + " answers 'unavailable' (use --fixtures file.yaml)"));
        }
        return Fixtures.load(fixtureFile).whenUnprepared(action -> err.println(
                "betang-menus: " + fixtureFile + " has no rules for action " + action + ": it answers 'unavailable'"));
    }

    private int runScripts(Engine engine, Fixtures fixtures, List<Path> transcripts) {
        int failed = 0;
        for (Path file : transcripts) {
            Optional<String> failure = failure(engine, fixtures, file);
            if (failure.isPresent()) {
                failed++;
                err.println("FAIL " + failure.get());
            } else {
                out.println("PASS " + file);
            }
        }
        String summary = "transcripts: " + (transcripts.size() - failed) + " passed, " + failed + " failed";
        (failed > 0 ? err : out).println(summary);
        return failed > 0 ? 1 : 0;
    }

    /** Why this transcript fails (where, expected, shown), or empty when every screen matched. */
    private Optional<String> failure(Engine engine, Fixtures fixtures, Path file) {
        Transcript transcript;
        try {
            transcript = Transcript.parse(file.toString(), Files.readString(file), lang);
        } catch (IOException e) {
            return Optional.of(file + ": cannot read it (" + e.getMessage() + ")");
        } catch (IllegalArgumentException e) {
            return Optional.of(e.getMessage());
        }
        return transcript.run(new FixtureDialogue(engine, fixtures)).map(Transcript.Mismatch::toString);
    }

    private int interactive(Engine engine, Fixtures fixtures) throws IOException {
        FixtureDialogue dialogue = new FixtureDialogue(engine, fixtures);
        BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        out.println("Dial e.g. *777# (then answer each screen); empty line or Ctrl-D to quit.");
        prompt();
        String line;
        while ((line = lines.readLine()) != null && !line.isBlank()) {
            Optional<ServiceCodes.Dialled> dialled = ServiceCodes.parse(line);
            if (dialled.isEmpty() && dialogue.ended()) {
                out.println("(dial first, e.g. *777#)");
                prompt();
                continue;
            }
            Step.Reply reply = dialled.isPresent()
                    ? dialogue.dial(agent ? Screen.Audience.AGENT : Screen.Audience.RESIDENT, lang, dialled.get().inputs())
                    : dialogue.send(line);
            out.println(reply.text());
            out.println(reply.end() ? "[end]" : "");
            prompt();
        }
        return 0;
    }

    private void prompt() {
        out.print("> ");
        out.flush();
    }
}
