package id.betang.simulator.bench;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.HdrHistogram.Histogram;

import id.betang.simulator.load.Pacer;
import io.vertx.core.Vertx;

import id.betang.gateway.testing.TestStorage;
import id.betang.simulator.it.GatewayProcess;
import id.betang.simulator.smsc.SimulatedPhone;
import id.betang.simulator.smsc.SmscSimulator;

/**
 * Complete USSD dialogues against the gateway jar (its own process, -Xmx256m) with the real Redis and
 * MariaDB, the simulator SMSC and a local registry stub: each of N concurrent sessions dials *777#,
 * answers 1, types its household's NIK, reads the status (registry lookups, identity rules, audit row),
 * then 00 and 0 to end — 5 steps — and starts over. Sessions step at an even pace that adds up to the offered
 * rate (default 1,100 steps/s: each of 1,000 people answers a screen about every 0.9 s). Latency is what the gateway itself logs per step
 * (deliver_sm in → reply handed to the SMPP bind). Bounded: a warm-up, then a measured run, both timed.
 * Prints {@code steps_per_s=<n> p50_ms=<x> p99_ms=<y> rss_mb=<z>} last.
 */
public final class UssdBench {

    private static final Pattern LATENCY = Pattern.compile("ussd-smpp step .* latency_ms=(\\d+)");
    private static final String STATUS_START = "Status ";

    public static void main(String[] args) throws Exception {
        int sessions = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int measureSeconds = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        int warmupSeconds = args.length > 2 ? Integer.parseInt(args[2]) : 30;
        // offered load: every session steps at this share of the total rate, like people reading a screen
        // for about a second before they answer; a session that falls behind answers at once
        double rate = args.length > 3 ? Double.parseDouble(args[3]) : 1100;
        long stepEveryNanos = (long) (sessions / rate * 1e9);
        String mysqlUrl = TestStorage.freshDatabase("bench_ussd");
        Vertx vertx = Vertx.vertx();
        io.vertx.core.http.HttpServer registry = registryFor(vertx);
        SmscSimulator smsc = new SmscSimulator(SmscSimulator.Options.defaults(0)).start();
        Map<String, String> env = GatewayProcess.env(smsc.port(), mysqlUrl, TestStorage.redisUrl(),
                TestStorage.freshRedisPrefix("bench_ussd"));
        env.put("BETANG_HTTP_PORT", String.valueOf(GatewayProcess.freePort()));
        env.put("BETANG_REGISTRY_URL", "http://127.0.0.1:" + registry.actualPort() + "/api/v1");
        env.put("BETANG_SMPP_TPS", "0");
        env.put("BETANG_SMPP_BINDS", "2");
        if (System.getProperty("bench.jfr") != null) {
            // where the gateway's CPU goes: jfr print --events jdk.ExecutionSample <file>
            env.put("JAVA_TOOL_OPTIONS", "-XX:StartFlightRecording=filename=" + System.getProperty("bench.jfr"));
        }
        try (GatewayProcess gateway = GatewayProcess.start("bench-ussd", env).awaitReady(Duration.ofSeconds(60))) {
            Path log = Path.of("target", "gateway-bench-ussd.log");
            AtomicLong dialogues = new AtomicLong();
            AtomicLong errors = new AtomicLong();
            long warmupEnd = System.nanoTime() + Duration.ofSeconds(warmupSeconds).toNanos();
            long end = warmupEnd + Duration.ofSeconds(measureSeconds).toNanos();
            CountDownLatch done = new CountDownLatch(sessions);
            List<Thread> threads = new ArrayList<>();
            for (int i = 1; i <= sessions; i++) {
                int n = i;
                Thread t = new Thread(() -> {
                    try {
                        SimulatedPhone phone = smsc.phone(phoneOf(n));
                        Pacer pacer = new Pacer(stepEveryNanos, System.nanoTime()
                                + (long) (Math.random() * stepEveryNanos));
                        while (System.nanoTime() < end) {
                            try {
                                dialogue(phone, nikOf(n), pacer);
                                if (System.nanoTime() > warmupEnd) {
                                    dialogues.incrementAndGet();
                                }
                            } catch (IOException | IllegalStateException e) {
                                if (System.nanoTime() > warmupEnd && errors.incrementAndGet() <= 3) {
                                    System.out.println("not as expected: " + e.getMessage());
                                }
                            }
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    } finally {
                        done.countDown();
                    }
                }, "session-" + n);
                t.setDaemon(true);
                threads.add(t);
            }
            threads.forEach(Thread::start);
            Thread.sleep(Math.max(0, (warmupEnd - System.nanoTime()) / 1_000_000));
            long from = Files.size(log);
            long started = System.nanoTime();
            Thread.sleep(Math.max(0, (end - System.nanoTime()) / 1_000_000));
            long until = Files.size(log);
            double seconds = (System.nanoTime() - started) / 1e9;
            long rssKb = rssKb(gateway.pid());
            done.await();

            Histogram latency = new Histogram(60_000, 3);
            long steps = stepsLogged(log, from, until, latency);
            System.out.printf("%d concurrent sessions offering %.0f steps/s, %d s warm-up, %.0f s measured: %d complete "
                    + "dialogues (5 steps each), %d steps, %d dialogues not completed as expected%n", sessions, rate, warmupSeconds, seconds,
                    dialogues.get(), steps, errors.get());
            System.out.printf("latency in the gateway per step: p50 %d ms, p90 %d ms, p99 %d ms, max %d ms%n",
                    latency.getValueAtPercentile(50), latency.getValueAtPercentile(90),
                    latency.getValueAtPercentile(99), latency.getMaxValue());
            System.out.printf("steps_per_s=%.0f p50_ms=%d p99_ms=%d rss_mb=%d%n", steps / seconds,
                    latency.getValueAtPercentile(50), latency.getValueAtPercentile(99), rssKb / 1024);
        } finally {
            smsc.close();
            vertx.close().await(10, TimeUnit.SECONDS);
            TestStorage.dropDatabase(mysqlUrl);
        }
    }

    static void dialogue(SimulatedPhone phone, String nik, Pacer pacer) throws IOException, InterruptedException {
        pacer.awaitTurn();
        phone.dial("*777#");
        pacer.awaitTurn();
        phone.send("1");
        pacer.awaitTurn();
        SimulatedPhone.Screen status = phone.send(nik);
        if (!status.text().startsWith(STATUS_START)) {
            throw new IllegalStateException("unexpected screen: " + status.text());
        }
        pacer.awaitTurn();
        phone.send("00");
        pacer.awaitTurn();
        if (!phone.send("0").end()) {
            throw new IllegalStateException("the dialogue did not end");
        }
    }

    /** Session n's phone and the NIK of its household: the stub lists that phone for that NIK. */
    static String phoneOf(int n) {
        return "628120000%04d".formatted(n);
    }

    static String nikOf(int n) {
        return "627103120390%04d".formatted(n);
    }

    /**
     * A registry that knows every bench household, answering like the real one (registry-api.yaml): resident
     * with the session's phone as the household's, benefits, no agents. A few lines of Vert.x rather than
     * WireMock: on two cores WireMock's templating would take CPU from the gateway being measured.
     */
    static io.vertx.core.http.HttpServer registryFor(Vertx vertx) throws Exception {
        return vertx.createHttpServer().requestHandler(request -> {
            String path = request.path();
            var response = request.response().putHeader("Content-Type", "application/json");
            Matcher resident = RESIDENT.matcher(path);
            if (resident.matches() && resident.group(2) == null) {
                response.end("{\"nik\":\"" + resident.group(1) + "\",\"name\":\"Warga Uji\",\"householdId\":\"KK-B\","
                        + "\"region\":\"6271\",\"msisdns\":[\"628120000" + resident.group(1).substring(12) + "\"]}");
            } else if (resident.matches() && resident.group(2).equals("/benefits")) {
                response.end(BENEFITS);
            } else {
                response.setStatusCode(404).putHeader("Content-Type", "application/problem+json")
                        .end("{\"status\":404,\"code\":\"NOT_FOUND\"}");
            }
        }).listen(0, "127.0.0.1").await(10, TimeUnit.SECONDS);
    }

    private static final Pattern RESIDENT = Pattern.compile("/api/v1/residents/(627103120390\\d{4})(/benefits)?");
    private static final String BENEFITS = "{\"nik\":\"x\",\"updatedAt\":\"2026-11-12T08:00:00+07:00\",\"benefits\":["
            + "{\"program\":\"BLT\",\"status\":\"ACTIVE\"},{\"program\":\"PKH\",\"status\":\"SUSPENDED\","
            + "\"reason\":\"data anak sekolah belum lengkap\"},{\"program\":\"PBI_JKN\",\"status\":\"ACTIVE\"}]}";

    static long stepsLogged(Path log, long from, long until, Histogram latency) throws IOException {
        long steps = 0;
        try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
            file.seek(from);
            byte[] bytes = new byte[(int) (until - from)];
            file.readFully(bytes);
            for (String line : new String(bytes, StandardCharsets.UTF_8).split("\n")) {
                Matcher m = LATENCY.matcher(line);
                if (m.find()) {
                    latency.recordValue(Math.min(Long.parseLong(m.group(1)), 60_000));
                    steps++;
                }
            }
        }
        return steps;
    }

    static long rssKb(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", ""));
            }
        }
        return -1;
    }
}
