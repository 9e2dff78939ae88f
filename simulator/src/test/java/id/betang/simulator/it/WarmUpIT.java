package id.betang.simulator.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import id.betang.gateway.testing.TestStorage;
import id.betang.simulator.smsc.SmscSimulator;
import io.lettuce.core.RedisClient;

/**
 * Before it says ready the gateway has walked dialogues through its engine and opened its stores, and the
 * registry being down (nothing listens at its URL here) delays nothing: ready all the same, the failure logged.
 */
class WarmUpIT {

    @Test
    void readyAfterWarmingUpEvenWithTheRegistryDownAndNoSessionLeftBehind() throws Exception {
        String mysqlUrl = TestStorage.freshDatabase("warmup");
        String prefix = TestStorage.freshRedisPrefix("warmup");
        try (SmscSimulator smsc = new SmscSimulator(SmscSimulator.Options.defaults(GatewayProcess.freePort())).start();
             GatewayProcess gateway = GatewayProcess.start("warmup",
                     GatewayProcess.env(smsc.port(), mysqlUrl, TestStorage.redisUrl(), prefix))) {
            gateway.awaitReady(Duration.ofSeconds(90));
            String log = gateway.output();
            assertTrue(Pattern.compile("warmed up in \\d+ ms: dialogues [1-9]\\d* walked, MySQL [1-9] connection\\(s\\), "
                    + "Redis up, registry failed").matcher(log).find(), log);

            RedisClient client = RedisClient.create(TestStorage.redisUrl());
            try (var redis = client.connect()) {
                List<String> left = redis.sync().keys(prefix + "*620000000000*");
                assertEquals(List.of(), left, "the warm-up's sessions are gone");
            } finally {
                client.shutdown();
            }
        } finally {
            TestStorage.dropDatabase(mysqlUrl);
        }
    }
}
