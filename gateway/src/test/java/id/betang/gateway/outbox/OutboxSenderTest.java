package id.betang.gateway.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import id.betang.gateway.config.ConfigLoader;
import id.betang.gateway.config.GatewayConfig;

/** How much the sender claims ahead, and how long it waits before trying an SMS again. */
class OutboxSenderTest {

    private static GatewayConfig config(String tps, String batch, String leaseSeconds) {
        return ConfigLoader.load(null, Map.ofEntries(Map.entry("BETANG_NIK_HASH_KEY", "ccb5bea57236ff50ab65f194"),
                Map.entry("BETANG_SMPP_SYSTEM_ID", "betang"),
                Map.entry("BETANG_REGISTRY_URL", "http://127.0.0.1:8089/api/v1"),
                Map.entry("BETANG_REGISTRY_TOKEN", "22bbc28c8e14074afba9f14a"),
                Map.entry("BETANG_WEBHOOK_SECRET", "c5336efc9d85c06e1c84928c"),
                Map.entry("BETANG_API_TOKEN", "7c80883fb452ee4ca626ac80"),
                Map.entry("BETANG_MYSQL_URL", "jdbc:mysql://127.0.0.1:3306/x"),
                Map.entry("BETANG_REDIS_URL", "redis://127.0.0.1:6379/0"),
                Map.entry("BETANG_SMPP_TPS", tps),
                Map.entry("BETANG_OUTBOX_BATCH", batch),
                Map.entry("BETANG_OUTBOX_LEASE_SECONDS", leaseSeconds)));
    }

    @Test
    void withoutATpsCapAWholeBatchIsClaimedAhead() {
        GatewayConfig c = config("0", "200", "60");
        assertEquals(200, OutboxSender.claimAhead(1, c.smpp(), c.outbox()));
    }

    @Test
    void aSlowTpsCapKeepsClaimsWithinAQuarterOfTheLease() {
        // 5 SMS/s on one bind, lease 60 s: a quarter of the lease sends 75, so no more wait in memory
        GatewayConfig c = config("5", "200", "60");
        assertEquals(75, OutboxSender.claimAhead(1, c.smpp(), c.outbox()));
        assertEquals(150, OutboxSender.claimAhead(2, c.smpp(), c.outbox()), "two transmitters send twice as many");
    }

    @Test
    void retriesBackOffExponentiallyWithJitterUpToFiveMinutes() {
        for (int attempts = 0; attempts < 30; attempts++) {
            long ceiling = Math.min(300_000, 1000L << Math.min(attempts, 20));
            Duration d = OutboxSender.retryDelay(attempts);
            assertTrue(d.toMillis() >= ceiling / 2 && d.toMillis() <= ceiling, attempts + " attempts: " + d);
        }
    }
}
