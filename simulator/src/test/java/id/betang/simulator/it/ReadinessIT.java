package id.betang.simulator.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import id.betang.gateway.testing.TestStorage;
import id.betang.simulator.smsc.SimulatedPhone;
import id.betang.simulator.smsc.SmscSimulator;
import redis.embedded.RedisServer;

/**
 * /ready follows Redis: a real redis-server that this test starts and stops on an ephemeral port. Without the
 * API token it says only up or down; with it, which dependency is down.
 * While Redis is away a resident who dials gets a clear "busy" screen, not silence.
 */
class ReadinessIT {

    static int redisPort = GatewayProcess.freePort();
    static RedisServer redis;
    static SmscSimulator smsc;
    static GatewayProcess gateway;
    static String mysqlUrl;

    static RedisServer newRedis() throws IOException {
        return RedisServer.newRedisServer().port(redisPort).bind("127.0.0.1")
                .setting("save \"\"").setting("appendonly no").build();
    }

    @BeforeAll
    static void start() throws Exception {
        redis = newRedis();
        redis.start();
        smsc = new SmscSimulator(SmscSimulator.Options.defaults(GatewayProcess.freePort())).start();
        mysqlUrl = TestStorage.freshDatabase("readiness");
        gateway = GatewayProcess.start("readiness", GatewayProcess.env(smsc.port(), mysqlUrl,
                "redis://127.0.0.1:" + redisPort + "/0", "ready:")).awaitReady(Duration.ofSeconds(60));
    }

    @AfterAll
    static void stop() throws Exception {
        if (gateway != null) {
            gateway.close();
        }
        if (smsc != null) {
            smsc.close();
        }
        if (redis != null && redis.isActive()) {
            redis.stop();
        }
        TestStorage.dropDatabase(mysqlUrl);
    }

    @Test
    void readyFollowsRedisAndDiallersGetABusyScreenMeanwhile() throws Exception {
        assertEquals(200, gateway.get("/ready").statusCode());
        assertEquals("{\"status\":\"up\"}", gateway.get("/ready").body(), "without the API token: up or down, no more");

        redis.stop();
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> gateway.get("/ready").statusCode() == 503);
        assertEquals("{\"status\":\"down\"}", gateway.get("/ready").body(), "what is down is not told to strangers");
        assertEquals("{\"status\":\"down\"}", gateway.get("/ready", "not-the-api-token").body());
        var detailed = gateway.get("/ready", GatewayProcess.API_TOKEN);
        assertEquals(503, detailed.statusCode());
        String report = detailed.body();
        assertTrue(report.contains("\"redis\" : \"down\"") && report.contains("\"mysql\" : \"up\"")
                && report.contains("\"status\" : \"not ready\""), report);

        SimulatedPhone.Screen busy = smsc.phone("6281255556666").dial("*777#");
        assertTrue(busy.end());
        assertEquals("Maaf, layanan sedang sibuk. Silakan coba lagi sebentar lagi.", busy.text());

        redis = newRedis();
        redis.start();
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> gateway.get("/ready").statusCode() == 200);
        SimulatedPhone.Screen menu = smsc.phone("6281255556666").dial("*777#");
        assertTrue(menu.text().startsWith("Kartu Huma Betang Sejahtera"), menu.text());
    }
}
