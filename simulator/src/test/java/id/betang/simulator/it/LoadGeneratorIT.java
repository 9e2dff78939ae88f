package id.betang.simulator.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import id.betang.gateway.testing.TestStorage;
import id.betang.simulator.load.LoadGenerator;
import id.betang.simulator.registry.RegistryStub;
import id.betang.simulator.scenario.Scenario;
import id.betang.simulator.smsc.SmscSimulator;

/** The load generator as its users run it: it is the SMSC, a gateway binds, a bounded run reports its figures. */
class LoadGeneratorIT {

    @Test
    void aShortBoundedRunWalksTheScriptWithoutErrors(@TempDir Path dir) throws Exception {
        Path script = dir.resolve("markets.yaml");
        Files.writeString(script, """
                name: market days
                steps:
                  - dial: "*777*3#"
                    expect: "Pilih kabupaten/kota:"
                  - send: "14"
                    expect: "Pasar murah Kota Palangka Raya"
                  - send: "00"
                  - send: "0"
                    expect: "Terima kasih"
                """);
        String mysqlUrl = TestStorage.freshDatabase("load");
        try (SmscSimulator smsc = new SmscSimulator(SmscSimulator.Options.defaults(GatewayProcess.freePort())).start();
             RegistryStub registry = new RegistryStub(GatewayProcess.freePort()).start()) {
            LoadGenerator load = new LoadGenerator(smsc, Scenario.read(script));
            Map<String, String> env = InProcessGateway.env(smsc.port(), mysqlUrl, TestStorage.freshRedisPrefix("load"));
            env.put("BETANG_REGISTRY_URL", registry.baseUrl());
            try (InProcessGateway g = InProcessGateway.start(env)) {
                load.awaitGateway(Duration.ofSeconds(20));
                LoadGenerator.Report report = load.run(20, 40, Duration.ofSeconds(4));
                // pace, not speed: a busy machine may offer fewer steps, never more than 40/s for 4 s (and the
                // step each phone may be in when the time is up); every phone has its turn
                assertEquals(0, report.errors());
                assertTrue(report.steps() <= 40 * 4 + 20, "paced at 40 steps/s for 4 s: " + report.steps());
                assertTrue(report.steps() >= 20, "each of the 20 phones took a step: " + report.steps());
                assertTrue(report.latencyMicros().getValueAtPercentile(99) > 0);
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                LoadGenerator.print(report, 20, 40, new PrintStream(out, true, StandardCharsets.UTF_8));
                assertTrue(out.toString(StandardCharsets.UTF_8).lines().reduce((a, b) -> b).orElseThrow()
                        .matches("steps_per_s=\\d+ p50_ms=[\\d.]+ p99_ms=[\\d.]+ errors=0"), out.toString());
            }
        } finally {
            TestStorage.dropDatabase(mysqlUrl);
        }
    }
}
