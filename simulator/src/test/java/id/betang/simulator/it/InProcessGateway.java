package id.betang.simulator.it;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import id.betang.gateway.Gateway;
import id.betang.gateway.config.ConfigLoader;
import id.betang.gateway.config.GatewayConfig;
import id.betang.gateway.ops.EventLoops;
import io.vertx.core.Vertx;

/**
 * A gateway verticle in this JVM, for tests that need many quick restarts or a look at its metrics.
 * Tests of the shipped artifact use {@link GatewayProcess}; both run the same {@link Gateway}.
 */
public final class InProcessGateway implements AutoCloseable {

    private final Vertx vertx = Vertx.vertx(EventLoops.options());
    private final Gateway gateway;

    private InProcessGateway(GatewayConfig config) {
        this.gateway = new Gateway(config);
    }

    /** Settings for tests: short polls and leases, so recovery is seen in seconds. */
    public static Map<String, String> env(int smscPort, String mysqlUrl, String redisPrefix) {
        Map<String, String> env = new HashMap<>(GatewayProcess.env(smscPort, mysqlUrl,
                id.betang.gateway.testing.TestStorage.redisUrl(), redisPrefix));
        env.put("BETANG_HTTP_PORT", "0");
        env.put("BETANG_OUTBOX_POLL_MS", "50");
        env.put("BETANG_OUTBOX_LEASE_SECONDS", "5");
        env.put("BETANG_SMPP_TPS", "0");
        env.put("BETANG_SMPP_RESPONSE_TIMEOUT_MS", "2000");
        return env;
    }

    public static InProcessGateway start(Map<String, String> env) throws Exception {
        InProcessGateway g = new InProcessGateway(ConfigLoader.load(null, env));
        // its start-up and warm-up run on cold code: the blocked-thread watch counts from its warm-up on
        id.betang.gateway.testing.BlockedThreadWatch.gatewayStarting();
        g.vertx.deployVerticle(g.gateway).await(60, TimeUnit.SECONDS);
        return g;
    }

    public InProcessGateway awaitBound(Duration within) {
        org.awaitility.Awaitility.await("gateway bound to the SMSC").atMost(within).pollInterval(Duration.ofMillis(20))
                .until(gateway::smppBound);
        return this;
    }

    public Gateway gateway() {
        return gateway;
    }

    /** SMS this instance handed to the SMSC. */
    double sent() {
        var counter = gateway.metrics().find("betang_outbox_sms").tag("outcome", "sent").counter();
        return counter == null ? 0 : counter.count();
    }

    double retried() {
        var counter = gateway.metrics().find("betang_outbox_sms").tag("outcome", "retry").counter();
        return counter == null ? 0 : counter.count();
    }

    @Override
    public void close() throws Exception {
        vertx.close().await(30, TimeUnit.SECONDS);
    }
}
