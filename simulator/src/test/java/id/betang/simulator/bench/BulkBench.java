package id.betang.simulator.bench;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

import id.betang.gateway.config.GatewayConfig;
import id.betang.gateway.store.Database;
import id.betang.gateway.testing.TestStorage;
import id.betang.simulator.it.GatewayProcess;
import id.betang.simulator.it.InProcessGateway;
import id.betang.simulator.smsc.SmscSimulator;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * Bulk SMS per second: Kannel 1.4.5 (bearerbox + smsbox, one message per sendsms HTTP request, many
 * keep-alive requests at once) against the gateway's notifications API (batches of several hundred per
 * request), each against its own simulator SMSC with the same settings: window 10, no TPS cap, no receipts.
 * A round is timed from the first request until the SMSC has counted every submit_sm. Rounds alternate so a
 * burst of other load on the machine hits both sides alike; both get a warm-up round first.
 * <p>
 * Kannel's configuration is written by bench/bulk.sh (its SMSC port is the first argument here); this class
 * starts bearerbox and smsbox on it, writes their pids to {@code kannel.pids} beside it, and stops them.
 * Prints {@code betang_per_s=<n> kannel_per_s=<m> ratio=<r>} last (medians; the ratio is the median of each
 * round's own ratio).
 */
public final class BulkBench {

    private static final int WINDOW = 10;
    private static final Duration ROUND_CAP = Duration.ofMinutes(10);

    private record Kannel(Path conf, int smscPort, int sendsmsPort, String user, String password) {
    }

    public static void main(String[] args) throws Exception {
        Kannel kannel = new Kannel(Path.of(args[0]), Integer.parseInt(args[1]), Integer.parseInt(args[2]), args[3], args[4]);
        int messages = args.length > 5 ? Integer.parseInt(args[5]) : 20_000;
        int rounds = args.length > 6 ? Integer.parseInt(args[6]) : 3;
        int batch = Integer.getInteger("bench.batch", 500);
        int kannelClients = Integer.getInteger("bench.kannel.connections", 64);
        int betangClients = Integer.getInteger("bench.betang.requests", 4);
        String claim = System.getProperty("bench.claim", "1000");

        String mysqlUrl = TestStorage.freshDatabase("bench_bulk");
        SmscSimulator ourSmsc = new SmscSimulator(SmscSimulator.Options.defaults(0)).start();
        SmscSimulator kannelSmsc = new SmscSimulator(SmscSimulator.Options.defaults(kannel.smscPort())).start();
        ourSmsc.misbehaviours().noDlr(true);
        kannelSmsc.misbehaviours().noDlr(true);
        Vertx vertx = Vertx.vertx();
        List<Process> kannelBoxes = new ArrayList<>();
        try {
            Database.open(new GatewayConfig.Mysql(mysqlUrl, TestStorage.mysqlUser(), TestStorage.mysqlPassword())).close();
            Map<String, String> env = InProcessGateway.env(ourSmsc.port(), mysqlUrl, TestStorage.freshRedisPrefix("bench"));
            env.put("BETANG_SMPP_WINDOW", String.valueOf(WINDOW));
            env.put("BETANG_SMPP_TPS", "0");
            // production's poll and lease: new rows must go out because the API wakes the sender, not by polling
            env.remove("BETANG_OUTBOX_POLL_MS");
            env.remove("BETANG_OUTBOX_LEASE_SECONDS");
            // rows the sender claims at once, as an operator sets it for bulk (the default, 200, is for a trickle:
            // at bulk rates its claims cost the sender half its speed)
            env.put("BETANG_OUTBOX_BATCH", claim);
            // smsbox gives up at once when bearerbox is not listening yet: it starts once bearerbox has bound
            kannelBoxes.add(box("bearerbox", kannel.conf()));
            awaitBind(kannel.conf(), kannelSmsc, kannelBoxes);
            kannelBoxes.add(box("smsbox", kannel.conf()));
            try (InProcessGateway gateway = InProcessGateway.start(env).awaitBound(Duration.ofSeconds(20))) {
                HttpClient toKannel = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true),
                        new PoolOptions().setHttp1MaxSize(kannelClients));
                HttpClient toBetang = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true),
                        new PoolOptions().setHttp1MaxSize(betangClients));
                IntFunction<Future<Integer>> viaKannel = n -> sendsms(toKannel, kannel, n);
                awaitKannel(kannel.conf(), kannelSmsc, kannelBoxes, viaKannel);
                Side kannelSide = new Side("kannel", kannelSmsc, viaKannel, 1, kannelClients);
                Side betangSide = new Side("betang", ourSmsc,
                        first -> notify(toBetang, gateway.gateway().httpPort(), first, batch), batch, betangClients);

                kannelSide.round(messages);
                betangSide.round(messages);
                List<Double> kannelRates = new ArrayList<>();
                List<Double> betangRates = new ArrayList<>();
                List<Double> ratios = new ArrayList<>();
                for (int r = 1; r <= rounds; r++) {
                    double k = kannelSide.round(messages);
                    double b = betangSide.round(messages);
                    kannelRates.add(k);
                    betangRates.add(b);
                    ratios.add(b / k);
                    System.out.printf("round %d: kannel %.0f/s, betang %.0f/s, ratio %.2f%n", r, k, b, b / k);
                }
                System.out.printf("kannel 1.4.5 sendsms: %d SMS a round, one per request, %d keep-alive connections, "
                        + "window %d: median %.0f/s%n", messages, kannelClients, WINDOW, median(kannelRates));
                System.out.printf("betang notifications API: %d SMS a round, %d per request, %d requests at once, "
                        + "window %d, BETANG_OUTBOX_BATCH=%s: median %.0f/s%n", messages, batch, betangClients, WINDOW,
                        claim, median(betangRates));
                System.out.printf("betang_per_s=%.0f kannel_per_s=%.0f ratio=%.2f%n", median(betangRates),
                        median(kannelRates), median(ratios));
            }
        } finally {
            for (Process p : kannelBoxes) {
                stop(p);
            }
            vertx.close().await(30, TimeUnit.SECONDS);
            ourSmsc.close();
            kannelSmsc.close();
            TestStorage.dropDatabase(mysqlUrl);
        }
        System.exit(0);
    }

    /**
     * One peer: how it is fed ({@code send} takes the number of the first message of a request and answers its
     * HTTP status), how many messages one request carries, how many requests are in flight at once.
     */
    private record Side(String name, SmscSimulator smsc, IntFunction<Future<Integer>> send, int perRequest,
                        int inFlight) {

        /** @return SMS per second from the first request until the SMSC counted all {@code count} submit_sm */
        double round(int count) throws Exception {
            long before = smsc.submits();
            AtomicInteger next = new AtomicInteger();
            AtomicInteger refused = new AtomicInteger();
            long start = System.nanoTime();
            List<Future<Void>> lanes = new ArrayList<>();
            for (int i = 0; i < inFlight; i++) {
                Promise<Void> lane = Promise.promise();
                sendNext(next, count, refused, lane);
                lanes.add(lane.future());
            }
            Future.all(lanes).await(ROUND_CAP.toSeconds(), TimeUnit.SECONDS);
            long answered = System.nanoTime();
            long submittedThen = smsc.submits() - before;
            if (refused.get() > 0) {
                throw new IllegalStateException(name + ": " + refused.get() + " requests refused");
            }
            long deadline = System.nanoTime() + ROUND_CAP.toNanos();
            while (smsc.submits() - before < count) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(name + ": only " + (smsc.submits() - before) + " of " + count
                            + " submit_sm within " + ROUND_CAP);
                }
                Thread.sleep(2);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            // where the time went: taking the requests, and what the SMSC had by then
            System.out.printf("  %s: all %d requests answered after %.2f s (%d submit_sm by then), all submit_sm after "
                    + "%.2f s%n", name, (count + perRequest - 1) / perRequest, (answered - start) / 1e9, submittedThen, seconds);
            return count / seconds;
        }

        /** A lane sends its next request when its last one was answered: keep-alive, one at a time per connection. */
        private void sendNext(AtomicInteger next, int count, AtomicInteger refused, Promise<Void> lane) {
            int first = next.getAndAdd(perRequest);
            if (first >= count) {
                lane.complete();
                return;
            }
            send.apply(first).onComplete(status -> {
                if (status.failed() || status.result() != 202) {
                    refused.incrementAndGet();
                }
                sendNext(next, count, refused, lane);
            });
        }
    }

    private static Future<Integer> sendsms(HttpClient client, Kannel kannel, int n) {
        String uri = "/cgi-bin/sendsms?username=" + kannel.user() + "&password=" + kannel.password()
                + "&from=7777&to=" + msisdn(n) + "&text=" + URLEncoder.encode(body(n), StandardCharsets.UTF_8);
        return client.request(HttpMethod.GET, kannel.sendsmsPort(), "127.0.0.1", uri)
                .compose(request -> request.send())
                .compose(response -> response.body().map(b -> response.statusCode()));
    }

    private static Future<Integer> notify(HttpClient client, int port, int first, int batch) {
        JsonArray items = new JsonArray();
        for (int n = first; n < first + batch; n++) {
            items.add(new JsonObject().put("msisdn", msisdn(n)).put("text", body(n)).put("category", "INFO"));
        }
        String body = new JsonObject().put("notifications", items).encode();
        return client.request(new RequestOptions().setMethod(HttpMethod.POST).setPort(port).setHost("127.0.0.1")
                        .setURI("/api/v1/notifications")
                        .putHeader("Authorization", "Bearer " + GatewayProcess.API_TOKEN)
                        .putHeader("Content-Type", "application/json"))
                .compose(request -> request.send(body))
                .compose(response -> response.body().map(b -> response.statusCode()));
    }

    /** Starts a Kannel box and adds its pid to kannel.pids, which bench/bulk.sh kills whatever happens. */
    private static Process box(String name, Path conf) throws IOException {
        Process p = new ProcessBuilder("/usr/sbin/" + name, conf.toString())
                .redirectErrorStream(true).redirectOutput(boxOutput(conf, name).toFile()).start();
        Files.writeString(conf.resolveSibling("kannel.pids"), p.pid() + "\n", java.nio.file.StandardOpenOption.CREATE,
                java.nio.file.StandardOpenOption.APPEND);
        return p;
    }

    private static Path boxOutput(Path conf, String box) {
        return conf.resolveSibling(box + ".out");
    }

    private static void awaitBind(Path conf, SmscSimulator smsc, List<Process> boxes) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (smsc.bindsAccepted() == 0) {
            checkAlive(conf, boxes, deadline);
            Thread.sleep(100);
        }
    }

    /** Kannel is ready when a sendsms is accepted and reaches the SMSC. */
    private static void awaitKannel(Path conf, SmscSimulator smsc, List<Process> boxes, IntFunction<Future<Integer>> send)
            throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (send.apply(0).otherwise(0).await(10, TimeUnit.SECONDS) != 202) {
            checkAlive(conf, boxes, deadline);
            Thread.sleep(200);
        }
        while (smsc.submits() == 0) {
            checkAlive(conf, boxes, deadline);
            Thread.sleep(20);
        }
    }

    private static void checkAlive(Path conf, List<Process> boxes, long deadline) throws IOException {
        for (Process p : boxes) {
            if (!p.isAlive()) {
                throw new IllegalStateException("a Kannel box exited with " + p.exitValue() + ": "
                        + Files.readString(boxOutput(conf, "bearerbox")) + Files.readString(boxOutput(conf, "smsbox")));
            }
        }
        if (System.nanoTime() > deadline) {
            throw new IllegalStateException("Kannel did not pass a message to the simulator SMSC within 60 s");
        }
    }

    private static void stop(Process p) throws InterruptedException {
        p.destroy();
        if (!p.waitFor(10, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int mid = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(mid) : (sorted.get(mid - 1) + sorted.get(mid)) / 2;
    }

    private static String msisdn(int n) {
        return String.format("62812%08d", n % 5000);
    }

    private static String body(int n) {
        return "Jadwal penyaluran BLT: 28 Nov, Kantor Desa. Pesan " + n;
    }
}
