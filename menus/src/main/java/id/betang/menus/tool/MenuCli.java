package id.betang.menus.tool;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import id.betang.menus.Engine;
import id.betang.menus.InvalidMenuException;
import id.betang.menus.MenuError;
import id.betang.menus.MenuLoader;
import id.betang.menus.MenuTree;
import id.betang.menus.Screen;
import id.betang.menus.ScreenLimits;
import id.betang.menus.ServiceCodes;
import id.betang.menus.Step;

/**
 * {@code java -jar menus/target/betang-menus.jar lint|graph|try ...}: check menus, draw them, try them.
 * The argument parsing is hand-written on purpose: this module depends on nothing but a YAML parser.
 */
public final class MenuCli {

    static final String USAGE = """
            usage: betang-menus lint [--strict] [--limit N] FILE...   check menus (exit 1 on errors; --strict: warnings too)
                   betang-menus graph FILE                            Mermaid flowchart on stdout
                   betang-menus try FILE [--lang en] [--agent] [--fixtures results.yaml] [--script transcript.txt]...
                                                                      dial interactively, or run transcripts
            """;

    private final PrintStream out;
    private final PrintStream err;

    MenuCli(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        System.exit(new MenuCli(System.out, System.err).run(args));
    }

    int run(String[] args) {
        if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h")) {
            out.print(USAGE);
            return args.length == 0 ? 2 : 0;
        }
        try {
            Options options = Options.parse(args);
            return switch (args[0]) {
                case "lint" -> lint(options);
                case "graph" -> graph(options);
                case "try" -> tryMenu(options);
                default -> usage("unknown command '" + args[0] + "'");
            };
        } catch (IllegalArgumentException e) {
            return usage(e.getMessage());
        } catch (IOException e) {
            err.println("betang-menus: " + e.getMessage());
            return 2;
        }
    }

    private int usage(String problem) {
        err.println("betang-menus: " + problem);
        err.print(USAGE);
        return 2;
    }

    private int lint(Options o) throws IOException {
        if (o.files.isEmpty()) {
            throw new IllegalArgumentException("lint needs at least one FILE");
        }
        int errors = 0;
        int warnings = 0;
        for (Path file : o.files) {
            MenuLoader.Result result = new MenuLoader(id.betang.menus.ActionCatalog.DEFAULT, o.limits)
                    .check(file.toString(), new StringReader(Files.readString(file)));
            for (MenuError e : result.errors()) {
                err.println(e);
                if (e.warning()) {
                    warnings++;
                } else {
                    errors++;
                }
            }
        }
        boolean failed = errors > 0 || (o.strict && warnings > 0);
        (failed ? err : out).println(o.files.size() + " file(s): " + errors + " error(s), " + warnings + " warning(s)");
        return failed ? 1 : 0;
    }

    private int graph(Options o) throws IOException {
        out.print(MermaidGraph.of(load(o)));
        return 0;
    }

    private int tryMenu(Options o) throws IOException {
        MenuTree tree = load(o);
        Engine engine = new Engine(tree, o.limits);
        if (!o.scripts.isEmpty()) {
            int failed = 0;
            for (Path script : o.scripts) {
                Transcript transcript = Transcript.parse(script.toString(), Files.readString(script), o.lang);
                Optional<Transcript.Mismatch> mismatch = transcript.run(new FixtureDialogue(engine, o.fixtures()));
                if (mismatch.isPresent()) {
                    err.println("FAIL " + mismatch.get());
                    return 1;
                }
                out.println("ok   " + script);
            }
            return failed;
        }
        return interactive(engine, o);
    }

    private int interactive(Engine engine, Options o) throws IOException {
        FixtureDialogue dialogue = new FixtureDialogue(engine, o.fixtures());
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        out.println("Dial e.g. *777# (then answer each screen); empty line or Ctrl-D to quit.");
        out.print("> ");
        out.flush();
        String line;
        while ((line = in.readLine()) != null && !line.isBlank()) {
            Step.Reply reply;
            Optional<ServiceCodes.Dialled> dialled = ServiceCodes.parse(line);
            if (dialled.isPresent()) {
                reply = dialogue.dial(o.agent ? Screen.Audience.AGENT : Screen.Audience.RESIDENT, o.lang,
                        dialled.get().inputs());
            } else if (dialogue.ended()) {
                out.println("(dial first, e.g. *777#)");
                out.print("> ");
                out.flush();
                continue;
            } else {
                reply = dialogue.send(line);
            }
            out.println(reply.text());
            out.println(reply.end() ? "[end]" : "");
            out.print("> ");
            out.flush();
        }
        return 0;
    }

    private MenuTree load(Options o) throws IOException {
        if (o.files.size() != 1) {
            throw new IllegalArgumentException("give exactly one menu FILE");
        }
        try {
            return new MenuLoader(id.betang.menus.ActionCatalog.DEFAULT, o.limits).load(o.files.get(0));
        } catch (InvalidMenuException e) {
            throw new IOException("the menu is invalid:\n" + e.getMessage(), e);
        }
    }

    /** Parsed command line. */
    private static final class Options {
        final List<Path> files = new ArrayList<>();
        final List<Path> scripts = new ArrayList<>();
        boolean strict;
        boolean agent;
        String lang = "id";
        Path fixtureFile;
        ScreenLimits limits = ScreenLimits.DEFAULT;

        static Options parse(String[] args) {
            Options o = new Options();
            for (int i = 1; i < args.length; i++) {
                String a = args[i];
                switch (a) {
                    case "--strict" -> o.strict = true;
                    case "--agent" -> o.agent = true;
                    case "--lang" -> o.lang = value(args, ++i, a);
                    case "--fixtures" -> o.fixtureFile = Path.of(value(args, ++i, a));
                    case "--script" -> o.scripts.add(Path.of(value(args, ++i, a)));
                    case "--limit" -> {
                        String v = value(args, ++i, a);
                        if (!v.matches("\\d{2,3}")) {
                            throw new IllegalArgumentException("--limit takes a number of characters, e.g. 160");
                        }
                        int gsm = Integer.parseInt(v);
                        o.limits = new ScreenLimits(gsm, gsm <= 160 ? 70 : 80);
                    }
                    default -> {
                        if (a.startsWith("--")) {
                            throw new IllegalArgumentException("unknown option " + a);
                        }
                        o.files.add(Path.of(a));
                    }
                }
            }
            return o;
        }

        Fixtures fixtures() throws IOException {
            return fixtureFile == null ? Fixtures.none() : Fixtures.load(fixtureFile);
        }

        private static String value(String[] args, int i, String option) {
            if (i >= args.length) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            return args[i];
        }
    }
}
