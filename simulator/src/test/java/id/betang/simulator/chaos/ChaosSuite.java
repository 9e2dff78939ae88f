package id.betang.simulator.chaos;

import java.io.PrintStream;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import id.betang.simulator.demo.EmbeddedStorage;

/**
 * Six faults, one at a time, each on a fresh rig, against the real gateway jar under load (SMS complaints in,
 * notifications out): kill -9 and restart; kill -9 of one of two instances; the SMSC link cut for 5 s; the
 * registry answering 503; MySQL stopped; Redis stopped. Per fault one line of what was acknowledged and
 * what arrived ({@link FaultReport#line()}), then the sums ({@link FaultReport#summary}).
 *
 * <p>{@code bench/chaos.sh} runs it at full scale (2,000 of each, outages of 60 s and 20 s); {@code ChaosIT}
 * runs a bounded one in {@code mvn verify}. Drain times are printed, never asserted: a cap only ends a wait
 * that would never end.
 */
public final class ChaosSuite {

    /**
     * @param n             SMS complaints, and notifications, per fault
     * @param spread        over how long each stream is spread; a fault strikes half-way
     * @param drainCap      longest wait for the backlog after a fault
     * @param stalledAfter  a backlog that has not moved for this long is not going to drain
     */
    record Scale(int n, Duration spread, Duration linkOutage, Duration registryOutage, Duration storeOutage,
                 Duration drainCap, Duration stalledAfter) {

        static Scale full(int n) {
            return new Scale(n, Duration.ofSeconds(10), Duration.ofSeconds(5), Duration.ofSeconds(60),
                    Duration.ofSeconds(20), Duration.ofSeconds(120), Duration.ofSeconds(45));
        }

        static Scale bounded() {
            return new Scale(200, Duration.ofSeconds(3), Duration.ofSeconds(5), Duration.ofSeconds(10),
                    Duration.ofSeconds(8), Duration.ofSeconds(60), Duration.ofSeconds(10));
        }
    }

    /** One fault: strikes the rig and returns when it is over (the broken part is back). */
    private interface Fault {
        void strike(FaultRig rig, Scale scale, Storage storage) throws Exception;
    }

    private record Named(String name, int instances, boolean probeUssd, Fault fault) {
    }

    /** The suite's own servers, which faults 5 and 6 stop. */
    record Storage(OwnMariaDb mariadb, OwnRedis redis) {
    }

    private static final List<Named> FAULTS = List.of(
            new Named("kill-9", 1, false, (rig, scale, storage) -> rig.killAndRestartFirst()),
            new Named("kill-9-one-of-two", 2, false, (rig, scale, storage) -> rig.killFirst()),
            new Named("smsc-link", 1, false, (rig, scale, storage) -> {
                rig.smsc.misbehaviours().refuseBind(true);
                rig.smsc.dropLink();
                Thread.sleep(scale.linkOutage().toMillis());
                rig.smsc.misbehaviours().refuseBind(false);
            }),
            new Named("registry-503", 1, false, (rig, scale, storage) -> {
                rig.registry.unavailable(true);
                Thread.sleep(scale.registryOutage().toMillis());
                rig.registry.unavailable(false);
            }),
            new Named("mysql-down", 1, true, (rig, scale, storage) -> {
                storage.mariadb().stop();
                Thread.sleep(scale.storeOutage().toMillis());
                storage.mariadb().startAgain();
            }),
            new Named("redis-down", 1, true, (rig, scale, storage) -> {
                storage.redis().stop();
                Thread.sleep(scale.storeOutage().toMillis());
                storage.redis().startAgain();
            }));

    private ChaosSuite() {
    }

    /** {@code ChaosSuite [n]}: the full suite with n of each message per fault (default 2000). */
    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        run(Scale.full(n), System.out);
        System.exit(0); // the gateways' and servers' shutdown hooks have run by now; nothing else should linger
    }

    static List<FaultReport> run(Scale scale, PrintStream out) throws Exception {
        Path folder = Path.of("target", "chaos").toAbsolutePath(); // mariadbd resolves relative paths from its basedir
        EmbeddedStorage.removeFolder(folder);
        List<FaultReport> reports = new ArrayList<>();
        try (OwnMariaDb mariadb = OwnMariaDb.start(folder.resolve("mariadb"));
             OwnRedis redis = OwnRedis.start(folder.resolve("redis"))) {
            Storage storage = new Storage(mariadb, redis);
            for (int i = 0; i < FAULTS.size(); i++) {
                FaultReport report = run(i + 1, FAULTS.get(i), scale, storage);
                out.println(report.line());
                if (!report.details().isEmpty()) {
                    out.println(report.details());
                }
                out.flush();
                reports.add(report);
            }
        }
        out.println(FaultReport.summary(reports));
        return reports;
    }

    private static FaultReport run(int number, Named fault, Scale scale, Storage storage) throws Exception {
        try (FaultRig rig = new FaultRig(number + "-" + fault.name(), fault.instances(), storage.mariadb(),
                storage.redis())) {
            long redeliveredBefore = rig.smsc.moRedeliveries();
            Traffic traffic = new Traffic(number, scale.n(), scale.spread(), rig.smsc, rig::apiPorts).start();
            UssdProbe probe = new UssdProbe(rig.smsc, number);
            try {
                traffic.awaitHalfSent();
                if (fault.probeUssd()) {
                    probe.start();
                }
                fault.fault().strike(rig, scale, storage);
                long over = System.nanoTime();
                if (fault.probeUssd()) {
                    probe.stop();
                }
                traffic.awaitSent();
                double drain = awaitDrained(rig, traffic, over, scale.drainCap(), scale.stalledAfter());
                return report(fault.name(), rig, traffic, drain, rig.smsc.moRedeliveries() - redeliveredBefore, probe);
            } finally {
                traffic.close();
            }
        }
    }

    /**
     * Polls until every acknowledged MO reached the registry and every accepted notification the SMSC.
     * Gives up at the cap, or earlier when all that is missing are MO that are not even stored and nothing has
     * moved for a while (a complaint that was never stored is not going to reach the registry); a stored
     * complaint waiting out the relay's back-off, an MO in the inbox not yet processed, or a notification still
     * in the outbox, is waited for.
     *
     * @return seconds from {@code since} until everything acknowledged arrived; -1 when it did not
     */
    static double awaitDrained(FaultRig rig, Traffic traffic, long since, Duration drainCap, Duration stalledAfter)
            throws InterruptedException {
        long capAt = since + drainCap.toNanos();
        long movedAt = System.nanoTime();
        int lastArrived = -1;
        while (System.nanoTime() < capAt && System.nanoTime() - movedAt < stalledAfter.toNanos()) {
            boolean settled = traffic.settled();
            Set<String> missingMo = new HashSet<>(traffic.moAcked());
            Set<String> missingMt = new HashSet<>(traffic.mtAccepted());
            Map<String, Set<String>> atRegistry = rig.arrivals.atRegistry();
            Map<String, Integer> submitted = rig.arrivals.submitted();
            missingMo.removeAll(atRegistry.keySet());
            missingMt.removeAll(submitted.keySet());
            if (settled && missingMo.isEmpty() && missingMt.isEmpty()) {
                return (System.nanoTime() - since) / 1e9;
            }
            int arrived = atRegistry.size() + submitted.size() + missingMo.size() + missingMt.size();
            if (arrived != lastArrived || !settled || !missingMt.isEmpty() || anyStored(rig, missingMo)) {
                lastArrived = arrived;
                movedAt = System.nanoTime();
            }
            Thread.sleep(250);
        }
        return -1;
    }

    private static boolean anyStored(FaultRig rig, Set<String> tokens) {
        try {
            if (tokens.isEmpty()) {
                return false;
            }
            Set<String> stored = new HashSet<>(rig.arrivals.tickets().keySet());
            rig.arrivals.inInbox().forEach((token, state) -> {
                if (!state.startsWith("DONE")) {
                    stored.add(token);
                }
            });
            return stored.stream().anyMatch(tokens::contains);
        } catch (SQLException e) {
            return true; // cannot tell yet: keep waiting
        }
    }

    /** What a fault's traffic acknowledged and what arrived, as one report; {@code probe} may never have dialled. */
    static FaultReport report(String name, FaultRig rig, Traffic traffic, double drain, long redelivered,
                                      UssdProbe probe) throws Exception {
        Set<String> acked = traffic.moAcked();
        Map<String, Integer> tickets = rig.arrivals.tickets();
        Map<String, Set<String>> atRegistry = rig.arrivals.atRegistry();
        Set<String> stored = new HashSet<>(acked);
        stored.retainAll(tickets.keySet());
        // an MO filed twice counts once, whether it shows as two tickets, two registry keys or both
        Map<String, String> twiceFiled = new TreeMap<>();
        tickets.forEach((token, n) -> {
            if (n > 1) {
                twiceFiled.merge(token, n + " tickets", (a, b) -> a + ", " + b);
            }
        });
        atRegistry.forEach((token, keys) -> {
            if (keys.size() > 1) {
                twiceFiled.merge(token, keys.size() + " keys at the registry", (a, b) -> a + ", " + b);
            }
        });
        Set<String> lost = new TreeSet<>(acked);
        lost.removeAll(stored);
        Set<String> accepted = traffic.mtAccepted();
        Map<String, Integer> submitted = rig.arrivals.submitted();
        Set<String> sent = new HashSet<>(accepted);
        sent.retainAll(submitted.keySet());
        int repeats = submitted.values().stream().mapToInt(t -> t - 1).sum();
        List<String> examples = new ArrayList<>();
        if (!lost.isEmpty()) {
            Map<String, String> inbox = rig.arrivals.inInbox();
            examples.add("lost e.g. " + String.join(" ", lost.stream().limit(5)
                    .map(t -> t + " (inbox " + inbox.getOrDefault(t, "none") + ")").toList()));
        }
        if (!twiceFiled.isEmpty()) {
            examples.add("filed twice: " + String.join("; ", twiceFiled.entrySet().stream().limit(5)
                    .map(e -> e.getKey() + " (" + e.getValue() + ")").toList()));
        }
        return new FaultReport(name, acked.size(), stored.size(), repeats, twiceFiled.size(), accepted.size(),
                sent.size(), accepted.size() - sent.size(), drain, redelivered, traffic.moGivenUp(), probe.dials(),
                probe.unanswered(), String.join("; ", examples));
    }
}
