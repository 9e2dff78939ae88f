package id.betang.simulator.chaos;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import id.betang.simulator.load.LoadGenerator;
import id.betang.simulator.scenario.Scenario;

/**
 * Scale-out under faults: three gateway instances (the real jar, two binds each) on a 3-node Galera cluster and a
 * 6-node Redis Cluster (or, with {@code --sentinel}, a Sentinel set), all on this machine. Three phases, one after
 * another, each with fresh instances, SMSC and database on the same stores: USSD dialogues (any step may land on
 * any bind of any instance) and SMS complaints plus notifications ({@link Traffic}) stream while, half-way, one
 * thing dies by {@code kill -9} and is not brought back in that phase: 1. a gateway instance, 2. a Redis primary
 * (its replica takes over), 3. the Galera node the instances write to. Per phase one line (USSD steps/s and p99
 * as the SMSC sees them, dialogues that continued on another instance, what was acknowledged and what arrived),
 * then {@code instances=3 redis=<cluster|sentinel> mysql=galera phases=3 acked=<n> lost=<n> duplicate_complaints=<n>}.
 *
 * <p>{@code bench/scale.sh} runs it. Arguments: [--sentinel] [complaints per phase (1000)] [spread seconds (30)]
 * [USSD sessions (30)] [USSD steps/s (30)].
 */
public final class ScaleSuite {

    static final int INSTANCES = 3;
    /** A walk that keeps its dialogue in Redis over five steps and files nothing: markets of a district. */
    private static final String WALK = """
            name: markets of Kotawaringin Barat
            steps:
              - dial: "*777#"
              - send: "3"
                expect: "Pilih kabupaten/kota"
              - send: "1"
                expect: "Pasar murah"
              - send: "00"
              - send: "0"
            """;

    /**
     * @param complaints   SMS complaints, and notifications, per phase; the fault strikes half-way
     * @param spread       over how long each stream is spread
     * @param drainCap     longest wait for the backlog after the fault
     * @param stalledAfter a backlog that has not moved for this long is not going to drain
     */
    record Scale(int complaints, Duration spread, int sessions, double stepsPerSecond, Duration drainCap,
                 Duration stalledAfter) {

        static Scale of(int complaints, int spreadSeconds, int sessions, double stepsPerSecond) {
            return new Scale(complaints, Duration.ofSeconds(spreadSeconds), sessions, stepsPerSecond,
                    Duration.ofSeconds(120), Duration.ofSeconds(45));
        }
    }

    /** What one phase's fault does to the world, once the traffic is half sent. */
    private interface Fault {
        void strike(FaultRig rig, SharedStores stores, Handovers handovers, String redisPrefix) throws Exception;
    }

    private record Phase(String name, Fault fault) {
    }

    private static final List<Phase> PHASES = List.of(
            new Phase("gateway-kill", (rig, stores, handovers, prefix) -> {
                rig.killFirst();
                handovers.killed(FaultRig.instance(1));
            }),
            new Phase("redis-primary-kill", (rig, stores, handovers, prefix) ->
                    stores.killRedisPrimary(prefix + "ussd:session")),
            new Phase("galera-node-kill", (rig, stores, handovers, prefix) -> stores.killGaleraNode()));

    /** One phase as printed. */
    record PhaseReport(int phase, FaultReport traffic, LoadGenerator.Report ussd, int dialogues, int continued,
                       int continuedAfterKill) {

        String line() {
            FaultReport t = traffic;
            return String.format(Locale.ROOT, "phase=%d fault=%s steps_per_s=%.1f p99_ms=%.1f p50_ms=%.1f ussd_steps=%d ussd_errors=%d "
                            + "dialogues=%d continued_on_another_instance=%d continued_after_kill=%d acked=%d lost=%d "
                            + "duplicate_complaints=%d mt_lost=%d drain_s=%s seconds=%.0f", phase, t.fault(),
                    ussd.stepsPerSecond(), ussd.latencyMicros().getValueAtPercentile(99) / 1000.0,
                    ussd.latencyMicros().getValueAtPercentile(50) / 1000.0, ussd.steps(),
                    ussd.errors(), dialogues, continued, continuedAfterKill, t.acked(), t.lost(),
                    t.duplicateComplaints(), t.mtLost(), t.drained() ? String.format(Locale.ROOT, "%.1f", t.drainSeconds())
                            : "timeout", ussd.seconds());
        }
    }

    private static volatile FaultRig current;

    private ScaleSuite() {
    }

    public static void main(String[] args) throws Exception {
        boolean sentinel = List.of(args).contains("--sentinel");
        List<String> rest = new ArrayList<>(List.of(args));
        rest.remove("--sentinel");
        Scale scale = Scale.of(number(rest, 0, 1000), number(rest, 1, 30), number(rest, 2, 30), number(rest, 3, 30));
        // instances of a suite stopped half-way (Ctrl-C, a failure) must not stay bound to nothing
        Runtime.getRuntime().addShutdownHook(new Thread(ScaleSuite::stopCurrent));
        int status = 0;
        try {
            run(scale, sentinel, System.out);
        } catch (Exception | Error e) {
            e.printStackTrace();
            status = 1;
        }
        System.exit(status);
    }

    private static int number(List<String> args, int at, int fallback) {
        return args.size() > at ? Integer.parseInt(args.get(at)) : fallback;
    }

    static List<PhaseReport> run(Scale scale, boolean sentinel, PrintStream out) throws Exception {
        out.printf("%d instances x 2 binds, Redis %s, Galera x 3; per phase %d SMS complaints and %d notifications "
                        + "over %d s, %d USSD sessions offering %.0f steps/s; the fault strikes half-way%n", INSTANCES,
                sentinel ? "Sentinel (primary, 2 replicas, 3 sentinels)" : "Cluster (3 masters, 3 replicas)",
                scale.complaints(), scale.complaints(), scale.spread().toSeconds(), scale.sessions(), scale.stepsPerSecond());
        out.flush();
        List<PhaseReport> reports = new ArrayList<>();
        long t0 = System.nanoTime();
        try (SharedStores stores = SharedStores.start(sentinel)) {
            out.printf("# stores up in %.0f s%n", (System.nanoTime() - t0) / 1e9);
            for (int i = 0; i < PHASES.size(); i++) {
                PhaseReport report = run(i + 1, PHASES.get(i), scale, stores);
                out.println(report.line());
                out.println("# " + report.traffic().line());
                if (!report.traffic().details().isEmpty()) {
                    out.println(report.traffic().details());
                }
                if (report.ussd().firstError() != null) {
                    out.println("# phase " + (i + 1) + " USSD, last interval's first error: " + report.ussd().firstError());
                }
                out.flush();
                reports.add(report);
            }
            out.println(summary(reports, stores.redisMode));
        }
        return reports;
    }

    static String summary(List<PhaseReport> reports, String redisMode) {
        return String.format(Locale.ROOT, "instances=%d redis=%s mysql=galera phases=%d acked=%d lost=%d duplicate_complaints=%d",
                INSTANCES, redisMode, reports.size(), reports.stream().mapToInt(r -> r.traffic().acked()).sum(),
                reports.stream().mapToInt(r -> r.traffic().lost()).sum(),
                reports.stream().mapToInt(r -> r.traffic().duplicateComplaints()).sum());
    }

    private static PhaseReport run(int number, Phase phase, Scale scale, SharedStores stores) throws Exception {
        String prefix = "scale:" + number + ":";
        String mysqlUrl = stores.freshDatabase("scale_" + number);
        try (FaultRig rig = new FaultRig("scale-" + number + "-" + phase.name(), INSTANCES, mysqlUrl, stores.redisUrl(),
                prefix, Map.of("BETANG_SMPP_BINDS", "2"))) {
            current = rig;
            Scenario walk = Scenario.parse("scale", WALK);
            Handovers handovers = new Handovers(scale.sessions());
            LoadGenerator residents = new LoadGenerator(rig.smsc,
                    i -> new LoadGenerator.Person("62816%d%07d".formatted(number, i), walk), handovers);
            long redeliveredBefore = rig.smsc.moRedeliveries();
            try (LoadGenerator.Run ussd = residents.start(scale.sessions(), scale.stepsPerSecond())) {
                Traffic traffic = new Traffic(number, scale.complaints(), scale.spread(), rig.smsc, rig::apiPorts).start();
                try {
                    traffic.awaitHalfSent();
                    phase.fault().strike(rig, stores, handovers, prefix);
                    long over = System.nanoTime();
                    traffic.awaitSent();
                    double drain = ChaosSuite.awaitDrained(rig, traffic, over, scale.drainCap(), scale.stalledAfter());
                    ussd.stop();
                    LoadGenerator.Report steps = ussd.interval();
                    FaultReport arrived = ChaosSuite.report(phase.name(), rig, traffic, drain,
                            rig.smsc.moRedeliveries() - redeliveredBefore, new UssdProbe(rig.smsc, number));
                    return new PhaseReport(number, arrived, steps, handovers.dialogues(), handovers.continuedElsewhere(),
                            handovers.continuedAfterKill());
                } finally {
                    traffic.close();
                }
            }
        } finally {
            current = null;
        }
    }

    private static void stopCurrent() {
        FaultRig rig = current;
        if (rig != null) {
            try {
                rig.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
