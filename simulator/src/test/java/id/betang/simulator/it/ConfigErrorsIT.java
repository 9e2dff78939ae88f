package id.betang.simulator.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** Operators get one clear line per problem and a non-zero exit from the real jar. */
class ConfigErrorsIT {

    static Map<String, String> validEnv() {
        return GatewayProcess.env(2775, "jdbc:mysql://127.0.0.1:3306/unused", "redis://127.0.0.1:6379/0", "cfg:");
    }

    @Test
    void aPortThatIsNotANumber() throws Exception {
        Map<String, String> env = validEnv();
        env.put("BETANG_SMPP_PORT", "abc");
        try (GatewayProcess gateway = GatewayProcess.start("bad-port", env)) {
            assertEquals(2, gateway.awaitExit(Duration.ofSeconds(30)));
            assertEquals("betang-gateway: config error: smpp.port (BETANG_SMPP_PORT): must be a port number "
                    + "from 0 to 65535, got 'abc'", gateway.output().strip());
        }
    }

    @Test
    void aMissingRegistryUrl() throws Exception {
        Map<String, String> env = validEnv();
        env.remove("BETANG_REGISTRY_URL");
        try (GatewayProcess gateway = GatewayProcess.start("no-registry", env)) {
            assertEquals(2, gateway.awaitExit(Duration.ofSeconds(30)));
            assertEquals("betang-gateway: config error: registry.url (BETANG_REGISTRY_URL): is required but not set",
                    gateway.output().strip());
        }
    }

    @Test
    void anUnreachableDatabaseStopsStartUpWithTheReason() throws Exception {
        Map<String, String> env = validEnv();
        env.put("BETANG_MYSQL_URL", "jdbc:mysql://127.0.0.1:" + GatewayProcess.freePort() + "/betang");
        try (GatewayProcess gateway = GatewayProcess.start("no-db", env)) {
            assertEquals(1, gateway.awaitExit(Duration.ofSeconds(60)));
            assertTrue(gateway.output().contains("betang-gateway: cannot start:"), gateway.output());
        }
    }
}
