package id.betang.simulator.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;


import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import id.betang.gateway.testing.TestStorage;
import id.betang.menus.Engine;
import id.betang.menus.MenuLoader;
import id.betang.menus.Screen;
import id.betang.menus.ScreenLimits;
import id.betang.menus.Step;
import id.betang.simulator.smsc.SimulatedPhone;
import id.betang.simulator.smsc.SmscSimulator;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;

/**
 * The whole path once, for real: the gateway jar binds to the simulator SMSC over TCP, a phone dials
 * *777#, the main menu comes back as submit_sm with the USSD TLVs, the session sits in Redis with its
 * TTL, and the schema is in MariaDB.
 */
class FirstDialIT {

    static SmscSimulator smsc;
    static GatewayProcess gateway;
    static String mysqlUrl;
    static String prefix = TestStorage.freshRedisPrefix("firstdial");
    static RedisClient redisClient;
    static StatefulRedisConnection<String, String> redis;

    @BeforeAll
    static void startEverything() throws Exception {
        smsc = new SmscSimulator(SmscSimulator.Options.defaults(GatewayProcess.freePort())).start();
        mysqlUrl = TestStorage.freshDatabase("firstdial");
        gateway = GatewayProcess.start("firstdial", GatewayProcess.env(smsc.port(), mysqlUrl, TestStorage.redisUrl(), prefix))
                .awaitReady(Duration.ofSeconds(60));
        redisClient = RedisClient.create(TestStorage.redisUrl());
        redis = redisClient.connect();
    }

    @AfterAll
    static void stopEverything() throws Exception {
        if (gateway != null) {
            gateway.close();
        }
        if (smsc != null) {
            smsc.close();
        }
        if (redis != null) {
            redis.close();
            redisClient.shutdown();
        }
        TestStorage.dropDatabase(mysqlUrl);
    }

    static String mainMenuFromTheMenusModule() {
        Engine engine = new Engine(new MenuLoader().loadResource("/menus/kartu-huma-betang.yaml"), ScreenLimits.DEFAULT);
        return ((Step.Reply) engine.begin(Screen.Audience.RESIDENT, "id", List.of())).text();
    }

    @Test
    void dialShowsTheMainMenuAndKeepsTheSessionInRedis() throws Exception {
        SimulatedPhone phone = smsc.phone("6281234567890");
        SimulatedPhone.Screen screen = phone.dial("*777#");

        assertEquals(mainMenuFromTheMenusModule(), screen.text());
        assertTrue(screen.text().startsWith("Kartu Huma Betang Sejahtera\n1 Cek status bantuan"), screen.text());
        assertFalse(screen.end());
        assertEquals(2, screen.pdu().ussdServiceOp().getAsInt(), "USSR request");
        assertEquals(1, screen.pdu().sequence(), "sequence follows the MO's 0");
        assertEquals("USSD", screen.pdu().serviceType());
        assertEquals("*777#", screen.pdu().source());

        String key = prefix + "ussd:session:6281234567890:" + screen.pdu().sessionNumber();
        long ttl = redis.sync().pttl(key);
        assertTrue(ttl > 170_000 && ttl <= 180_000, "session TTL in ms: " + ttl);

        SimulatedPhone.Screen next = phone.send("1");
        assertEquals("Masukkan NIK (16 angka):", next.text());
        assertEquals(3, next.pdu().sequence(), "dial 0, menu 1, answer 2, this screen 3");

        SimulatedPhone.Screen home = phone.send("00");
        assertEquals(mainMenuFromTheMenusModule(), home.text());
        SimulatedPhone.Screen bye = phone.send("0");
        assertTrue(bye.end());
        assertEquals(17, bye.pdu().ussdServiceOp().getAsInt(), "PSSR response ends the dialogue");
        assertEquals("Terima kasih. Sampai jumpa.", bye.text());
        assertEquals(0L, redis.sync().exists(key), "an ended dialogue leaves no session behind");
    }

    @Test
    void shortcutDialJumpsStraightToTheScreen() throws Exception {
        SimulatedPhone.Screen screen = smsc.phone("6281298765432").dial("*777*5#");
        assertEquals("Masukkan nomor tiket (contoh HB7K3Q9Q):", screen.text());
    }

    @Test
    void schemaIsMigratedAtStartUp() throws Exception {
        try (Connection c = TestStorage.connect(mysqlUrl);
             ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM flyway_schema_history WHERE success")) {
            rs.next();
            assertTrue(rs.getInt(1) >= 1);
        }
    }

    @Test
    void opsEndpointsAnswer() throws Exception {
        assertEquals(200, gateway.get("/health").statusCode());
        var ready = gateway.get("/ready", GatewayProcess.API_TOKEN);
        assertEquals(200, ready.statusCode());
        assertTrue(ready.body().contains("\"redis\" : \"up\"") && ready.body().contains("\"mysql\" : \"up\"")
                && ready.body().contains("\"betang#1\" : \"bound\""), ready.body());
        smsc.phone("6281211112222").dial("*777#");
        var metrics = gateway.get("/metrics");
        assertEquals(200, metrics.statusCode());
        assertTrue(metrics.body().contains("betang_inbound_step_seconds_count{channel=\"ussd-smpp\""), metrics.body());
        assertTrue(metrics.body().contains("jvm_memory_used_bytes"));
    }

    @Test
    void logsMaskTheMsisdn() throws Exception {
        smsc.phone("6281233334444").dial("*777#");
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30))
                .until(() -> gateway.output().contains("msisdn=62812*****444"));
        assertFalse(gateway.output().contains("6281233334444"), "full MSISDN in the log");
    }
}
