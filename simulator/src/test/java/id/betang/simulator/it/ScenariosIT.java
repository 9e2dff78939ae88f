package id.betang.simulator.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import id.betang.simulator.scenario.Scenario;
import id.betang.simulator.scenario.ScenarioRunner;
import id.betang.simulator.web.PhoneServer;
import io.vertx.core.Vertx;

/** Every shipped scenario (../scenarios) passes against the demo's set-up, and a wrong one fails clearly. */
class ScenariosIT {

    static Rig rig;
    static Vertx vertx;
    static PhoneServer web;

    @BeforeAll
    static void start() throws Exception {
        rig = Rig.start("scenarios");
        rig.registry.reportComplaintsTo(URI.create(rig.url("/hooks/complaints")), GatewayProcess.WEBHOOK_SECRET,
                Duration.ofMillis(500));
        vertx = Vertx.vertx();
        web = new PhoneServer(vertx, rig.smsc).start(0);
    }

    @AfterAll
    static void stop() throws Exception {
        vertx.close().await(10, TimeUnit.SECONDS);
        rig.close();
    }

    static String run(List<Scenario> scenarios, int[] failed) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        failed[0] = new ScenarioRunner(URI.create("http://127.0.0.1:" + web.port() + "/"),
                new PrintStream(out, true, StandardCharsets.UTF_8)).runAll(scenarios);
        return out.toString(StandardCharsets.UTF_8);
    }

    static List<Scenario> shipped() throws Exception {
        List<Scenario> scenarios = new ArrayList<>();
        try (Stream<Path> files = Files.list(Path.of("..", "scenarios"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
                scenarios.add(Scenario.read(f));
            }
        }
        assertTrue(scenarios.size() >= 8, "the shipped scenarios: " + scenarios.size());
        return scenarios;
    }

    /**
     * One demo, the scenarios again and again: a run must not trip over what the one before left behind (an open
     * confirmation, a draft, the redelivery filter, a daily limit). The third run is the user's command, the jar's
     * {@code run} in its own process, which must leave the demo's log file alone.
     */
    @Test
    void everyShippedScenarioPassesThreeRunsInARowOnOneDemo(@TempDir Path tmp) throws Exception {
        List<Scenario> scenarios = shipped();
        String passed = scenarios.size() + " scenario(s), " + scenarios.size() + " passed, 0 failed";
        for (int run = 1; run <= 2; run++) {
            int[] failed = new int[1];
            String report = run(scenarios, failed);
            assertEquals(0, failed[0], "run " + run + ":\n" + report);
            assertTrue(report.contains(passed), report);
        }

        Path demoLog = tmp.resolve("betang-simulator.log");
        Files.writeString(demoLog, "12:00:00.000 INFO  Demo                     demo up in 9000 ms\n");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djava.io.tmpdir=" + tmp, "-jar", Path.of("target", "betang-simulator.jar").toString(),
                "run", "--phone-api", "http://127.0.0.1:" + web.port() + "/"));
        scenarios.forEach(s -> command.add(s.file()));
        Process runner = new ProcessBuilder(command).redirectErrorStream(true).start();
        String report = new String(runner.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(runner.waitFor(5, TimeUnit.MINUTES), report);
        assertEquals(0, runner.exitValue(), "run 3 (the jar):\n" + report);
        assertTrue(report.contains(passed), report);
        assertEquals("12:00:00.000 INFO  Demo                     demo up in 9000 ms\n", Files.readString(demoLog),
                "the runner must not write to the demo's log");
        assertTrue(Files.exists(tmp.resolve("betang-run.log")), "the runner logs to a file of its own");
    }

    @Test
    void aWrongExpectationFailsWithItsStepAndWhatWasShown(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("wrong.yaml");
        Files.writeString(file, """
                name: Expects the wrong menu
                phone: "6281299990199"
                steps:
                  - dial: "*777#"
                    expect: "Selamat datang"
                """);
        int[] failed = new int[1];
        String report = run(List.of(Scenario.read(file)), failed);
        assertEquals(1, failed[0]);
        assertTrue(report.contains("FAIL Expects the wrong menu: step 1 (line 4): expected the screen to contain 'Selamat datang', "
                + "it shows 'Kartu Huma Betang Sejahtera"), report);
    }
}
