package id.betang.simulator.it;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import id.betang.gateway.testing.RedisSentinels;

/**
 * The gateway jar on Redis through Sentinel of the test's own (a primary, two replicas, three sentinels): the
 * primary killed mid-dialogue, a replica promoted, the dialogue goes on.
 */
class RedisSentinelDialoguesIT {

    static RedisSentinels sentinels;

    @BeforeAll
    static void start() throws Exception {
        sentinels = RedisSentinels.start("dialogues-sentinel");
    }

    @AfterAll
    static void stop() {
        if (sentinels != null) {
            sentinels.close();
        }
    }

    @Test
    void theDialogueGoesOnFromThePromotedReplica() throws Exception {
        PrimaryKilledMidDialogue.check("sentinelfailover", sentinels.url(), key -> sentinels.primary());
    }
}
