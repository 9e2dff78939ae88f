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
    void guessableSecretsAreRefusedOneLineEach() throws Exception {
        Map<String, String> env = validEnv();
        env.put("BETANG_API_TOKEN", "changeme-changeme");
        env.put("BETANG_WEBHOOK_SECRET", env.get("BETANG_NIK_HASH_KEY"));
        env.put("BETANG_REGISTRY_TOKEN", "short-token");
        env.put("BETANG_SMPP_PASSWORD", "password");
        try (GatewayProcess gateway = GatewayProcess.start("bad-secrets", env)) {
            assertEquals(2, gateway.awaitExit(Duration.ofSeconds(30)));
            assertEquals(String.join("\n",
                    "betang-gateway: config error: smpp.password (BETANG_SMPP_PASSWORD): is a placeholder (contains "
                            + "'password'), refused as guessable; use the password the telco issued",
                    "betang-gateway: config error: registry.token (BETANG_REGISTRY_TOKEN): must be at least 16 "
                            + "characters long (it guards an API); make one with: openssl rand -hex 24",
                    "betang-gateway: config error: api.token (BETANG_API_TOKEN): is a placeholder (contains "
                            + "'changeme'), refused as guessable; make one with: openssl rand -hex 24",
                    "betang-gateway: config error: identity.nik_hash_key (BETANG_NIK_HASH_KEY): must differ from "
                            + "webhook.secret (BETANG_WEBHOOK_SECRET) (each secret guards one thing); make one with: "
                            + "openssl rand -hex 24"),
                    gateway.output().strip());
            assertTrue(!gateway.output().contains(GatewayProcess.NIK_HASH_KEY), "a refusal never shows a secret");
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
