package id.betang.gateway.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import id.betang.gateway.config.GatewayConfig.Redis.Mode;

/** BETANG_REDIS_URL and BETANG_REDIS_MODE: standalone, Sentinel or a cluster, and every wrong form refused at start. */
class RedisSettingsTest {

    static GatewayConfig.Redis load(String url, String mode) {
        Map<String, String> env = ConfigLoaderTest.minimalEnv();
        env.put("BETANG_REDIS_URL", url);
        if (mode != null) {
            env.put("BETANG_REDIS_MODE", mode);
        }
        return ConfigLoader.load(null, env).redis();
    }

    static String refusal(String url, String mode) {
        return String.join("\n", assertThrows(ConfigException.class, () -> load(url, mode)).problems());
    }

    static void refused(String url, String mode, String reason) {
        String all = refusal(url, mode);
        assertTrue(all.contains(reason), all);
    }

    @Test
    void oneUrlIsAStandaloneServerAsBefore() {
        GatewayConfig.Redis redis = load("rediss://:pw@10.0.0.5:6380/2", null);
        assertEquals(Mode.STANDALONE, redis.mode());
        assertEquals("rediss://:pw@10.0.0.5:6380/2", redis.nodes().get(0).toString());
    }

    @Test
    void aSentinelUrlInLettucesSyntax() {
        GatewayConfig.Redis redis = load("redis-sentinel://pw@10.0.0.1:26379,10.0.0.2:26379,10.0.0.3/0#betang", "");
        assertEquals(Mode.SENTINEL, redis.mode());
        assertEquals(List.of("redis-sentinel://pw@10.0.0.1:26379,10.0.0.2:26379,10.0.0.3/0#betang"),
                redis.nodes().stream().map(Object::toString).toList());
        assertEquals(Mode.SENTINEL, load("rediss-sentinel://10.0.0.1:26379#betang", "sentinel").mode());
    }

    @Test
    void aListOfNodesIsACluster_andOneSeedWithTheMode() {
        GatewayConfig.Redis redis = load("redis://10.0.0.1:7000, redis://10.0.0.2:7000,redis://10.0.0.3:7000", null);
        assertEquals(Mode.CLUSTER, redis.mode());
        assertEquals(3, redis.nodes().size());
        assertEquals("redis://10.0.0.2:7000", redis.nodes().get(1).toString());
        assertEquals(Mode.CLUSTER, load("rediss://:pw@cfg.redis.internal:6379", "CLUSTER").mode());
    }

    @Test
    void wrongFormsAreRefusedWithTheReason() {
        refused("redis-sentinel://10.0.0.1:26379/0", null,
                "redis.url (BETANG_REDIS_URL): a redis-sentinel:// URL names its primary after '#'");
        refused("redis-sentinel://10.0.0.1:26379,,10.0.0.2#betang", null, "lists sentinels as host:port,host:port");
        refused("redis-sentinel://10.0.0.1:26379#betang", "cluster", "is Sentinel, not cluster");
        refused("redis://10.0.0.1:6379", "sentinel", "Sentinel needs a redis-sentinel://");
        refused("redis://10.0.0.1:7000,redis://10.0.0.2:7000", "standalone", "several nodes are a cluster");
        refused("redis://10.0.0.1:7000,rediss://10.0.0.2:7000", null, "must all be redis:// or all rediss://");
        refused("redis://10.0.0.1:7000/3,redis://10.0.0.2:7000/3", null, "database 0 only");
        refused("redis://10.0.0.1:7000,", null, "must be a URL starting with redis:// or rediss://");
        refused("redis://10.0.0.1:6379", "replicated",
                "redis.mode (BETANG_REDIS_MODE): must be standalone, sentinel or cluster");
    }

    @Test
    void aPasswordInARefusedUrlIsMasked() {
        String all = refusal("redis-sentinel://s3cr3tpassw0rd99@10.0.0.1:26379", null)
                + refusal("redis://:s3cr3tpassw0rd99@10.0.0.1:7000,http://x", null);
        assertFalse(all.contains("s3cr3tpassw0rd99"), all);
        assertTrue(all.contains("redis-sentinel://***@10.0.0.1:26379"), all);
    }

    @Test
    void aBraceInTheKeyPrefixIsRefused_itWouldMoveTheHashTags() {
        Map<String, String> env = ConfigLoaderTest.minimalEnv();
        env.put("BETANG_REDIS_KEY_PREFIX", "{tenant}:");
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(null, env));
        assertTrue(String.join("\n", e.problems()).contains("redis.key_prefix (BETANG_REDIS_KEY_PREFIX): must not contain"));
    }
}
