package id.betang.simulator.chaos;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import id.betang.simulator.it.GatewayProcess;
import id.betang.simulator.load.Pacer;
import id.betang.simulator.smsc.SmscSimulator;
import io.vertx.core.json.JsonObject;

/**
 * One fault's load: N SMS complaints ({@code ADUAN … <token>}, one phone each) through the simulator SMSC and
 * N notifications through the gateways' API (Idempotency-Key = token, retried with the same key on another
 * live instance while the answer is not 2xx, as a client behind a load balancer does), both spread evenly
 * over the stream's duration. Each message carries a unique token, so what arrived where can be matched.
 */
final class Traffic {

    private static final Pattern MO_TOKEN = Pattern.compile("\\bc\\dm\\d{5}\\b");
    private static final Pattern MT_TOKEN = Pattern.compile("\\bc\\dn\\d{5}\\b");
    /** How long a notification client keeps retrying one request. */
    private static final Duration MT_RETRY_FOR = Duration.ofSeconds(90);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final int fault;
    private final int n;
    private final Duration spread;
    private final SmscSimulator smsc;
    private final Supplier<List<Integer>> apiPorts;
    /** MO token → taken by a gateway (deliver_sm_resp OK), possibly after redeliveries. */
    private final Map<String, CompletableFuture<Void>> mo = new ConcurrentHashMap<>();
    /** MT tokens a gateway answered 2xx for. */
    private final Set<String> mtAccepted = ConcurrentHashMap.newKeySet();
    private final AtomicInteger mtRefused = new AtomicInteger();
    private final AtomicInteger moRefused = new AtomicInteger();
    private final CountDownLatch half = new CountDownLatch(1);
    // the first delivery of an MO waits for its deliver_sm_resp, a notification client for its answer (and
    // retries): apart, so a client waiting out a store outage does not hold up the SMSC
    private final ExecutorService moSenders = Executors.newFixedThreadPool(32);
    private final ExecutorService mtClients = Executors.newFixedThreadPool(16);
    private final ExecutorService pacers = Executors.newFixedThreadPool(2);
    /** Messages handed to a sender whose sending has not ended yet. */
    private final AtomicInteger inHand = new AtomicInteger();
    private final CountDownLatch sent = new CountDownLatch(2);

    /**
     * @param fault    the fault's number, part of every token
     * @param apiPorts the HTTP ports of the gateways up now
     */
    Traffic(int fault, int n, Duration spread, SmscSimulator smsc, Supplier<List<Integer>> apiPorts) {
        this.fault = fault;
        this.n = n;
        this.spread = spread;
        this.smsc = smsc;
        this.apiPorts = apiPorts;
    }

    static String moToken(String text) {
        Matcher m = MO_TOKEN.matcher(text);
        return m.find() ? m.group() : null;
    }

    static String mtToken(String text) {
        Matcher m = MT_TOKEN.matcher(text);
        return m.find() ? m.group() : null;
    }

    Traffic start() {
        pacers.execute(() -> stream(moSenders, this::complain));
        pacers.execute(() -> stream(mtClients, this::notify));
        return this;
    }

    private void stream(ExecutorService senders, IntConsumer send) {
        long every = spread.toNanos() / n;
        Pacer pacer = new Pacer(every, System.nanoTime());
        try {
            for (int i = 0; i < n; i++) {
                pacer.awaitTurn();
                int message = i;
                inHand.incrementAndGet();
                senders.execute(() -> {
                    try {
                        send.accept(message);
                    } finally {
                        inHand.decrementAndGet();
                    }
                });
                if (i == n / 2) {
                    half.countDown();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            sent.countDown();
        }
    }

    private void complain(int i) {
        String token = "c%dm%05d".formatted(fault, i);
        String phone = "62813%d%07d".formatted(fault, i);
        try {
            mo.put(token, smsc.phone(phone).sendSms("7777", "ADUAN bantuan belum diterima, rujukan " + token));
        } catch (IOException e) {
            moRefused.incrementAndGet();
        }
    }

    private void notify(int i) {
        String token = "c%dn%05d".formatted(fault, i);
        String body = new JsonObject().put("msisdn", "62812%d%07d".formatted(fault, i))
                .put("text", "Info bantuan " + token + ": pencairan tahap berikutnya dijadwalkan").put("category", "SERVICE")
                .encode();
        long giveUpAt = System.nanoTime() + MT_RETRY_FOR.toNanos();
        for (int attempt = 0; System.nanoTime() < giveUpAt; attempt++) {
            List<Integer> ports = apiPorts.get();
            int port = ports.get(Math.floorMod(i + attempt, ports.size()));
            try {
                int status = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/notifications"))
                        .timeout(Duration.ofSeconds(10)).header("Authorization", "Bearer " + GatewayProcess.API_TOKEN)
                        .header("Content-Type", "application/json").header("Idempotency-Key", token)
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.discarding())
                        .statusCode();
                if (status / 100 == 2) {
                    mtAccepted.add(token);
                    return;
                }
                if (status / 100 == 4) {
                    mtRefused.incrementAndGet();
                    return;
                }
            } catch (IOException e) {
                // that instance is down or restarting: the next attempt may reach another
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    void awaitHalfSent() throws InterruptedException {
        half.await();
    }

    /** Waits until every message was handed over (the SMSC may still be redelivering, clients retrying). */
    void awaitSent() throws InterruptedException {
        sent.await();
    }

    /** True once every MO was taken or given up by the SMSC and every notification client is done. */
    boolean settled() {
        return sent.getCount() == 0 && inHand.get() == 0 && mo.values().stream().allMatch(CompletableFuture::isDone);
    }

    /** MO tokens a gateway answered deliver_sm_resp OK for. */
    Set<String> moAcked() {
        Set<String> acked = new HashSet<>();
        mo.forEach((token, taken) -> {
            if (taken.isDone() && !taken.isCompletedExceptionally()) {
                acked.add(token);
            }
        });
        return acked;
    }

    Set<String> mtAccepted() {
        return Set.copyOf(mtAccepted);
    }

    int mtRefused() {
        return mtRefused.get();
    }

    /** MO the SMSC gave up on: refused for good, or not taken within its redelivery period. */
    int moGivenUp() {
        return moRefused.get() + (int) mo.values().stream().filter(CompletableFuture::isCompletedExceptionally).count();
    }

    void close() throws InterruptedException {
        pacers.shutdownNow();
        moSenders.shutdownNow();
        mtClients.shutdownNow();
        moSenders.awaitTermination(10, TimeUnit.SECONDS);
        mtClients.awaitTermination(10, TimeUnit.SECONDS);
    }
}
