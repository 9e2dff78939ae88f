package id.betang.gateway.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import id.betang.gateway.smpp.MessageIds;

class ConfigLoaderTest {

    static Map<String, String> minimalEnv() {
        Map<String, String> env = new HashMap<>();
        env.put("BETANG_SMPP_SYSTEM_ID", "betang");
        env.put("BETANG_REGISTRY_URL", "http://127.0.0.1:8089/api/v1");
        env.put("BETANG_REGISTRY_TOKEN", "a07d44a3e08b1eb24eaa73f2");
        env.put("BETANG_WEBHOOK_SECRET", "8099cc53f51d381b837c1baf");
        env.put("BETANG_NIK_HASH_KEY", "e8ec4c820ef2b843228de855");
        env.put("BETANG_API_TOKEN", "47cc1a233ebd148e675672df");
        env.put("BETANG_MYSQL_URL", "jdbc:mysql://127.0.0.1:3306/betang");
        env.put("BETANG_REDIS_URL", "redis://127.0.0.1:6379/0");
        return env;
    }

    @Test
    void defaultsFromTheContract() {
        GatewayConfig c = ConfigLoader.load(null, minimalEnv());
        assertEquals(8080, c.http().port());
        assertEquals(1000, c.http().maxConnections());
        assertEquals(Duration.ofSeconds(30), c.http().idleTimeout());
        assertEquals("127.0.0.1", c.smpp().host());
        assertEquals(2775, c.smpp().port());
        assertEquals(1, c.smpp().binds());
        assertEquals(50, c.smpp().tps());
        assertEquals("*777#", c.ussd().serviceCode());
        assertEquals("7777", c.ussd().shortCode());
        assertEquals(Duration.ofSeconds(180), c.ussd().sessionTtl());
        assertEquals(Duration.ofSeconds(2), c.ussd().stepBudget());
        assertEquals("default", c.smpp().profile());
    }

    @Test
    void everyContractVariableIsHonoured() {
        Map<String, String> env = minimalEnv();
        env.put("BETANG_HTTP_PORT", "9090");
        env.put("BETANG_HTTP_MAX_CONNECTIONS", "250");
        env.put("BETANG_HTTP_IDLE_SECONDS", "15");
        env.put("BETANG_SMPP_HOST", "10.1.2.3");
        env.put("BETANG_SMPP_PORT", "3775");
        env.put("BETANG_SMPP_PASSWORD", "Ohd27tH1");
        env.put("BETANG_SMPP_BINDS", "3");
        env.put("BETANG_SMPP_TPS", "20");
        env.put("BETANG_USSD_CODE", "*123#");
        env.put("BETANG_SHORT_CODE", "1234");
        env.put("BETANG_MYSQL_USER", "gw");
        env.put("BETANG_MYSQL_PASSWORD", "dbpw");
        GatewayConfig c = ConfigLoader.load(null, env);
        assertEquals(9090, c.http().port());
        assertEquals(250, c.http().maxConnections());
        assertEquals(Duration.ofSeconds(15), c.http().idleTimeout());
        assertEquals("10.1.2.3", c.smpp().host());
        assertEquals(3775, c.smpp().port());
        assertEquals("betang", c.smpp().systemId());
        assertEquals("Ohd27tH1", c.smpp().password());
        assertEquals(3, c.smpp().binds());
        assertEquals(20, c.smpp().tps());
        assertEquals("*123#", c.ussd().serviceCode());
        assertEquals("1234", c.ussd().shortCode());
        assertEquals("http://127.0.0.1:8089/api/v1", c.registry().url().toString());
        assertEquals("a07d44a3e08b1eb24eaa73f2", c.registry().token());
        assertEquals("8099cc53f51d381b837c1baf", c.security().webhookSecret());
        assertEquals("47cc1a233ebd148e675672df", c.security().apiToken());
        assertEquals("jdbc:mysql://127.0.0.1:3306/betang", c.mysql().url());
        assertEquals("gw", c.mysql().user());
        assertEquals("dbpw", c.mysql().password());
        assertEquals("redis://127.0.0.1:6379/0", c.redis().url().toString());
    }

    @Test
    void fileOverridesDefaultsAndEnvironmentOverridesFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("betang.yaml");
        Files.writeString(file, "smpp:\n  port: 2800\n  binds: 2\nussd:\n  service_code: \"*888#\"\n");
        Map<String, String> env = minimalEnv();
        env.put("BETANG_SMPP_BINDS", "4");
        GatewayConfig c = ConfigLoader.load(file, env);
        assertEquals(2800, c.smpp().port());
        assertEquals(4, c.smpp().binds());
        assertEquals("*888#", c.ussd().serviceCode());
    }

    @Test
    void theShippedSampleFileStartsOnlyOnceItsPlaceholderSecretsAreReplaced() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> ConfigLoader.load(Path.of("betang.sample.yaml"), Map.of()));
        assertEquals(java.util.List.of(
                "smpp.password (BETANG_SMPP_PASSWORD): is a placeholder (contains 'replace'), refused as guessable; "
                        + "use the password the telco issued",
                "registry.token (BETANG_REGISTRY_TOKEN): is a placeholder (contains 'replace'), refused as guessable; "
                        + "make one with: openssl rand -hex 24",
                "identity.nik_hash_key (BETANG_NIK_HASH_KEY): is a placeholder (contains 'replace'), refused as "
                        + "guessable; make one with: openssl rand -hex 24",
                "webhook.secret (BETANG_WEBHOOK_SECRET): is a placeholder (contains 'replace'), refused as guessable; "
                        + "make one with: openssl rand -hex 24",
                "api.token (BETANG_API_TOKEN): is a placeholder (contains 'replace'), refused as guessable; "
                        + "make one with: openssl rand -hex 24"), e.problems());

        Map<String, String> env = new HashMap<>(minimalEnv());
        env.put("BETANG_SMPP_PASSWORD", "Ohd27tH1");
        GatewayConfig c = ConfigLoader.load(Path.of("betang.sample.yaml"), env);
        assertEquals("betang", c.smpp().systemId());
    }

    /** Each refusal for {@code value} as BETANG_API_TOKEN, everything else being in order. */
    private static java.util.List<String> refusalsOfApiToken(String value) {
        Map<String, String> env = minimalEnv();
        env.put("BETANG_API_TOKEN", value);
        return assertThrows(ConfigException.class, () -> ConfigLoader.load(null, env)).problems();
    }

    @Test
    void theLogFormatIsTextOrJsonAndNothingElse() {
        Map<String, String> env = minimalEnv();
        env.put("BETANG_LOG_FORMAT", "json");
        ConfigLoader.load(null, env);
        env.put("BETANG_LOG_FORMAT", "logfmt");
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(null, env));
        assertEquals(java.util.List.of("BETANG_LOG_FORMAT: must be one of [json, text], got 'logfmt'"), e.problems());
    }

    @Test
    void aShortSecretIsRefused() {
        assertEquals(java.util.List.of("api.token (BETANG_API_TOKEN): must be at least 16 characters long (it guards "
                + "an API); make one with: openssl rand -hex 24"), refusalsOfApiToken("c5336efc9d85c0"));
    }

    @Test
    void aPlaceholderSecretIsRefused() {
        for (String placeholder : java.util.List.of("changeme-changeme-1", "my-super-secret-token", "Password1234567890",
                "test-api-token-0123456789", "put-the-token-here-please-x", "at-least-sixteen-characters",
                "REPLACE-ME-api-token")) {
            java.util.List<String> refusals = refusalsOfApiToken(placeholder);
            assertEquals(1, refusals.size(), placeholder + ": " + refusals);
            assertTrue(refusals.get(0).startsWith("api.token (BETANG_API_TOKEN): is a placeholder (contains '"),
                    placeholder + ": " + refusals);
        }
    }

    @Test
    void aRepeatedCharacterOrARunOfKeysIsRefused() {
        assertEquals(java.util.List.of("api.token (BETANG_API_TOKEN): is one character repeated, refused as "
                + "guessable; make one with: openssl rand -hex 24"), refusalsOfApiToken("xxxxxxxxxxxxxxxxxxxx"));
        for (String run : java.util.List.of("0123456789abcdef", "abcdefghijklmnopq", "qwertyuiopasdfghjkl",
                "ZYXWVUTSRQPONMLKJ")) {
            assertEquals(java.util.List.of("api.token (BETANG_API_TOKEN): is a run of consecutive keys or characters, "
                    + "refused as guessable; make one with: openssl rand -hex 24"), refusalsOfApiToken(run), run);
        }
    }

    @Test
    void oneSecretUsedTwiceIsRefusedNamingBoth() {
        Map<String, String> env = minimalEnv();
        env.put("BETANG_WEBHOOK_SECRET", env.get("BETANG_API_TOKEN"));
        env.put("BETANG_REGISTRY_TOKEN", env.get("BETANG_NIK_HASH_KEY"));
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(null, env));
        assertEquals(java.util.List.of(
                "webhook.secret (BETANG_WEBHOOK_SECRET): must differ from api.token (BETANG_API_TOKEN) (each secret "
                        + "guards one thing); make one with: openssl rand -hex 24",
                "registry.token (BETANG_REGISTRY_TOKEN): must differ from identity.nik_hash_key (BETANG_NIK_HASH_KEY) "
                        + "(each secret guards one thing); make one with: openssl rand -hex 24"), e.problems());
    }

    @Test
    void theRegistryTokenFollowsTheSameRules() {
        Map<String, String> env = minimalEnv();
        env.put("BETANG_REGISTRY_TOKEN", "registry-token");
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(null, env));
        assertEquals(java.util.List.of("registry.token (BETANG_REGISTRY_TOKEN): must be at least 16 characters long "
                + "(it guards an API); make one with: openssl rand -hex 24"), e.problems());
    }

    @Test
    void anSmppPasswordMayBeShortButNotAPlaceholder() {
        Map<String, String> env = minimalEnv();
        env.put("BETANG_SMPP_PASSWORD", "Ohd27tH1");
        assertEquals("Ohd27tH1", ConfigLoader.load(null, env).smpp().password());
        env.remove("BETANG_SMPP_PASSWORD");
        assertEquals("", ConfigLoader.load(null, env).smpp().password(), "an SMSC without passwords");
        for (String weak : java.util.List.of("changeme", "secret12", "password", "test", "aaaaaaaa", "12345678")) {
            env.put("BETANG_SMPP_PASSWORD", weak);
            java.util.List<String> refusals = assertThrows(ConfigException.class,
                    () -> ConfigLoader.load(null, env)).problems();
            assertEquals(1, refusals.size(), weak + ": " + refusals);
            assertTrue(refusals.get(0).startsWith("smpp.password (BETANG_SMPP_PASSWORD): is "), refusals.get(0));
            assertTrue(refusals.get(0).endsWith("refused as guessable; use the password the telco issued"), refusals.get(0));
        }
    }

    @Test
    void aRefusalNeverEchoesTheSecret() {
        String all = String.join("\n", refusalsOfApiToken("my-super-secret-token"));
        assertFalse(all.contains("my-super-secret-token"), all);
    }

    @Test
    void smppLinkAndOutboxSettingsHaveSafeDefaults() {
        GatewayConfig c = ConfigLoader.load(null, minimalEnv());
        assertEquals("transceiver", c.smpp().bindType());
        assertFalse(c.smpp().pairedBinds());
        assertEquals(10, c.smpp().window());
        assertFalse(c.smpp().tls());
        assertEquals(new GatewayConfig.Addressing((byte) 0, (byte) 0, (byte) 1, (byte) 1), c.smpp().addressing());
        assertEquals(MessageIds.Format.TEXT, MessageIds.Format.parse(c.smpp().receiptIdFormat()));
        assertEquals(Duration.ofSeconds(60), c.smpp().duplicateWindow());
        assertEquals(java.util.Set.of(), c.smpp().abortServiceOps());
        assertEquals(200, c.outbox().batch());
        assertEquals(Duration.ofSeconds(15), c.outbox().lease());
        assertEquals(Duration.ofHours(24), c.outbox().validity());
    }

    @Test
    void smppLinkAndOutboxSettingsAreHonoured() {
        Map<String, String> env = minimalEnv();
        env.put("BETANG_SMPP_BIND_TYPE", "transmitter+receiver");
        env.put("BETANG_SMPP_WINDOW", "25");
        env.put("BETANG_SMPP_ADDRESS_RANGE", "^7777");
        env.put("BETANG_SMPP_TLS", "true");
        env.put("BETANG_SMPP_SOURCE_TON", "3");
        env.put("BETANG_SMPP_DEST_NPI", "0");
        env.put("BETANG_SMPP_MESSAGE_ID_FORMAT", "hex");
        env.put("BETANG_SMPP_RECEIPT_ID_FORMAT", "decimal");
        env.put("BETANG_SMPP_TPS", "0");
        env.put("BETANG_SMPP_ABORT_SERVICE_OPS", "33, 0x22");
        env.put("BETANG_OUTBOX_LEASE_SECONDS", "30");
        env.put("BETANG_OUTBOX_VALIDITY_HOURS", "6");
        GatewayConfig c = ConfigLoader.load(null, env);
        assertTrue(c.smpp().pairedBinds());
        assertEquals(25, c.smpp().window());
        assertEquals("^7777", c.smpp().addressRange());
        assertTrue(c.smpp().tls());
        assertEquals(3, c.smpp().addressing().sourceTon());
        assertEquals(0, c.smpp().addressing().destNpi());
        assertEquals(MessageIds.Format.HEX, MessageIds.Format.parse(c.smpp().messageIdFormat()));
        assertEquals(MessageIds.Format.DECIMAL, MessageIds.Format.parse(c.smpp().receiptIdFormat()));
        assertEquals(0, c.smpp().tps(), "0 switches the cap off");
        assertEquals(java.util.Set.of(33, 34), c.smpp().abortServiceOps());
        assertEquals(Duration.ofSeconds(30), c.outbox().lease());
        assertEquals(Duration.ofHours(6), c.outbox().validity());
    }

    @Test
    void personalDataIsKeptThirtyDaysUnlessConfigured() {
        assertEquals(Duration.ofDays(30), ConfigLoader.load(null, minimalEnv()).outbox().retention());
        Map<String, String> env = minimalEnv();
        env.put("BETANG_RETENTION_DAYS", "90");
        assertEquals(Duration.ofDays(90), ConfigLoader.load(null, env).outbox().retention());
        env.put("BETANG_RETENTION_DAYS", "3");
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(null, env));
        assertTrue(e.getMessage().contains("retention.days (BETANG_RETENTION_DAYS)"), e.getMessage());
    }

    @Test
    void badSmppLinkSettingsAreNamed() {
        Map<String, String> env = minimalEnv();
        env.put("BETANG_SMPP_BIND_TYPE", "receiver");
        env.put("BETANG_SMPP_TLS", "yes");
        env.put("BETANG_SMPP_RECEIPT_ID_FORMAT", "base64");
        env.put("BETANG_SMPP_WINDOW", "0");
        env.put("BETANG_SMPP_ABORT_SERVICE_OPS", "33,end");
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(null, env));
        assertEquals(java.util.List.of(
                "smpp.abort_service_ops (BETANG_SMPP_ABORT_SERVICE_OPS): must be ussd_service_op values 0-255 separated by commas, got '33,end'",
                "smpp.bind_type (BETANG_SMPP_BIND_TYPE): must be one of [transceiver, transmitter+receiver], got 'receiver'",
                "smpp.window (BETANG_SMPP_WINDOW): must be a whole number from 1 to 1000, got '0'",
                "smpp.tls (BETANG_SMPP_TLS): must be true or false, got 'yes'",
                "smpp.receipt_id_format (BETANG_SMPP_RECEIPT_ID_FORMAT): must be text, hex or decimal, got 'base64'"),
                e.problems());
    }

    @Test
    void aBadPortNamesTheKeyAndTheValue() {
        Map<String, String> env = minimalEnv();
        env.put("BETANG_SMPP_PORT", "abc");
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(null, env));
        assertEquals(java.util.List.of("smpp.port (BETANG_SMPP_PORT): must be a port number from 0 to 65535, got 'abc'"),
                e.problems());
    }

    @Test
    void smppBindFieldsRespectTheProtocolLimits() {
        Map<String, String> env = minimalEnv();
        env.put("BETANG_SMPP_PASSWORD", "ninechars");
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(null, env));
        assertEquals(java.util.List.of("smpp.password (BETANG_SMPP_PASSWORD): SMPP allows at most 8 characters, got 9"),
                e.problems());
    }

    @Test
    void everyProblemIsReportedAtOnce(@TempDir Path dir) throws Exception {
        Map<String, String> env = minimalEnv();
        env.remove("BETANG_REGISTRY_URL");
        env.put("BETANG_WEBHOOK_SECRET", "short");
        env.put("BETANG_REDIS_URL", "http://x");
        env.put("BETANG_SMPP_PROFILE", "nokia");
        Path file = dir.resolve("c.yaml");
        Files.writeString(file, "smpp:\n  prot: 1\n");
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(file, env));
        String all = String.join("\n", e.problems());
        assertTrue(all.contains("registry.url (BETANG_REGISTRY_URL): is required but not set"), all);
        assertTrue(all.contains("webhook.secret (BETANG_WEBHOOK_SECRET): must be at least 16 characters"), all);
        assertTrue(all.contains("redis.url (BETANG_REDIS_URL): must be a URL starting with redis:// or rediss://"), all);
        assertTrue(all.contains("smpp.profile (BETANG_SMPP_PROFILE): must be one of [default, session-tlv]"), all);
        assertTrue(all.contains("unknown key 'smpp.prot'"), all);
        assertEquals(5, e.problems().size(), all);
    }

    @Test
    void reminderHoursAreADaytimeWindow() {
        Map<String, String> env = minimalEnv();
        GatewayConfig c = ConfigLoader.load(null, env);
        assertEquals(7, c.reminders().fromHour());
        assertEquals(20, c.reminders().untilHour());
        assertEquals(java.time.Duration.ofHours(1), c.reminders().every());
        env.put("BETANG_REMINDER_HOURS", "20-7");
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(null, env));
        assertEquals(java.util.List.of("reminders.hours (BETANG_REMINDER_HOURS): hours as from-until within 0-24, "
                + "e.g. 7-20; got '20-7'"), e.problems());
    }

    @Test
    void eachAggregatorHasItsOwnTokenAndOptionalSourceNetworks() {
        Map<String, String> env = minimalEnv();
        GatewayConfig off = ConfigLoader.load(null, env);
        assertEquals(Map.of(), off.security().aggregatorTokens(), "no token: the HTTP USSD adapter is off");
        assertEquals("", off.security().metricsToken());
        env.put("BETANG_USSD_HTTP_TOKENS", "africastalking:3b9e07c1d4a26f58e0b7, hubtel : 9d2c4f1a0e7b8365c1d0");
        env.put("BETANG_USSD_HTTP_ALLOW", "hubtel:203.0.113.0/24|2001:db8::/32");
        GatewayConfig c = ConfigLoader.load(null, env);
        assertEquals(Map.of("africastalking", "3b9e07c1d4a26f58e0b7", "hubtel", "9d2c4f1a0e7b8365c1d0"),
                c.security().aggregatorTokens());
        assertEquals(Map.of("hubtel", java.util.List.of("203.0.113.0/24", "2001:db8::/32")),
                c.security().aggregatorSources());
    }

    @Test
    void anAggregatorTokenIsASecretLikeAnyOther() {
        Map<String, String> env = minimalEnv();
        env.put("BETANG_USSD_HTTP_TOKENS", "a:short,b:changeme-token-for-b," + "c:" + env.get("BETANG_API_TOKEN")
                + ",d:5e1c0b9a7d3f2e4860a1,e:5e1c0b9a7d3f2e4860a1,Bad Name:0f8e7d6c5b4a39281706");
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(null, env));
        String all = String.join("\n", e.problems());
        assertTrue(all.contains("ussd_http.tokens (BETANG_USSD_HTTP_TOKENS) for provider 'a': must be at least 16"), all);
        assertTrue(all.contains("for provider 'b': is a placeholder"), all);
        assertTrue(all.contains("for provider 'c': must differ from api.token (BETANG_API_TOKEN)"), all);
        assertTrue(all.contains("for provider 'e': must differ from ussd_http.tokens (BETANG_USSD_HTTP_TOKENS) for "
                + "provider 'd'"), all);
        assertTrue(all.contains("each entry is provider:token, the provider 1-32 of a-z 0-9 -"), all);
        assertFalse(all.contains("5e1c0b9a7d3f2e4860a1") || all.contains(env.get("BETANG_API_TOKEN")), all);
        assertEquals(5, e.problems().size(), all);
    }

    @Test
    void sourceNetworksMustBeAddressesOfAProviderWithAToken() {
        Map<String, String> env = minimalEnv();
        env.put("BETANG_USSD_HTTP_TOKENS", "hubtel:9d2c4f1a0e7b8365c1d0");
        env.put("BETANG_USSD_HTTP_ALLOW", "hubtel:203.0.113.0/33|gateway.example.net/24,other:10.0.0.0/8");
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(null, env));
        assertEquals(java.util.List.of(
                "ussd_http.allow (BETANG_USSD_HTTP_ALLOW): '203.0.113.0/33' for hubtel is not a network such as "
                        + "203.0.113.0/24 or 2001:db8::/32",
                "ussd_http.allow (BETANG_USSD_HTTP_ALLOW): 'gateway.example.net/24' for hubtel is not a network such "
                        + "as 203.0.113.0/24 or 2001:db8::/32",
                "ussd_http.allow (BETANG_USSD_HTTP_ALLOW): 'other' has no token in ussd_http.tokens "
                        + "(BETANG_USSD_HTTP_TOKENS); entries are provider:cidr|cidr"), e.problems());
    }

    @Test
    void rateLimitsHaveDefaultsAndCanBeSet() {
        Map<String, String> env = minimalEnv();
        GatewayConfig.Limits defaults = ConfigLoader.load(null, env).limits();
        assertEquals(new GatewayConfig.Bucket(30, 20), defaults.msisdn());
        assertEquals(new GatewayConfig.Bucket(6000, 600), defaults.aggregator());
        assertEquals(new GatewayConfig.Bucket(6000, 600), defaults.source());
        env.put("BETANG_LIMIT_MSISDN_PER_MINUTE", "10");
        env.put("BETANG_LIMIT_MSISDN_BURST", "5");
        env.put("BETANG_NIK_LOOKUPS_PER_DAY_AGENT", "40");
        GatewayConfig c = ConfigLoader.load(null, env);
        assertEquals(new GatewayConfig.Bucket(10, 5), c.limits().msisdn());
        assertEquals(40, c.identity().lookupsPerDayPerAgent());
        assertEquals(20000, c.identity().lookupsPerDayPerAggregator());
    }

    @Test
    void aPasswordInARefusedUrlIsMasked() {
        Map<String, String> env = minimalEnv();
        env.put("BETANG_REDIS_URL", "http://user:s3cr3tpassw0rd99@redis:6379/0");
        env.put("BETANG_MYSQL_URL", "mysql://db:3306/betang?user=gw&password=s3cr3tpassw0rd99");
        env.put("BETANG_METRICS_TOKEN", "tiny");
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(null, env));
        String all = String.join("\n", e.problems());
        assertFalse(all.contains("s3cr3tpassw0rd99"), all);
        assertTrue(all.contains("'http://user:***@redis:6379/0'"), all);
        assertTrue(all.contains("password=***"), all);
        assertTrue(all.contains("metrics.token (BETANG_METRICS_TOKEN): must be at least 16"), all);
    }
}
