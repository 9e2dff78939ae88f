package id.betang.simulator.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestClassOrder;

import id.betang.gateway.testing.RedisCluster;
import id.betang.gateway.testing.RedisServer;
import id.betang.gateway.testing.TestStorage;
import id.betang.simulator.smsc.SimulatedPhone;
import id.betang.simulator.smsc.SmscSimulator;

/**
 * The gateway jar on a Redis Cluster of the test's own (3 masters, 3 replicas): every dialogue of
 * {@link UssdDialoguesIT} (lookups, codes, limits, complaints, last answers), then a master killed in the middle
 * of a dialogue, which goes on once the gateway has found the promoted replica.
 */
@TestClassOrder(ClassOrderer.OrderAnnotation.class)
class RedisClusterDialoguesIT {

    static RedisCluster cluster;

    @BeforeAll
    static void start() throws Exception {
        cluster = RedisCluster.start("dialogues-cluster");
        TestStorage.useRedis(cluster.url());
    }

    @AfterAll
    static void stop() {
        TestStorage.useRedis(null);
        if (cluster != null) {
            cluster.close();
        }
    }

    @Nested
    @Order(1)
    class Dialogues extends UssdDialoguesIT {
    }

    @Nested
    @Order(2)
    class AMasterKilled {

        @Test
        void theDialogueGoesOnFromThePromotedReplica() throws Exception {
            String mysqlUrl = TestStorage.freshDatabase("clusterfailover");
            String prefix = TestStorage.freshRedisPrefix("clusterfailover");
            try (SmscSimulator smsc = new SmscSimulator(SmscSimulator.Options.defaults(GatewayProcess.freePort())).start();
                 GatewayProcess gateway = GatewayProcess.start("clusterfailover",
                         GatewayProcess.env(smsc.port(), mysqlUrl, cluster.url(), prefix)).awaitReady(Duration.ofSeconds(90))) {
                SimulatedPhone phone = smsc.phone("6281234500071");
                SimulatedPhone.Screen menu = phone.dial("*777#");
                String session = prefix + "ussd:session:6281234500071:" + menu.pdu().sessionNumber();
                RedisServer victim = cluster.masterOf(session);
                await("the replica has the dialogue").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                        .until(() -> victim.replicasCaughtUp(1));
                victim.kill();

                await("the cluster promoted the replica").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
                        .ignoreExceptions().until(() -> cluster.masterOf(session).port() != victim.port());
                await("the gateway is ready again (its slot map refreshed)").atMost(Duration.ofSeconds(120))
                        .pollInterval(Duration.ofMillis(500)).until(() -> gateway.get("/ready").statusCode() == 200);
                assertEquals("Masukkan NIK (16 angka):", phone.send("1").text(), "the same dialogue, one step on");
                assertNotEquals(victim.port(), cluster.masterOf(session).port());
                assertEquals(FirstDialIT.mainMenuFromTheMenusModule(), smsc.phone("6281234500072").dial("*777#").text(),
                        "and new ones begin");
            } finally {
                TestStorage.dropDatabase(mysqlUrl);
            }
        }
    }
}
