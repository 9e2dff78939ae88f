package id.betang.simulator.bench;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import id.betang.gateway.testing.TestStorage;
import id.betang.simulator.it.GatewayProcess;
import id.betang.simulator.smsc.SmscSimulator;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;

/**
 * SMS complaints end to end against the gateway jar (its own process) with the real MariaDB and Redis:
 * an MO "ADUAN …" in → complaint, forwarding row and ticket SMS committed → ticket SMS submitted to the
 * simulator SMSC → complaint POSTed to a local registry stub. N complaints are sent by many phones at once;
 * the rate is N over the time until the last one was both answered and forwarded. Warm-up round first.
 * Beside it, from the gateway's /metrics over the measured round, the durable MO inbox's group commit:
 * {@code inbox_commits_per_s} and {@code inbox_rows_per_commit} (each MO is committed before its
 * deliver_sm_resp; many to one commit, not one fsync each). Prints {@code complaints_per_s=<n>} last.
 */
public final class ComplaintBench {

    public static void main(String[] args) throws Exception {
        int complaints = args.length > 0 ? Integer.parseInt(args[0]) : 6000;
        int senders = args.length > 1 ? Integer.parseInt(args[1]) : 64;
        String mysqlUrl = TestStorage.freshDatabase("bench_complaints");
        Vertx vertx = Vertx.vertx();
        Set<String> forwarded = ConcurrentHashMap.newKeySet();
        HttpServer registry = vertx.createHttpServer().requestHandler(request -> request.body().onSuccess(body -> {
            if (request.path().equals("/api/v1/complaints")) {
                String ticket = request.getHeader("Idempotency-Key");
                boolean first = forwarded.add(ticket);
                request.response().setStatusCode(first ? 201 : 200).putHeader("Content-Type", "application/json")
                        .end(new JsonObject().put("ticketId", ticket).put("status", "RECEIVED").encode());
            } else {
                request.response().setStatusCode(404).end();
            }
        })).listen(0, "127.0.0.1").await(10, TimeUnit.SECONDS);
        SmscSimulator smsc = new SmscSimulator(SmscSimulator.Options.defaults(0)).start();
        smsc.misbehaviours().noDlr(true);
        Map<String, String> env = GatewayProcess.env(smsc.port(), mysqlUrl, TestStorage.redisUrl(),
                TestStorage.freshRedisPrefix("bench_complaints"));
        env.put("BETANG_HTTP_PORT", String.valueOf(GatewayProcess.freePort()));
        env.put("BETANG_REGISTRY_URL", "http://127.0.0.1:" + registry.actualPort() + "/api/v1");
        env.put("BETANG_SMPP_TPS", "0");
        env.put("BETANG_SMPP_BINDS", "2");
        env.put("BETANG_OUTBOX_POLL_MS", "50");
        env.put("BETANG_COMPLAINTS_PER_DAY", "1000");
        // BENCH_JFR=<file>: a flight recording of the gateway (jfr print --events jdk.ExecutionSample <file>);
        // BENCH_GATEWAY_OPTS: further JVM options for it (say, a logback file that counts SQL statements)
        String jvm = (System.getenv().getOrDefault("BENCH_GATEWAY_OPTS", "") + (System.getenv("BENCH_JFR") == null ? ""
                : " -XX:StartFlightRecording=settings=profile,dumponexit=true,filename=" + System.getenv("BENCH_JFR")))
                .strip();
        if (!jvm.isEmpty()) {
            env.put("JAVA_TOOL_OPTIONS", jvm);
        }
        try (GatewayProcess gateway = GatewayProcess.start("bench-complaints", env).awaitReady(Duration.ofSeconds(60))) {
            round(smsc, forwarded, complaints / 3, senders, "warm-up");
            double commitsBefore = metric(gateway, "betang_inbox_commits_total");
            double rowsBefore = metric(gateway, "betang_inbox_rows_total");
            long cpuBefore = cpuMillis(gateway.pid());
            MariaDbSide dbBefore = MariaDbSide.now(mysqlUrl);
            long started = System.nanoTime();
            double rate = round(smsc, forwarded, complaints, senders, "measured");
            double seconds = (System.nanoTime() - started) / 1e9;
            long cpu = cpuMillis(gateway.pid()) - cpuBefore;
            MariaDbSide db = MariaDbSide.now(mysqlUrl).minus(dbBefore);
            double commits = metric(gateway, "betang_inbox_commits_total") - commitsBefore;
            double rows = metric(gateway, "betang_inbox_rows_total") - rowsBefore;
            System.out.printf("inbox: %.0f MO parts in %.0f commits; deferred (ESME_RX_T_APPN) so far: %.0f%n", rows,
                    commits, metric(gateway, "betang_mo_deferred_total"));
            System.out.printf("inbox_commits_per_s=%.0f inbox_rows_per_commit=%.1f%n", commits / seconds,
                    commits == 0 ? 0 : rows / commits);
            // CPU the gateway process spent per complaint: steadier than the rate on a machine shared with others
            System.out.printf("gateway_cpu_ms_per_complaint=%.2f (load %s)%n", (double) cpu / complaints, load());
            // the server's side: its CPU and what it was asked (whole server: clean only on a server of the bench's own,
            // BETANG_TEST_MYSQL_URL=jdbc:mysql://127.0.0.1:<port>/, as other databases' work counts too)
            System.out.println(db.perComplaint(complaints));
            System.out.printf("complaints_per_s=%.0f%n", rate);
        } finally {
            smsc.close();
            vertx.close().await(10, TimeUnit.SECONDS);
            TestStorage.dropDatabase(mysqlUrl);
        }
    }

    /** User + system CPU time of a process so far (Linux /proc; clock ticks taken as 100 per second). */
    static long cpuMillis(long pid) throws java.io.IOException {
        String stat = java.nio.file.Files.readString(java.nio.file.Path.of("/proc", String.valueOf(pid), "stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 10; // utime, stime: fields 14 and 15
    }

    static String load() throws java.io.IOException {
        return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).strip();
    }

    /** One counter from the gateway's Prometheus scrape (0 when absent). */
    static double metric(GatewayProcess gateway, String name) throws Exception {
        for (String line : gateway.get("/metrics").body().split("\n")) {
            if (line.startsWith(name + " ") || line.startsWith(name + "{")) {
                return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return 0;
    }

    static double round(SmscSimulator smsc, Set<String> forwarded, int complaints, int senders, String name)
            throws Exception {
        long submitsBefore = smsc.submits();
        int forwardedBefore = forwarded.size();
        AtomicLong sent = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(senders);
        long started = System.nanoTime();
        for (int i = 0; i < complaints; i++) {
            String phone = "62813%08d".formatted(i % 5000);
            // unique per round too: the gateway ignores a repeated deliver_sm (same phone, same text) for a minute
            String text = "ADUAN " + (i % 2 == 0 ? "BELUM " : "") + name + " bantuan nomor " + i
                    + " belum diterima sejak bulan lalu, mohon diperiksa petugas kecamatan";
            pool.execute(() -> {
                try {
                    smsc.phone(phone).sendSms("7777", text);
                    sent.incrementAndGet();
                } catch (Exception e) {
                    System.out.println("not sent: " + e.getMessage());
                }
            });
        }
        pool.shutdown();
        pool.awaitTermination(5, TimeUnit.MINUTES);
        double sendSeconds = (System.nanoTime() - started) / 1e9;
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while ((smsc.submits() - submitsBefore < sent.get() || forwarded.size() - forwardedBefore < sent.get())
                && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        long answered = smsc.submits() - submitsBefore;
        int reached = forwarded.size() - forwardedBefore;
        System.out.printf("%s: %d complaints by SMS from 5,000 phones (%d senders, MO sent in %.1f s): %d ticket SMS "
                + "submitted, %d forwarded to the registry, all in %.1f s: %.0f/s%n", name, sent.get(), senders,
                sendSeconds, answered, reached, seconds, Math.min(answered, reached) / seconds);
        return Math.min(answered, reached) / seconds;
    }
}
