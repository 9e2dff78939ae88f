package id.betang.simulator.it;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The real gateway: {@code java -jar gateway/target/betang-gateway.jar} in its own process, configured
 * only through the environment, exactly as an operator runs it. Output goes to a log file under target/.
 */
public final class GatewayProcess implements AutoCloseable {

    public static final Path JAR = Path.of("..", "gateway", "target", "betang-gateway.jar");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private final Process process;
    private final int httpPort;
    private final Path log;

    private GatewayProcess(Process process, int httpPort, Path log) {
        this.process = process;
        this.httpPort = httpPort;
        this.log = log;
    }

    // secrets as an operator would make them (openssl rand -hex 12): the gateway refuses placeholders,
    // short ones and one secret used twice, so tests pass real-looking, distinct ones
    public static final String API_TOKEN = "9f3c51d27be84a06c1e5f28d";
    public static final String WEBHOOK_SECRET = "5be07a93c4d1f862e09b3a7c";
    public static final String NIK_HASH_KEY = "d4a8e1f07c3b925e6a1d0f48";
    public static final String REGISTRY_TOKEN = "71c9b2e5a04f38d6e2b7c19a";
    /** The HTTP USSD aggregator of the tests, and its own token (the API token opens no /ussd). */
    public static final String AGGREGATOR = "africastalking";
    public static final String AGGREGATOR_TOKEN = "0c7e49a2d5b18f63e4a09d7b";
    /** What the simulator SMSC accepts by default. */
    public static final String SMPP_PASSWORD = id.betang.simulator.smsc.SmscSimulator.Options.defaults(0).password();

    /** Environment a test gateway needs, bound to the given SMSC, database and Redis. */
    public static Map<String, String> env(int smscPort, String mysqlUrl, String redisUrl, String redisPrefix) {
        Map<String, String> env = new HashMap<>();
        env.put("BETANG_HTTP_PORT", String.valueOf(freePort()));
        env.put("BETANG_SMPP_HOST", "127.0.0.1");
        env.put("BETANG_SMPP_PORT", String.valueOf(smscPort));
        env.put("BETANG_SMPP_SYSTEM_ID", "betang");
        env.put("BETANG_SMPP_PASSWORD", SMPP_PASSWORD);
        env.put("BETANG_REGISTRY_URL", "http://127.0.0.1:" + freePort() + "/api/v1");
        env.put("BETANG_REGISTRY_TOKEN", REGISTRY_TOKEN);
        env.put("BETANG_WEBHOOK_SECRET", WEBHOOK_SECRET);
        env.put("BETANG_NIK_HASH_KEY", NIK_HASH_KEY);
        env.put("BETANG_API_TOKEN", API_TOKEN);
        env.put("BETANG_USSD_HTTP_TOKENS", AGGREGATOR + ":" + AGGREGATOR_TOKEN);
        // tests replay many dialogues from a few sample phones and one aggregator on loopback: the rate limits'
        // defaults would refuse them; tests of the limits set their own
        env.put("BETANG_LIMIT_MSISDN_PER_MINUTE", "100000");
        env.put("BETANG_LIMIT_MSISDN_BURST", "100000");
        env.put("BETANG_LIMIT_AGGREGATOR_BURST", "100000");
        env.put("BETANG_LIMIT_SOURCE_BURST", "100000");
        env.put("BETANG_MYSQL_URL", mysqlUrl);
        env.put("BETANG_MYSQL_USER", id.betang.gateway.testing.TestStorage.mysqlUser());
        env.put("BETANG_MYSQL_PASSWORD", id.betang.gateway.testing.TestStorage.mysqlPassword());
        env.put("BETANG_REDIS_URL", redisUrl);
        env.put("BETANG_REDIS_KEY_PREFIX", redisPrefix);
        // a busy machine made the default 2 s step budget run out with nothing slow but the machine (a scenario
        // got "Data sedang diambil" instead of its screen); tests of the budget set their own, the registry's
        // timeout stays above it
        env.put("BETANG_USSD_STEP_BUDGET_MS", "8000");
        env.put("BETANG_REGISTRY_TIMEOUT_MS", "20000");
        return env;
    }

    public static GatewayProcess start(String name, Map<String, String> env, String... args) throws IOException {
        if (!Files.exists(JAR)) {
            throw new IllegalStateException(JAR + " is missing: integration tests run after 'package' (mvn verify)");
        }
        Path log = Path.of("target", "gateway-" + name + ".log");
        Files.createDirectories(log.getParent());
        List<String> command = new java.util.ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m", "-jar", JAR.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().keySet().removeIf(k -> k.startsWith("BETANG_"));
        builder.environment().putAll(env);
        return new GatewayProcess(builder.start(), Integer.parseInt(env.getOrDefault("BETANG_HTTP_PORT", "8080")), log);
    }

    public long pid() {
        return process.pid();
    }

    public int httpPort() {
        return httpPort;
    }

    /** GET with {@code Authorization: Bearer token}, e.g. /ready's details with the API token. */
    public HttpResponse<String> get(String path, String token) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path))
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Polls /ready until it answers 200; fails with the gateway's log if it never does. */
    public GatewayProcess awaitReady(Duration within) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("gateway exited with " + process.exitValue() + ":\n" + output());
            }
            try {
                if (get("/ready").statusCode() == 200) {
                    return this;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("gateway not ready within " + within + ":\n" + output());
    }

    /** Waits for the process to end by itself (e.g. a configuration error) and returns its exit code. */
    public int awaitExit(Duration within) throws InterruptedException {
        if (!process.waitFor(within.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException("gateway still running after " + within);
        }
        return process.exitValue();
    }

    public String output() throws IOException {
        return Files.readString(log);
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(15, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }

    public static int freePort() {
        return id.betang.simulator.Ports.free();
    }
}
