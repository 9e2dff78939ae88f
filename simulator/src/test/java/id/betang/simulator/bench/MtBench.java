package id.betang.simulator.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.jsmpp.bean.BindType;
import org.jsmpp.bean.DataCodings;
import org.jsmpp.bean.ESMClass;
import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.RegisteredDelivery;
import org.jsmpp.bean.TypeOfNumber;
import org.jsmpp.session.BindParameter;
import org.jsmpp.session.SMPPSession;

import id.betang.gateway.config.GatewayConfig;
import id.betang.gateway.store.Database;
import id.betang.gateway.testing.TestStorage;
import id.betang.simulator.it.GatewayProcess;
import id.betang.simulator.it.InProcessGateway;
import id.betang.simulator.smsc.SmscSimulator;

/**
 * MT submit_sm per second through the gateway's outbox (MySQL row → claim → submit_sm → id recorded)
 * against the simulator, next to a bare jSMPP ESME that only submits, in the same JVM and run: window
 * 10, no TPS cap, no delivery receipts. Both get a warm-up round first.
 * Prints {@code gateway_per_s=<n> bare_per_s=<m> ratio=<r>} last.
 */
public final class MtBench {

    private static final int WINDOW = 10;

    public static void main(String[] args) throws Exception {
        int messages = args.length > 0 ? Integer.parseInt(args[0]) : 30_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        // rows claimed at once: large claims keep the database's share per SMS small at these rates
        String batch = System.getProperty("bench.batch", "3000");
        int warmup = 2 * messages; // both paths (and the simulator) JIT-compiled before they are timed
        String mysqlUrl = TestStorage.freshDatabase("bench_mt");
        SmscSimulator smsc = new SmscSimulator(SmscSimulator.Options.defaults(0)).start();
        smsc.misbehaviours().noDlr(true);
        status = TestStorage.connect(mysqlUrl);
        try {
            Database.open(new GatewayConfig.Mysql(mysqlUrl, TestStorage.mysqlUser(), TestStorage.mysqlPassword())).close();
            Map<String, String> env = InProcessGateway.env(smsc.port(), mysqlUrl, TestStorage.freshRedisPrefix("bench"));
            env.put("BETANG_SMPP_WINDOW", String.valueOf(WINDOW));
            env.put("BETANG_SMPP_TPS", "0");
            env.put("BETANG_OUTBOX_POLL_MS", "20");
            env.put("BETANG_OUTBOX_BATCH", batch);
            try (InProcessGateway gateway = InProcessGateway.start(env).awaitBound(Duration.ofSeconds(20))) {
                bare(smsc, warmup);
                throughGateway(gateway, mysqlUrl, warmup);
                // rounds alternate, so a burst of other load on the machine hits both sides alike
                List<Double> bareRates = new ArrayList<>();
                List<Double> gatewayRates = new ArrayList<>();
                List<Double> ratios = new ArrayList<>();
                for (int r = 1; r <= rounds; r++) {
                    bareRates.add(bare(smsc, messages));
                    String bareCpu = lastCpu;
                    gatewayRates.add(throughGateway(gateway, mysqlUrl, messages));
                    ratios.add(gatewayRates.get(r - 1) / bareRates.get(r - 1));
                    System.out.printf("round %d: bare %.0f/s (%s), gateway %.0f/s (%s), ratio %.2f%n", r,
                            bareRates.get(r - 1), bareCpu, gatewayRates.get(r - 1), lastCpu, ratios.get(r - 1));
                }
                System.out.printf("bare jSMPP ESME: %d submit_sm a round, window %d: median %.0f/s%n", messages, WINDOW,
                        median(bareRates));
                System.out.printf("gateway outbox: %d SMS a round queued, sent and recorded, window %d, batch %s: "
                        + "median %.0f/s%n", messages, WINDOW, batch, median(gatewayRates));
                // the ratio of each round (both sides ran under the same load), then the median of those
                System.out.printf("gateway_per_s=%.0f bare_per_s=%.0f ratio=%.2f%n", median(gatewayRates),
                        median(bareRates), median(ratios));
            }
        } finally {
            status.close();
            smsc.close();
            TestStorage.dropDatabase(mysqlUrl);
        }
        System.exit(0);
    }

    private static String lastCpu = "";
    /** Reads the server's counters, open for the whole run so connecting adds nothing to them. */
    private static Connection status;

    /**
     * CPU spent per message by this JVM (client and simulator) and by MariaDB: steadier than rates, which
     * follow whatever else the machine is doing, so code changes can be compared across runs. Also the
     * statements the server was sent per message (its Questions counter: the whole server's, so on a machine
     * where other work uses the same MariaDB it reads high).
     */
    private record Cpu(long jvmNanos, long mariadbTicks, long statements) {
        static Cpu now() {
            return new Cpu(((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                    .getOperatingSystemMXBean()).getProcessCpuTime(), readMariadbTicks(), readQuestions());
        }

        String perMessage(int count) {
            Cpu end = now();
            double jvmUs = (end.jvmNanos - jvmNanos) / 1e3 / count;
            double dbUs = (end.mariadbTicks - mariadbTicks) * 1e6 / 100 / count; // USER_HZ is 100 on Linux
            double stmts = (end.statements - statements - 1.0) / count; // less the closing Questions read
            return String.format("cpu/msg jvm %.0f us, mariadb %.0f us, statements/msg %.3f", jvmUs, dbUs, stmts);
        }

        private static long readQuestions() {
            try (Statement s = status.createStatement();
                 ResultSet rs = s.executeQuery("SHOW GLOBAL STATUS LIKE 'Questions'")) {
                return rs.next() ? rs.getLong(2) : 0;
            } catch (java.sql.SQLException e) {
                return 0;
            }
        }

        /** utime + stime of the local mariadbd/mysqld, 0 when it cannot be read. */
        private static long readMariadbTicks() {
            try (java.util.stream.Stream<java.nio.file.Path> procs = java.nio.file.Files.list(java.nio.file.Path.of("/proc"))) {
                for (java.nio.file.Path p : (Iterable<java.nio.file.Path>) procs::iterator) {
                    java.nio.file.Path comm = p.resolve("comm");
                    if (!p.getFileName().toString().matches("\\d+") || !java.nio.file.Files.isReadable(comm)) {
                        continue;
                    }
                    String name = java.nio.file.Files.readString(comm).strip();
                    if (name.equals("mariadbd") || name.equals("mysqld")) {
                        String stat = java.nio.file.Files.readString(p.resolve("stat"));
                        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                        return Long.parseLong(f[11]) + Long.parseLong(f[12]);
                    }
                }
            } catch (java.io.IOException | RuntimeException e) {
                // not Linux, or not allowed: the figure reads 0
            }
            return 0;
        }
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int mid = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(mid) : (sorted.get(mid - 1) + sorted.get(mid)) / 2;
    }

    /** {@code count} submit_sm from WINDOW threads, each waiting for its response: a full window, no more. */
    private static double bare(SmscSimulator smsc, int count) throws Exception {
        SMPPSession session = new SMPPSession();
        session.connectAndBind("127.0.0.1", smsc.port(), new BindParameter(BindType.BIND_TRX, "betang", GatewayProcess.SMPP_PASSWORD, "",
                TypeOfNumber.UNKNOWN, NumberingPlanIndicator.UNKNOWN, null));
        AtomicInteger next = new AtomicInteger();
        ExecutorService threads = Executors.newFixedThreadPool(WINDOW);
        long start = System.nanoTime();
        Cpu cpu = Cpu.now();
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < WINDOW; t++) {
            done.add(threads.submit(() -> {
                for (int n = next.getAndIncrement(); n < count; n = next.getAndIncrement()) {
                    session.submitShortMessage("", TypeOfNumber.UNKNOWN, NumberingPlanIndicator.UNKNOWN, "7777",
                            TypeOfNumber.INTERNATIONAL, NumberingPlanIndicator.ISDN, msisdn(n), new ESMClass(), (byte) 0,
                            (byte) 0, null, null, new RegisteredDelivery(1), (byte) 0, DataCodings.newInstance((byte) 0),
                            (byte) 0, body(n).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                }
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        double perS = count / ((System.nanoTime() - start) / 1e9);
        lastCpu = cpu.perMessage(count);
        threads.shutdown();
        session.unbindAndClose();
        return perS;
    }

    /**
     * Queues {@code count} rows in one go, then times until every one is SENT with its message id. Progress
     * is read from the gateway's counter, so the database is asked only at the end (a COUNT(*) over the
     * outbox every few milliseconds would compete with the gateway for the same two cores).
     */
    private static double throughGateway(InProcessGateway gateway, String mysqlUrl, int count) throws Exception {
        try (Connection c = TestStorage.connect(mysqlUrl + "?rewriteBatchedStatements=true")) {
            c.setAutoCommit(false);
            try (PreparedStatement insert = c.prepareStatement(
                    "INSERT INTO outbox_sms (msisdn, body, category) VALUES (?, ?, 'bench')")) {
                for (int n = 0; n < count; n++) {
                    insert.setString(1, msisdn(n));
                    insert.setString(2, body(n));
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            double sentBefore = sent(gateway);
            long start = System.nanoTime();
            Cpu cpu = Cpu.now();
            c.commit(); // the gateway sees all rows at once
            while (sent(gateway) - sentBefore < count) {
                Thread.sleep(20);
            }
            c.setAutoCommit(true);
            try (Statement s = c.createStatement()) {
                while (true) {
                    try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM outbox_sms WHERE status = 'SENDING'")) {
                        rs.next();
                        if (rs.getLong(1) == 0) {
                            break;
                        }
                    }
                    Thread.sleep(5);
                }
                // sent rows stay, as in production: claims walk an index of due rows, so they cost nothing
                // (deleting them would leave InnoDB purging during the next round)
                double perS = count / ((System.nanoTime() - start) / 1e9);
                lastCpu = cpu.perMessage(count);
                return perS;
            }
        }
    }

    private static double sent(InProcessGateway gateway) {
        var counter = gateway.gateway().metrics().find("betang_outbox_sms").tag("outcome", "sent").counter();
        return counter == null ? 0 : counter.count();
    }

    private static String msisdn(int n) {
        return String.format("62812%08d", n % 1000);
    }

    private static String body(int n) {
        return "Jadwal penyaluran BLT: 28 Nov, Kantor Desa. Pesan " + n;
    }
}
