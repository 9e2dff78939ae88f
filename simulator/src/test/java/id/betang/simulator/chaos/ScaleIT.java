package id.betang.simulator.chaos;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * The scale suite, bounded (100 SMS complaints and notifications per phase over 6 s, 15 USSD sessions), on a Redis
 * Cluster and Galera: through the kill of a gateway instance, of a Redis master and of the Galera node written to,
 * whatever the instances acknowledged arrives, once, and dialogues go on across instances. Figures are in
 * target/scale-it.txt, not asserted.
 */
class ScaleIT {

    @Test
    void threeInstancesLoseNothingAndFileNothingTwiceThroughEachKill() throws Exception {
        List<ScaleSuite.PhaseReport> reports = ScaleSuite.run(ScaleSuite.Scale.of(100, 6, 15, 15), false, System.out);
        List<String> lines = new ArrayList<>(reports.stream().map(ScaleSuite.PhaseReport::line).toList());
        lines.add(ScaleSuite.summary(reports, "cluster"));
        Files.write(Path.of("target", "scale-it.txt"), lines);

        assertEquals(3, reports.size());
        List<Executable> checks = new ArrayList<>();
        for (ScaleSuite.PhaseReport r : reports) {
            String line = r.line();
            checks.add(() -> assertTrue(r.traffic().acked() > 0, () -> "the instances took MO at all: " + line));
            checks.add(() -> assertEquals(0, r.traffic().lost(), () -> "acknowledged MO lost: " + line));
            checks.add(() -> assertEquals(0, r.traffic().duplicateComplaints(), () -> "complaints filed twice: " + line));
            checks.add(() -> assertEquals(0, r.traffic().mtLost(), () -> "accepted notifications never sent: " + line));
            checks.add(() -> assertTrue(r.continued() > 0, () -> "dialogues went on across instances: " + line));
        }
        assertAll(checks);
    }
}
