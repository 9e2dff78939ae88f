package id.betang.simulator.chaos;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * The chaos suite, bounded (200 of each message per fault, outages of 5 to 10 s): whatever a gateway
 * acknowledged, to the SMSC or to an API client, arrives, once, through every fault. Drain times are in the
 * output (target/chaos-it.txt), not asserted.
 */
class ChaosIT {

    @Test
    void nothingAcknowledgedIsLostOrFiledTwice() throws Exception {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        PrintStream both = new PrintStream(new TeeStream(System.out, printed), true, StandardCharsets.UTF_8);
        List<FaultReport> reports = ChaosSuite.run(ChaosSuite.Scale.bounded(), both);
        Files.writeString(Path.of("target", "chaos-it.txt"), printed.toString(StandardCharsets.UTF_8));

        assertEquals(6, reports.size());
        List<Executable> checks = new ArrayList<>();
        for (FaultReport r : reports) {
            Supplier<String> line = r::line;
            checks.add(() -> assertTrue(r.acked() > 0, () -> "the gateway took MO at all: " + line.get()));
            checks.add(() -> assertTrue(r.mtAccepted() > 0, () -> "the gateway took notifications at all: " + line.get()));
            checks.add(() -> assertEquals(0, r.lost(), () -> "acknowledged MO lost: " + line.get()));
            checks.add(() -> assertEquals(0, r.duplicateComplaints(), () -> "complaints filed twice: " + line.get()));
            checks.add(() -> assertEquals(0, r.mtLost(), () -> "accepted notifications never sent: " + line.get()));
        }
        assertAll(checks);
    }

    /** Writes to two streams: the console, and what the test saves. */
    private static final class TeeStream extends java.io.OutputStream {
        private final java.io.OutputStream a;
        private final java.io.OutputStream b;

        TeeStream(java.io.OutputStream a, java.io.OutputStream b) {
            this.a = a;
            this.b = b;
        }

        @Override
        public void write(int c) throws java.io.IOException {
            a.write(c);
            b.write(c);
        }

        @Override
        public void write(byte[] bytes, int off, int len) throws java.io.IOException {
            a.write(bytes, off, len);
            b.write(bytes, off, len);
        }
    }
}
