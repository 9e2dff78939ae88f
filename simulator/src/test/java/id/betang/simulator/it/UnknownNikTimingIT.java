package id.betang.simulator.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import id.betang.gateway.testing.TestStorage;
import id.betang.simulator.registry.RegistryStub;
import id.betang.simulator.smsc.SimulatedPhone;
import id.betang.simulator.smsc.SmscSimulator;

/**
 * A stranger cannot tell a known NIK from an unknown one (DESIGN.md, Identity): 200 tries each, alternating,
 * of the three steps a stranger takes (the NIK, "2" for a code, a wrong code), against the gateway jar and the
 * registry stub. It asserts that the screens are the same (but for the masked NIK and phone) and PRINTS, per
 * step, the difference of the medians and the noise (interquartile range); no time is asserted, as a slow
 * machine must not fail a build. The figures go to {@code target/unknown-nik-timing.txt} as well.
 */
class UnknownNikTimingIT {

    static final int TRIES = 200;
    static final String KNOWN = "6203014107850002";   // Siti: household phones 62813…, 62857…
    static final String UNKNOWN = "6271010101900007";  // no such resident in the stub
    static final List<String> STEPS = List.of("NIK -> confirmation screen", "2 -> code sent", "wrong code");

    static SmscSimulator smsc;
    static RegistryStub registry;
    static GatewayProcess gateway;
    static String mysqlUrl;

    @BeforeAll
    static void start() throws Exception {
        smsc = new SmscSimulator(SmscSimulator.Options.defaults(GatewayProcess.freePort())).start();
        registry = new RegistryStub(GatewayProcess.freePort(), true).start();
        mysqlUrl = TestStorage.freshDatabase("nik_timing");
        Map<String, String> env = GatewayProcess.env(smsc.port(), mysqlUrl, TestStorage.redisUrl(),
                TestStorage.freshRedisPrefix("nik-timing"));
        env.put("BETANG_HTTP_PORT", String.valueOf(GatewayProcess.freePort()));
        env.put("BETANG_REGISTRY_URL", registry.baseUrl());
        gateway = GatewayProcess.start("nik-timing", env).awaitReady(Duration.ofSeconds(60));
    }

    @AfterAll
    static void stop() throws Exception {
        if (gateway != null) {
            gateway.close();
        }
        if (registry != null) {
            registry.close();
        }
        if (smsc != null) {
            smsc.close();
        }
        TestStorage.dropDatabase(mysqlUrl);
    }

    /** One stranger's try: the screens shown, with NIK and phone masked out, and each step's time in µs. */
    record Try(List<String> screens, long[] micros) {
    }

    static Try attempt(SimulatedPhone phone, String nik) throws IOException, InterruptedException {
        phone.dial("*777*1#");
        List<String> screens = new ArrayList<>();
        long[] micros = new long[STEPS.size()];
        String[] inputs = {nik, "2", "123456"};
        for (int i = 0; i < inputs.length; i++) {
            long t0 = System.nanoTime();
            String text = phone.send(inputs[i]).text();
            micros[i] = (System.nanoTime() - t0) / 1_000;
            screens.add(text.replaceAll("\\d{4}\\*{8}\\d{4}", "<nik>").replaceAll("08\\d\\d\\*{4}\\d{4}", "<phone>"));
        }
        phone.hangUp();
        return new Try(screens, micros);
    }

    static long percentile(long[] sorted, double p) {
        return sorted[(int) Math.round(p * (sorted.length - 1))];
    }

    @Test
    void aStrangerSeesTheSameStepsForAnUnknownNikAndTheTimeDiffersByLessThanItsNoise() throws Exception {
        // warm-up: the first dialogues pay for class loading and connection set-up, on either NIK
        for (int i = 0; i < 20; i++) {
            attempt(smsc.phone(String.format("62812770%05d", i)), i % 2 == 0 ? KNOWN : UNKNOWN);
        }
        long[][] known = new long[STEPS.size()][TRIES];
        long[][] unknown = new long[STEPS.size()][TRIES];
        List<String> knownScreens = null;
        for (int i = 0; i < TRIES; i++) {
            // each stranger's phone tries both, in turn first: a drift of the machine falls on both alike
            SimulatedPhone phone = smsc.phone(String.format("62812771%05d", i));
            boolean knownFirst = i % 2 == 0;
            Try a = attempt(phone, knownFirst ? KNOWN : UNKNOWN);
            Try b = attempt(phone, knownFirst ? UNKNOWN : KNOWN);
            Try k = knownFirst ? a : b;
            Try u = knownFirst ? b : a;
            assertEquals(k.screens(), u.screens(), "the same screens for a known and an unknown NIK");
            knownScreens = k.screens();
            for (int s = 0; s < STEPS.size(); s++) {
                known[s][i] = k.micros()[s];
                unknown[s][i] = u.micros()[s];
            }
        }
        assertTrue(knownScreens.get(0).contains("2 Kode SMS ke <phone>") && knownScreens.get(1).startsWith("Kode dikirim ke <phone>")
                && knownScreens.get(2).startsWith("Kode salah."), knownScreens.toString());

        StringBuilder report = new StringBuilder(String.format("unknown-NIK timing: %d tries each, alternating, gateway jar + registry stub%n", TRIES));
        report.append(String.format("%-28s %12s %12s %12s %12s %s%n", "step", "median known", "median unkn.",
                "difference", "noise (IQR)", "verdict"));
        for (int s = 0; s < STEPS.size(); s++) {
            long[] k = known[s].clone();
            long[] u = unknown[s].clone();
            Arrays.sort(k);
            Arrays.sort(u);
            long diff = percentile(u, 0.5) - percentile(k, 0.5);
            long noise = Math.max(percentile(k, 0.75) - percentile(k, 0.25), percentile(u, 0.75) - percentile(u, 0.25));
            report.append(String.format("%-28s %9d µs %9d µs %9d µs %9d µs %s%n", STEPS.get(s), percentile(k, 0.5),
                    percentile(u, 0.5), diff, noise, Math.abs(diff) < noise ? "below the noise" : "ABOVE THE NOISE"));
        }
        System.out.print(report);
        Files.writeString(Path.of("target", "unknown-nik-timing.txt"), report.toString());
    }
}
