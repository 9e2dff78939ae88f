package id.betang.simulator.demo;

import java.io.PrintStream;
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

    private final EmbeddedStorage storage = new EmbeddedStorage();
    private SmscSimulator smsc;
    private RegistryStub registry;
    private Vertx vertx;
    private Gateway gateway;
    private PhoneServer web;

    /** Starts everything; {@code env} is the process environment (BETANG_* respected). */
    public Demo start(Map<String, String> env, int smscPort, int webPort) throws Exception {
        long started = System.nanoTime();
        Map<String, String> settings = new HashMap<>(env);
        if (!settings.containsKey("BETANG_REDIS_URL")) {
            settings.put("BETANG_REDIS_URL", storage.startRedis());
        }
        if (!settings.containsKey("BETANG_MYSQL_URL")) {
            settings.put("BETANG_MYSQL_URL", storage.startMariaDb());
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
        settings.putIfAbsent("BETANG_REGISTRY_TOKEN", "demo-registry-token");
        // fresh secrets per run: the demo must never teach anyone a fixed token
        settings.putIfAbsent("BETANG_WEBHOOK_SECRET", UUID.randomUUID().toString());
        settings.putIfAbsent("BETANG_NIK_HASH_KEY", UUID.randomUUID().toString());
        settings.putIfAbsent("BETANG_API_TOKEN", UUID.randomUUID().toString());
        GatewayConfig config = ConfigLoader.load(null, settings);
        apiToken = config.security().apiToken();

        vertx = Vertx.vertx();
        gateway = new Gateway(config);
        vertx.deployVerticle(gateway).await(60, TimeUnit.SECONDS);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (!gateway.smppBound() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        if (!gateway.smppBound()) {
            throw new IllegalStateException("the gateway did not bind to the SMSC simulator; see the log");
        }
        web = new PhoneServer(vertx, smsc).start(webPort);
        // so the demo shows ticket updates arriving by SMS
        registry.reportComplaintsTo(java.net.URI.create("http://127.0.0.1:" + gateway.httpPort() + "/hooks/complaints"),
                config.security().webhookSecret(), java.time.Duration.ofSeconds(5));
        LOG.info("demo up in {} ms", (System.nanoTime() - started) / 1_000_000);
        return this;
    }

    private String apiToken;

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
        out.println("                \"http://127.0.0.1:" + httpPort() + "/ussd/demo?token=" + apiToken + "\"");
        out.println("  registry    " + registry.baseUrl() + " (stub with sample residents)");
        out.println("  log         " + System.getProperty("java.io.tmpdir") + "/betang-simulator.log");
        out.println();
        out.println("Sample phones and NIKs:");
        SampleData.SAMPLES.forEach(s -> out.printf("  %-15s %-17s %s%n", s.msisdn(), s.nik(), s.who()));
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
