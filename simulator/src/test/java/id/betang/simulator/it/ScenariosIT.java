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
        rig.registry.reportComplaintsTo(URI.create(rig.url("/hooks/complaints")), "test-webhook-secret-0123",
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

    @Test
    void everyShippedScenarioPasses() throws Exception {
        List<Scenario> scenarios = new ArrayList<>();
        try (Stream<Path> files = Files.list(Path.of("..", "scenarios"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
                scenarios.add(Scenario.read(f));
            }
        }
        assertTrue(scenarios.size() >= 8, "the shipped scenarios: " + scenarios.size());
        int[] failed = new int[1];
        String report = run(scenarios, failed);
        assertEquals(0, failed[0], report);
        assertTrue(report.contains(scenarios.size() + " scenario(s), " + scenarios.size() + " passed, 0 failed"), report);
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
        assertTrue(report.contains("FAIL Expects the wrong menu: step 1: expected the screen to contain 'Selamat datang', "
                + "it shows 'Kartu Huma Betang Sejahtera"), report);
    }
}
