package id.betang.simulator.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.time.Duration;

import id.betang.gateway.testing.RedisServer;
import id.betang.gateway.testing.TestStorage;
import id.betang.simulator.smsc.SimulatedPhone;
import id.betang.simulator.smsc.SmscSimulator;

/**
 * The gateway jar on a distributed Redis loses the primary that holds a dialogue ({@code kill -9}, once its
 * replica has it): when the engine has promoted the replica and the gateway is ready again, the same dialogue
 * takes its next step and new ones begin.
 */
final class PrimaryKilledMidDialogue {

    /** Where a key lives now (a cluster's master of its slot, Sentinel's primary). */
    interface Primaries {
        RedisServer of(String key) throws Exception;
    }

    private PrimaryKilledMidDialogue() {
    }

    static void check(String name, String redisUrl, Primaries primaries) throws Exception {
        String mysqlUrl = TestStorage.freshDatabase(name);
        String prefix = TestStorage.freshRedisPrefix(name);
        try (SmscSimulator smsc = new SmscSimulator(SmscSimulator.Options.defaults(GatewayProcess.freePort())).start();
             GatewayProcess gateway = GatewayProcess.start(name, GatewayProcess.env(smsc.port(), mysqlUrl, redisUrl, prefix))
                     .awaitReady(Duration.ofSeconds(90))) {
            SimulatedPhone phone = smsc.phone("6281234500071");
            SimulatedPhone.Screen menu = phone.dial("*777#");
            String session = prefix + "ussd:session:6281234500071:" + menu.pdu().sessionNumber();
            RedisServer victim = primaries.of(session);
            await("the replica has the dialogue").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                    .until(() -> victim.replicasCaughtUp(1));
            victim.kill();

            await("a replica promoted").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
                    .ignoreExceptions().until(() -> primaries.of(session).port() != victim.port());
            await("the gateway is ready again").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
                    .until(() -> gateway.get("/ready").statusCode() == 200);
            assertEquals("Masukkan NIK (16 angka):", phone.send("1").text(), "the same dialogue, one step on");
            assertNotEquals(victim.port(), primaries.of(session).port());
            assertEquals(FirstDialIT.mainMenuFromTheMenusModule(), smsc.phone("6281234500072").dial("*777#").text(),
                    "and new ones begin");
        } finally {
            TestStorage.dropDatabase(mysqlUrl);
        }
    }
}
