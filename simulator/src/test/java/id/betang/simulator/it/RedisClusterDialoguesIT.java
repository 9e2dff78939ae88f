package id.betang.simulator.it;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestClassOrder;

import id.betang.gateway.testing.RedisCluster;
import id.betang.gateway.testing.TestStorage;

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
            PrimaryKilledMidDialogue.check("clusterfailover", cluster.url(), cluster::masterOf);
        }
    }
}
