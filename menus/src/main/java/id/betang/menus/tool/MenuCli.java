package id.betang.menus.tool;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import id.betang.menus.ActionCatalog;
import id.betang.menus.InvalidMenuException;
import id.betang.menus.MenuError;
import id.betang.menus.MenuLoader;
import id.betang.menus.MenuRequirements;
import id.betang.menus.MenuTree;
import id.betang.menus.ScreenLimits;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code java -jar menus/target/betang-menus.jar lint|graph|try ...}: check menus, draw them, try them.
 * Exit codes: 0 fine, 1 the menus or transcripts have problems, 2 the command line or a file is wrong.
 * Output is UTF-8 whatever the platform's default: menu texts hold emoji and Indonesian names, and a
 * {@code ?} in their place tells an operator nothing.
 */
public final class MenuCli {

    private final InputStream in;
    private final PrintWriter out;
    private final PrintWriter err;

    MenuCli(InputStream in, PrintWriter out, PrintWriter err) {
        this.in = in;
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        MenuCli cli = new MenuCli(System.in, utf8(new FileOutputStream(FileDescriptor.out)),
                utf8(new FileOutputStream(FileDescriptor.err)));
        System.exit(cli.run(args));
    }

    /** Not System.out: that one encodes with the platform default (file.encoding), ASCII on many servers. */
    static PrintWriter utf8(OutputStream stream) {
        return new PrintWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8), true);
    }

    int run(String... args) {
        CommandLine cli = new CommandLine(new Root())
                .addSubcommand(new Lint(err, out))
                .addSubcommand(new Graph(out))
                .addSubcommand(new TryCommand(in, out, err))
                .setOut(out)
                .setErr(err)
                .setExecutionExceptionHandler((e, commandLine, parsed) -> {
                    if (e instanceof NoSuchFileException) {
                        commandLine.getErr().println("betang-menus: no such file: " + e.getMessage());
                    } else if (e instanceof IOException) {
                        commandLine.getErr().println("betang-menus: " + e.getMessage());
                    } else {
                        throw e;
                    }
                    return CommandLine.ExitCode.USAGE;
                });
        try {
            return cli.execute(args);
        } finally {
            out.flush();
            err.flush();
        }
    }

    static MenuTree load(Path file, ScreenLimits limits) throws IOException {
        try {
            return new MenuLoader(ActionCatalog.DEFAULT, limits).load(file);
        } catch (InvalidMenuException e) {
            throw new IOException("the menu is invalid:\n" + e.getMessage(), e);
        }
    }

    @Command(name = "betang-menus",
            description = "Checks the USSD menus, draws them and tries them without a gateway.")
    static final class Root implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Mixin
        Help help;

        @Override
        public Integer call() {
            throw new ParameterException(spec.commandLine(), "give a command: lint, graph or try");
        }
    }

    /** {@code -h}, {@code --help} on every command. */
    static final class Help {

        @Option(names = {"-h", "--help"}, usageHelp = true, description = "show this help")
        boolean asked;
    }

    /** {@code --limit N}: the screen size of networks that allow fewer than 182 characters. */
    static final class Limits {

        @Spec(Spec.Target.MIXEE)
        CommandSpec spec;

        @Option(names = "--limit", paramLabel = "N",
                description = "screen size in GSM characters (default 182; some networks allow 160)")
        Integer gsm;

        ScreenLimits limits() {
            if (gsm == null) {
                return ScreenLimits.DEFAULT;
            }
            if (gsm < 10 || gsm > 999) {
                throw new ParameterException(spec.commandLine(), "--limit takes a number of characters, e.g. 160");
            }
            return new ScreenLimits(gsm, gsm <= 160 ? 70 : 80);
        }
    }

    @Command(name = "lint",
            description = "Checks menus: exit 0 when valid, 1 with every problem listed as file:line: screen 'id' problem.")
    static final class Lint implements Callable<Integer> {

        private final PrintWriter findings;
        private final PrintWriter summary;

        @Mixin
        Help help;

        @Option(names = "--strict", description = "warnings (e.g. a character outside GSM 03.38) fail too")
        boolean strict;

        @Mixin
        Limits limits;

        @Parameters(arity = "1..*", paramLabel = "FILE", description = "menu YAML files")
        List<Path> files;

        Lint(PrintWriter findings, PrintWriter summary) {
            this.findings = findings;
            this.summary = summary;
        }

        @Override
        public Integer call() throws IOException {
            return new MenuLint(limits.limits(), MenuRequirements.NONE).run(files, strict, findings, summary);
        }
    }

    @Command(name = "graph",
            description = "Prints the menu as a Mermaid flowchart (paste it into any Mermaid 10/11 viewer).")
    static final class Graph implements Callable<Integer> {

        private final PrintWriter out;

        @Mixin
        Help help;

        @Mixin
        Limits limits;

        @Parameters(paramLabel = "FILE", description = "the menu YAML file")
        Path file;

        Graph(PrintWriter out) {
            this.out = out;
        }

        @Override
        public Integer call() throws IOException {
            out.print(MermaidGraph.of(load(file, limits.limits())));
            return 0;
        }
    }
}
