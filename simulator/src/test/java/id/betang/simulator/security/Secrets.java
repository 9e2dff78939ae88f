package id.betang.simulator.security;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import id.betang.gateway.testing.TestStorage;
import id.betang.simulator.it.GatewayProcess;
import id.betang.simulator.smsc.SmscSimulator;

/**
 * An operator who copied the sample config, or chose weak secrets: the jar must refuse to start, with a clear
 * "config error" line and a non-zero exit, and never print the secret. A gateway that starts anyway is a leak.
 */
final class Secrets {

    private final Target target;
    private final Tally tally;
    int started;

    Secrets(Target target, Tally tally) {
        this.target = target;
        this.tally = tally;
    }

    void attack() throws Exception {
        try (SmscSimulator smsc = new SmscSimulator(SmscSimulator.Options.defaults(GatewayProcess.freePort())).start()) {
            Map<String, String> base = new HashMap<>(target.env);
            base.put("BETANG_SMPP_PORT", String.valueOf(smsc.port()));
            base.put("BETANG_HTTP_PORT", String.valueOf(GatewayProcess.freePort()));
            base.put("BETANG_REDIS_KEY_PREFIX", TestStorage.freshRedisPrefix("security-secrets"));

            Map<String, String> sample = new HashMap<>(base);
            List.of("BETANG_API_TOKEN", "BETANG_WEBHOOK_SECRET", "BETANG_NIK_HASH_KEY", "BETANG_REGISTRY_TOKEN")
                    .forEach(sample::remove);
            probe("the sample config's secrets", sample, "REPLACE-ME", "--config", "../gateway/betang.sample.yaml");
            probe("a 12-character API token", with(base, "BETANG_API_TOKEN", "7c1e9a04b2d3"), "7c1e9a04b2d3");
            probe("a placeholder webhook secret", with(base, "BETANG_WEBHOOK_SECRET", "changeme-changeme-changeme"), "changeme-changeme");
            probe("the webhook secret equal to the API token",
                    with(base, "BETANG_WEBHOOK_SECRET", GatewayProcess.API_TOKEN), GatewayProcess.API_TOKEN);
            probe("an aggregator token equal to the API token",
                    with(base, "BETANG_USSD_HTTP_TOKENS", Target.AGGREGATOR + ":" + GatewayProcess.API_TOKEN), GatewayProcess.API_TOKEN);
            probe("a short aggregator token", with(base, "BETANG_USSD_HTTP_TOKENS", Target.AGGREGATOR + ":abc123"), "abc123");
        }
    }

    private static Map<String, String> with(Map<String, String> base, String key, String value) {
        Map<String, String> env = new HashMap<>(base);
        env.put(key, value);
        return env;
    }

    private void probe(String what, Map<String, String> env, String secret, String... args) throws Exception {
        String name = "security-secrets-" + (++started);
        try (GatewayProcess gateway = GatewayProcess.start(name, env, args)) {
            String leak = outcome(gateway, secret);
            tally.record("secrets", leak == null ? null : what + ": " + leak);
        }
    }

    /** Null when the jar refused to start as it should; else what went wrong. */
    private static String outcome(GatewayProcess gateway, String secret) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (gateway.isAlive() && System.nanoTime() < deadline) {
            try {
                if (gateway.get("/ready").statusCode() == 200) {
                    return "the gateway started";
                }
            } catch (java.io.IOException e) {
                // not listening (yet)
            }
            Thread.sleep(200);
        }
        if (gateway.isAlive()) {
            return "still running, neither refused nor ready";
        }
        int exit = gateway.awaitExit(Duration.ofSeconds(1));
        String output = gateway.output();
        if (exit == 0 || !output.contains("config error")) {
            return "exit " + exit + " without a config error: " + output.strip();
        }
        return secret.length() >= 8 && !secret.startsWith("REPLACE") && output.contains(secret)
                ? "the refusal shows the secret" : null;
    }
}
