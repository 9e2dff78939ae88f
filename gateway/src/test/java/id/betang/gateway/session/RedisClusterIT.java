package id.betang.gateway.session;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestClassOrder;

import id.betang.gateway.identity.NikGuardIT;
import id.betang.gateway.identity.OneTimeCodesIT;
import id.betang.gateway.limits.RateLimitsIT;
import id.betang.gateway.registry.LastAnswersIT;
import id.betang.gateway.smpp.DuplicatesIT;
import id.betang.gateway.testing.RedisCluster;
import id.betang.gateway.testing.TestStorage;

/**
 * The Redis-using ITs again, on a Redis Cluster of the test's own (3 masters, 3 replicas): every script and
 * command finds its keys in one slot (no CROSSSLOT); then a master is killed and the gateway goes on.
 */
@TestClassOrder(ClassOrderer.OrderAnnotation.class)
class RedisClusterIT {

    static RedisCluster cluster;

    @BeforeAll
    static void start() throws Exception {
        cluster = RedisCluster.start("cluster");
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
    class Sessions extends SessionStoreIT {
    }

    @Nested
    @Order(1)
    class Redeliveries extends DuplicatesIT {
    }

    @Nested
    @Order(1)
    class Limits extends RateLimitsIT {
    }

    @Nested
    @Order(1)
    class Codes extends OneTimeCodesIT {
    }

    @Nested
    @Order(1)
    class IdentityRules extends NikGuardIT {
    }

    @Nested
    @Order(1)
    class RegistryAnswers extends LastAnswersIT {
    }

    @Nested
    @Order(2)
    class AMasterKilled {

        @Test
        void itsReplicaTakesOverAndTheGatewayGoesOn() throws Exception {
            PrimaryKilled.check("cluster-failover", cluster::masterOf);
        }
    }
}
