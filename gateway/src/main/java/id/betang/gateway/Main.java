package id.betang.gateway;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import id.betang.gateway.config.ConfigException;
import id.betang.gateway.console.AdminCli;
import id.betang.gateway.config.ConfigLoader;
import id.betang.gateway.config.GatewayConfig;
import id.betang.menus.ScreenLimits;
import id.betang.menus.tool.MenuLint;
import io.vertx.core.Vertx;

/**
 * {@code java -jar betang-gateway.jar [--config file.yaml]}. Configuration comes from defaults, the file
 * and BETANG_* environment variables (see gateway/betang.sample.yaml). Exit codes: 0 stopped, 1 could not
 * start, 2 configuration error.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("lint")) {
            System.exit(lint(List.of(args).subList(1, args.length)));
        }
        if (args.length > 0 && args[0].equals("admin")) {
            PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
            PrintWriter err = new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
            System.exit(AdminCli.run(java.util.Arrays.copyOfRange(args, 1, args.length), out, err));
        }
        Path file = null;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--config") && i + 1 < args.length) {
                file = Path.of(args[++i]);
            } else if (args[i].equals("--help") || args[i].equals("-h")) {
                System.out.println("usage: java -jar betang-gateway.jar [--config file.yaml]");
                System.out.println("       java -jar betang-gateway.jar lint [--strict] MENU.yaml...   (a menu this gateway can serve?)");
                System.out.println("       java -jar betang-gateway.jar admin --help   (operate a running gateway: overview, requeue, retry)");
                System.out.println("settings (file key / environment variable / default):");
                ConfigLoader.SETTINGS.forEach(s -> System.out.printf("  %-28s %-34s %s%n", s.key(), s.env(),
                        s.defaultValue() == null ? "(required)" : s.defaultValue()));
                return;
            } else {
                fail(2, "unknown argument '" + args[i] + "' (try --help)");
            }
        }
        if (file != null && !Files.isReadable(file)) {
            fail(2, "config error: config file " + file + " does not exist or cannot be read");
        }
        GatewayConfig config;
        try {
            config = ConfigLoader.load(file, System.getenv());
        } catch (ConfigException e) {
            e.problems().forEach(p -> System.err.println("betang-gateway: config error: " + p));
            System.exit(2);
            return;
        }
        start(config);
    }

    private static void start(GatewayConfig config) {
        Vertx vertx = Vertx.vertx();
        try {
            vertx.deployVerticle(new Gateway(config)).await(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            vertx.close();
            fail(1, "cannot start: " + rootMessage(e));
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                vertx.close().await(15, TimeUnit.SECONDS);
            } catch (Exception e) {
                // shutting down anyway
            }
        }, "shutdown"));
    }

    /**
     * Lints menu files as {@code betang-menus.jar lint} does, and also against what this gateway's code names
     * in a menu (screens, outcomes, SMS texts: {@link MenuContract}), so a menu missing the ticket SMS fails here
     * rather than answering "busy" to a resident who has just filed a complaint.
     */
    static int lint(List<String> args) {
        boolean strict = args.contains("--strict");
        List<Path> files = args.stream().filter(a -> !a.equals("--strict")).map(Path::of).toList();
        if (files.isEmpty()) {
            System.err.println("usage: java -jar betang-gateway.jar lint [--strict] MENU.yaml...");
            return 2;
        }
        PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
        PrintWriter err = new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
        try {
            return new MenuLint(ScreenLimits.DEFAULT, MenuContract.REQUIRES).run(files, strict, err, out);
        } catch (IOException e) {
            err.println("betang-gateway: cannot read " + e.getMessage());
            return 2;
        }
    }

    static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == e ? String.valueOf(e.getMessage()) : e.getMessage() + " (" + root.getMessage() + ")";
    }

    private static void fail(int code, String message) {
        System.err.println("betang-gateway: " + message);
        System.exit(code);
    }

}
