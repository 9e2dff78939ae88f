package id.betang.gateway.session;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestClassOrder;

import id.betang.gateway.limits.RateLimitsIT;
import id.betang.gateway.testing.RedisSentinels;
import id.betang.gateway.testing.TestStorage;

/**
 * Redis through Sentinel, of the test's own (a primary, two replicas, three sentinels): sessions and the limits'
 * script on the primary the sentinels name; then the primary is killed, a replica promoted, the gateway goes on.
 */
@TestClassOrder(ClassOrderer.OrderAnnotation.class)
class RedisSentinelIT {

    static RedisSentinels sentinels;

    @BeforeAll
    static void start() throws Exception {
        sentinels = RedisSentinels.start("sentinel");
        TestStorage.useRedis(sentinels.url());
    }

    @AfterAll
    static void stop() {
        TestStorage.useRedis(null);
        if (sentinels != null) {
            sentinels.close();
        }
    }

    @Nested
    @Order(1)
    class Sessions extends SessionStoreIT {
    }

    @Nested
    @Order(1)
    class Limits extends RateLimitsIT {
    }

    @Nested
    @Order(2)
    class ThePrimaryKilled {

        @Test
        void aReplicaIsPromotedAndTheGatewayGoesOn() throws Exception {
            PrimaryKilled.check("sentinel-failover", key -> sentinels.primary());
        }
    }
}
