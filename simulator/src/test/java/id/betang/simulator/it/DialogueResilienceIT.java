package id.betang.simulator.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import id.betang.gateway.testing.TestStorage;
import id.betang.simulator.registry.RegistryStub;
import id.betang.simulator.smsc.SimulatedPhone;
import id.betang.simulator.smsc.SmscSimulator;
import io.lettuce.core.RedisClient;

/**
 * A dialogue outlives the instance and the store it started on: two gateway instances on one SMSC serve
 * alternate steps of the same dialogue, and a Redis that goes away mid-dialogue costs the caller a clear
 * "busy" screen, after which service resumes by itself. This class runs its own redis-server (the same
 * binary CI starts) so that it can stop it without disturbing other tests.
 */
class DialogueResilienceIT {

    static final String BUDI = "6271031203900004";
    static final String BUDI_PHONE = "6281234567890";

    static SmscSimulator smsc;
    static RegistryStub registry;
    static String mysqlUrl;
    static int redisPort;
    static Process redis;
    static Path redisDir;

    @BeforeAll
    static void start() throws Exception {
        smsc = new SmscSimulator(SmscSimulator.Options.defaults(GatewayProcess.freePort())).start();
        registry = new RegistryStub(GatewayProcess.freePort()).start();
        mysqlUrl = TestStorage.freshDatabase("resilience");
        redisPort = GatewayProcess.freePort();
        redisDir = Files.createTempDirectory("betang-redis");
        startRedis();
    }

    @AfterAll
    static void stop() throws Exception {
        stopRedis();
        if (registry != null) {
            registry.close();
        }
        if (smsc != null) {
            smsc.close();
        }
        TestStorage.dropDatabase(mysqlUrl);
    }

    static void startRedis() throws IOException {
        redis = new ProcessBuilder("redis-server", "--bind", "127.0.0.1", "--port", String.valueOf(redisPort),
                "--save", "", "--appendonly", "no", "--dir", redisDir.toString())
                .redirectErrorStream(true).redirectOutput(redisDir.resolve("redis.log").toFile()).start();
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(DialogueResilienceIT::redisAnswers);
    }

    static void stopRedis() throws InterruptedException {
        if (redis != null) {
            redis.destroy();
            redis.waitFor();
        }
    }

    static boolean redisAnswers() {
        RedisClient client = RedisClient.create("redis://127.0.0.1:" + redisPort);
        try (var c = client.connect()) {
            return "PONG".equals(c.sync().ping());
        } catch (RuntimeException e) {
            return false;
        } finally {
            client.shutdown();
        }
    }

    static Map<String, String> env(String prefix) {
        Map<String, String> env = InProcessGateway.env(smsc.port(), mysqlUrl, prefix);
        env.put("BETANG_REGISTRY_URL", registry.baseUrl());
        env.put("BETANG_REDIS_URL", "redis://127.0.0.1:" + redisPort + "/0");
        return env;
    }

    static double steps(InProcessGateway g) {
        var timer = g.gateway().metrics().find("betang_inbound_step").tag("channel", "ussd-smpp").timers();
        return timer.stream().mapToLong(t -> t.count()).sum();
    }

    @Test
    void twoInstancesServeAlternateStepsOfOneDialogue() throws Exception {
        String prefix = TestStorage.freshRedisPrefix("two");
        try (InProcessGateway a = InProcessGateway.start(env(prefix)).awaitBound(Duration.ofSeconds(30));
             InProcessGateway b = InProcessGateway.start(env(prefix)).awaitBound(Duration.ofSeconds(30))) {
            SimulatedPhone phone = smsc.phone(BUDI_PHONE);
            phone.dial("*777#");
            assertEquals("Masukkan NIK (16 angka):", phone.send("1").text());
            String status = phone.send(BUDI).text();
            assertTrue(status.startsWith("Status 6271********0004 per 12 Nov 2026:\nBLT (bantuan tunai): Aktif"), status);
            phone.send("00");
            assertEquals("Terima kasih. Sampai jumpa.", phone.send("0").text());
            assertTrue(steps(a) >= 2 && steps(b) >= 2, "both instances served steps of the dialogue: "
                    + steps(a) + " and " + steps(b));
        }
    }

    @Test
    void redisGoneMidDialogueSaysBusyThenServiceResumes() throws Exception {
        try (InProcessGateway g = InProcessGateway.start(env(TestStorage.freshRedisPrefix("outage")))
                .awaitBound(Duration.ofSeconds(30))) {
            SimulatedPhone phone = smsc.phone("6281311112222");
            phone.dial("*777#");
            assertEquals("Masukkan NIK (16 angka):", phone.send("1").text());

            stopRedis();
            SimulatedPhone.Screen busy = phone.send("6203014107850002");
            assertTrue(busy.end(), "a dialogue that cannot be kept is ended, not left hanging");
            assertEquals("Maaf, layanan sedang sibuk. Silakan coba lagi sebentar lagi.", busy.text());

            startRedis();
            Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                    assertTrue(phone.dial("*777#").text().startsWith("Kartu Huma Betang Sejahtera\n1 Cek status bantuan")));
            phone.send("1");
            assertTrue(phone.send("6203014107850002").text().startsWith("Status 6203********0002"),
                    "normal service once Redis is back");
        }
    }
}
