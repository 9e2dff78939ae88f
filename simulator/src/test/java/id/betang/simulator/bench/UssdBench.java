package id.betang.simulator.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.HdrHistogram.Histogram;

import io.vertx.core.Vertx;

import id.betang.gateway.testing.TestStorage;
import id.betang.simulator.it.GatewayProcess;
import id.betang.simulator.load.LoadGenerator;
import id.betang.simulator.scenario.Scenario;
import id.betang.simulator.smsc.SmscSimulator;

/**
 * USSD capacity of the gateway jar (its own process, -Xmx256m) with the real Redis and MariaDB, the simulator
 * SMSC and a local registry stub, against the ceiling of the machine. N concurrent sessions each walk dial *777#
 * → 1 → their household's NIK → status (registry lookups, identity rules, audit row) → 00 → 0, over and over,
 * driven by the simulator's {@link LoadGenerator}. After a warm-up the offered rate steps up ({@link Ramp}: from
 * 50 steps/s, x1.3, then finer steps of x1.08 near the limit) until p99 in-gateway step latency (what the gateway
 * logs per step) passes 20 ms, errors appear or the rate is not reached; the highest stage that held is the capacity. The same generator then steps a bare jSMPP echo
 * ESME ({@link EchoEsme}) up the same way on the same simulator: the ratio says how much of what the machine,
 * the simulator and the generator allow the gateway delivers. Also printed: start-up time, gateway RSS and
 * Redis bytes per session with 10,000 live sessions, and a JFR profile of the climb. Last line:
 * {@code capacity_steps_per_s=<n> echo_steps_per_s=<m> ratio=<r> p99_ms=<at capacity> rss_mb=<n>}.
 *
 * <p>{@code --with-bulk}: residents at 50 % of the capacity (measured first, or {@code --capacity=<n>}) while
 * 50,000 bulk SMS go through the notifications API and the simulator throttles; prints their USSD p99.
 *
 * <p>Arguments: [--with-bulk] [--capacity=n] [sessions] [stage-seconds] [warm-up-seconds] [start-steps-per-s].
 */
public final class UssdBench {

    private static final String STATUS_START = "Status ";
    private static final int LIVE_SESSIONS = 10_000;
    private static final int BULK_SMS = 50_000;
    private static final int BULK_BATCH = 1_000;
    /** ESME_RTHROTTLED on every n-th submit_sm during the bulk run. */
    private static final int THROTTLE_EVERY = 20;
    private static final Duration BULK_LONGEST = Duration.ofMinutes(5);
    /** Far above the 3 s target: on a machine shared with other builds a start has taken over a minute. */
    private static final Duration READY_WITHIN = Duration.ofMinutes(3);
    private static final PrintStream OUT = System.out;
    /**
     * The climb: from well below what the gateway held so far (its first stage must hold for a capacity to be
     * measured at all), x1.3 a stage, then up to three stages x1.08 from the last that held: the capacity to
     * within 8 %, in about 12 stages for an echo near 400 steps/s, so the whole bench stays under ~8 min.
     */
    static final double START_RATE = 50;
    /** Longest warm-up, fixed part included: the JIT of a 2-core machine needs a minute or two at the start rate. */
    static final Duration MAX_WARM_UP = Duration.ofSeconds(120);
    static final int WARM_CHUNK_S = 10;
    /**
     * Sessions walking at once, each starting at a random point of its first walk ({@link LoadGenerator#startStaggered}):
     * few enough that at the start rate a walk (5 steps) fits in the warm-up, so by the first stage the sessions
     * stand at every step of the walk. With 1,000 in step with each other, a 10 s stage saw one or two steps of the
     * walk only (at 200 steps/s: the exit and the next dial, all 1,000 phones dialling within 5 s).
     */
    static final int SESSIONS = 200;
    static final double FACTOR = 1.3;
    static final double FINE_FACTOR = 1.08;
    static final int FINE_STAGES = 3;

    record Options(boolean withBulk, Double capacity, int sessions, int stageSeconds, int warmupSeconds,
                   double startRate) {
        static Options parse(String[] args) {
            boolean bulk = false;
            Double capacity = null;
            java.util.List<String> rest = new java.util.ArrayList<>();
            for (String a : args) {
                if (a.equals("--with-bulk")) {
                    bulk = true;
                } else if (a.startsWith("--capacity=")) {
                    capacity = Double.parseDouble(a.substring("--capacity=".length()));
                } else {
                    rest.add(a);
                }
            }
            return new Options(bulk, capacity, rest.size() > 0 ? Integer.parseInt(rest.get(0)) : SESSIONS,
                    rest.size() > 1 ? Integer.parseInt(rest.get(1)) : 10, rest.size() > 2 ? Integer.parseInt(rest.get(2)) : 20,
                    rest.size() > 3 ? Double.parseDouble(rest.get(3)) : START_RATE);
        }

        Ramp.Plan plan() {
            return new Ramp.Plan(startRate, FACTOR, stageSeconds, 20, 20, FINE_FACTOR, FINE_STAGES);
        }
    }

    public static void main(String[] args) throws Exception {
        Options o = Options.parse(args);
        String mysqlUrl = TestStorage.freshDatabase("bench_ussd");
        String redisPrefix = TestStorage.freshRedisPrefix("bench_ussd");
        Vertx vertx = Vertx.vertx();
        io.vertx.core.http.HttpServer registry = registryFor(vertx);
        SmscSimulator smsc = new SmscSimulator(SmscSimulator.Options.defaults(0)).start();
        Map<String, String> env = GatewayProcess.env(smsc.port(), mysqlUrl, TestStorage.redisUrl(), redisPrefix);
        env.put("BETANG_REGISTRY_URL", "http://127.0.0.1:" + registry.actualPort() + "/api/v1");
        env.put("BETANG_SMPP_TPS", "0");
        env.put("BETANG_SMPP_BINDS", "2");
        // the step budget as in production: a step that misses it answers "by SMS", which counts as an error here
        env.remove("BETANG_USSD_STEP_BUDGET_MS");
        LoadGenerator residents = new LoadGenerator(smsc, i -> new LoadGenerator.Person(phoneOf(i + 1),
                dialogue(nikOf(i + 1), true)));
        try {
            long freshMs = startupMs(env, "bench-ussd-first");
            long t0 = System.nanoTime();
            try (GatewayProcess gateway = GatewayProcess.start("bench-ussd", env)) {
                gateway.awaitReady(READY_WITHIN); // inside the try: a start that never gets ready is stopped too
                long restartMs = (System.nanoTime() - t0) / 1_000_000;
                OUT.printf("start-up (java -jar to /ready 200, MariaDB and Redis reachable): %d ms on a fresh database "
                        + "(Flyway creates the schema), %d ms on the migrated one (target < 3000 ms)%n", freshMs, restartMs);
                StepLatency inside = new GatewayStepLog(Path.of("target", "gateway-bench-ussd.log"));
                residents.awaitGateway(Duration.ofSeconds(30));
                if (o.withBulk()) {
                    withBulk(o, residents, inside, gateway, smsc, mysqlUrl);
                    return;
                }
                Ramp.Result climb;
                long rssKb;
                Path recording;
                try (LoadGenerator.Run run = residents.startStaggered(o.sessions(), o.startRate())) {
                    // before the warm-up: starting a JFR recording (attach, its own classes loaded and compiled)
                    // cost the gateway ~8 s of CPU and made the first stage's tail when it began with the climb
                    JfrProfile profile = JfrProfile.start(gateway.pid(), Path.of("target", "bench-ussd-capacity.jfr"));
                    warmUp(run, o, gateway.pid());
                    StepsByScreen byScreen = StepsByScreen.mark(Path.of("target", "gateway-bench-ussd.log"));
                    long cpuBefore = ComplaintBench.cpuMillis(gateway.pid());
                    climb = Ramp.climb("gateway", run, inside, o.plan(), OUT);
                    long cpuMs = ComplaintBench.cpuMillis(gateway.pid()) - cpuBefore;
                    long steps = climb.stages().stream().mapToLong(st -> st.load().steps()).sum();
                    // CPU per step hardly depends on what else the machine runs, unlike the latencies above
                    OUT.printf("gateway CPU over the climb: %d ms for %d steps, %.2f ms per step (load %s)%n", cpuMs,
                            steps, steps == 0 ? 0 : (double) cpuMs / steps, ComplaintBench.load());
                    byScreen.summarise("the gateway's climb", OUT);
                    rssKb = LiveSessions.rssKb(gateway.pid());
                    recording = profile.stop();
                }
                long rss10kKb = liveSessions(gateway, smsc, redisPrefix);
                gateway.close();
                Ramp.Result echo = echoCeiling(smsc, o);
                JfrProfile.summarise(recording, OUT);
                JfrWaits.summarise(recording, OUT);
                OUT.printf("memory: gateway RSS %d MB with %d live sessions (target < 300 MB)%n", rss10kKb / 1024, LIVE_SESSIONS);
                OUT.printf("capacity_steps_per_s=%.0f echo_steps_per_s=%.0f ratio=%.2f p99_ms=%.1f rss_mb=%d%n",
                        climb.stepsPerSecond(), echo.stepsPerSecond(),
                        echo.stepsPerSecond() == 0 ? 0 : climb.stepsPerSecond() / echo.stepsPerSecond(),
                        climb.p99Ms(), rssKb / 1024);
            }
        } finally {
            smsc.close();
            vertx.close().await(10, TimeUnit.SECONDS);
            TestStorage.dropDatabase(mysqlUrl);
            LiveSessions.forget(TestStorage.redisUrl(), redisPrefix);
        }
    }

    /** Time from {@code java -jar} to /ready 200 of a gateway that is stopped again at once. */
    private static long startupMs(Map<String, String> env, String name) throws Exception {
        long t0 = System.nanoTime();
        try (GatewayProcess g = GatewayProcess.start(name, env)) {
            g.awaitReady(READY_WITHIN);
            return (System.nanoTime() - t0) / 1_000_000;
        }
    }

    /**
     * Warms up at the start rate until the JIT has done its work: a fixed 20 s at 50 steps/s left the first stage
     * measuring a gateway being compiled (JFR: the compiler threads at 22 % of CPU against the event loops' 6 %, a
     * step costing 15 ms of CPU). After the fixed warm-up it goes on in chunks of {@value #WARM_CHUNK_S} s until the
     * measured process's CPU per step is within 15 % of the chunk before, for at most {@link #MAX_WARM_UP}.
     *
     * @param pid the process whose CPU settles: the gateway, or for the echo this bench's own JVM
     */
    private static void warmUp(LoadGenerator.Run run, Options o, long pid) throws Exception {
        run.offer(o.startRate());
        long started = System.nanoTime();
        Thread.sleep(o.warmupSeconds() * 1000L);
        LoadGenerator.Report first = run.interval();
        long steps = first.steps();
        long errors = first.errors();
        String firstError = first.firstError();
        double before = Double.NaN;
        double perStep = Double.NaN;
        long cpu = ComplaintBench.cpuMillis(pid);
        while (System.nanoTime() - started < MAX_WARM_UP.toNanos()) {
            Thread.sleep(WARM_CHUNK_S * 1000L);
            LoadGenerator.Report r = run.interval();
            long now = ComplaintBench.cpuMillis(pid);
            perStep = (now - cpu) / (double) Math.max(1, r.steps());
            cpu = now;
            steps += r.steps();
            errors += r.errors();
            firstError = firstError != null ? firstError : r.firstError();
            if (!Double.isNaN(before) && Math.abs(perStep - before) <= 0.15 * before) {
                break;
            }
            before = perStep;
        }
        OUT.printf("%d sessions, warm-up %.0f s at %.0f steps/s (until CPU per step settled: %.2f ms): %d steps, %d errors%s;"
                        + " then stages of %d s, x%.2f each, until p99 inside passes 20 ms, errors appear or the rate is"
                        + " not reached, then up to %d of x%.2f from the last that held%n", o.sessions(),
                (System.nanoTime() - started) / 1e9, o.startRate(), perStep, steps, errors,
                firstError == null ? "" : " (first: " + firstError + ")", o.stageSeconds(), FACTOR, FINE_STAGES,
                FINE_FACTOR);
    }

    /** Opens 10,000 dialogues at once and weighs them: Redis bytes per session, gateway RSS (returned, kB). */
    private static long liveSessions(GatewayProcess gateway, SmscSimulator smsc, String redisPrefix) throws Exception {
        int opened = LiveSessions.open(smsc, LIVE_SESSIONS, 100);
        long rssKb = LiveSessions.rssKb(gateway.pid());
        LiveSessions.Footprint f = LiveSessions.weigh(TestStorage.redisUrl(), redisPrefix);
        OUT.printf("memory with %d live sessions (%d of %d dials got their screen): Redis MEMORY USAGE %d B per session key "
                        + "(%d session keys; target < 512 B), %d B per live session counting every key of the gateway "
                        + "(%d keys, rate limits and last answers included)%n", f.sessionKeys(), opened, LIVE_SESSIONS,
                f.bytesPerSessionKey(), f.sessionKeys(), f.sessionKeys() == 0 ? 0 : f.allBytes() / f.sessionKeys(), f.allKeys());
        return rssKb;
    }

    /** The same climb against the bare echo ESME on the same simulator, once the gateway has unbound. */
    private static Ramp.Result echoCeiling(SmscSimulator smsc, Options o) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!smsc.boundSessions().isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        LoadGenerator echoLoad = new LoadGenerator(smsc, i -> new LoadGenerator.Person(phoneOf(i + 1),
                dialogue(nikOf(i + 1), false)));
        try (EchoEsme echo = EchoEsme.bind(smsc, 2); LoadGenerator.Run run = echoLoad.startStaggered(o.sessions(), o.startRate())) {
            warmUp(run, o, ProcessHandle.current().pid());
            return Ramp.climb("echo   ", run, echo, o.plan(), OUT);
        }
    }

    /** Residents at half the capacity while bulk SMS are queued and sent through a throttling SMSC. */
    private static void withBulk(Options o, LoadGenerator residents, StepLatency inside, GatewayProcess gateway,
                                 SmscSimulator smsc, String mysqlUrl) throws Exception {
        try (LoadGenerator.Run run = residents.startStaggered(o.sessions(), o.startRate())) {
            warmUp(run, o, gateway.pid());
            double capacity = o.capacity() != null ? o.capacity()
                    : Ramp.climb("gateway", run, inside, o.plan(), OUT).stepsPerSecond();
            double rate = Math.max(capacity / 2, 1);
            run.offer(rate);
            Thread.sleep(o.stageSeconds() * 1000L); // back to the calmer pace before measuring
            smsc.misbehaviours().throttleEvery(THROTTLE_EVERY);
            run.interval();
            inside.interval();
            OUT.printf("with bulk: residents at %.0f steps/s (half of %.0f), %d BROADCAST SMS queued in batches of %d, "
                    + "the SMSC answering ESME_RTHROTTLED to every %d-th submit_sm%n", rate, capacity, BULK_SMS, BULK_BATCH, THROTTLE_EVERY);
            ExecutorService poster = Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "bulk-poster");
                t.setDaemon(true); // never keeps the bench alive
                return t;
            });
            long started = System.nanoTime();
            Future<Integer> queued = poster.submit(() -> BulkSms.queue(gateway.httpPort(), GatewayProcess.API_TOKEN,
                    BULK_SMS, BULK_BATCH, 2));
            Histogram all = new Histogram(60_000_000L, 3);
            long steps = 0;
            long errors = 0;
            String firstError = null;
            long sent = 0;
            while (sent < BULK_SMS && System.nanoTime() - started < BULK_LONGEST.toNanos()) {
                Thread.sleep(5_000);
                LoadGenerator.Report load = run.interval();
                Histogram slice = inside.interval();
                all.add(slice);
                steps += load.steps();
                errors += load.errors();
                firstError = firstError == null ? load.firstError() : firstError;
                sent = BulkSms.sent(mysqlUrl);
                OUT.printf("  %3.0f s: residents took %.0f steps/s, in-gateway p99 %.1f ms, errors %d; bulk sent %d%n",
                        (System.nanoTime() - started) / 1e9, load.stepsPerSecond(), slice.getValueAtPercentile(99) / 1000.0,
                        load.errors(), sent);
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            int accepted = queued.isDone() ? queued.get() : -1; // -1: still posting when the time was up
            poster.shutdownNow();
            smsc.misbehaviours().throttleEvery(0);
            OUT.printf("bulk: %d of %d SMS queued (202), %d sent in %.0f s; residents: %d steps, p50 %.1f ms, p99 %.1f ms, "
                            + "max %.1f ms in the gateway, %d errors%s (target p99 <= 20 ms)%n", accepted, BULK_SMS, sent,
                    seconds, steps, all.getValueAtPercentile(50) / 1000.0, all.getValueAtPercentile(99) / 1000.0,
                    all.getMaxValue() / 1000.0, errors, firstError == null ? "" : " (first: " + firstError + ")");
            OUT.printf("with_bulk ussd_p99_ms=%.1f ussd_steps_per_s=%.0f errors=%d bulk_sent=%d bulk_per_s=%.0f capacity_steps_per_s=%.0f%n",
                    all.getValueAtPercentile(99) / 1000.0, steps / seconds, errors, sent, sent / seconds, capacity);
        }
    }

    /**
     * The walk every session repeats: dial, 1 (status), its NIK, 00, 0. The gateway's status screen is checked;
     * the echo's screens are not (it only echoes).
     */
    static Scenario dialogue(String nik, boolean checkStatus) {
        try {
            return Scenario.parse("bench", """
                    name: status from the household's phone
                    steps:
                      - dial: "*777#"
                      - send: "1"
                      - send: "%s"
                    %s  - send: "00"
                      - send: "0"
                    """.formatted(nik, checkStatus ? "    expect: \"" + STATUS_START + "\"\n" : ""));
        } catch (IOException e) {
            throw new IllegalStateException(e);
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
}
