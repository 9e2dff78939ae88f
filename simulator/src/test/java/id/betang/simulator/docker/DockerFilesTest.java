package id.betang.simulator.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.Reader;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import id.betang.gateway.config.ConfigLoader;
import id.betang.gateway.config.Setting;
import id.betang.simulator.Main;
import picocli.CommandLine;

/**
 * No Docker engine runs here, so docker/ is kept honest by reading it: the compose file parses, every
 * build names a Dockerfile that exists, every file an image copies is one the build produces, the
 * gateway's environment is a valid configuration, the simulator's command lines parse, the ports people open
 * are published, the gateway is healthchecked with a tool its image has, and {@code .dockerignore} sends the
 * daemon what the Dockerfiles copy and nothing of the rest.
 */
class DockerFilesTest {

    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    static final Path DOCKER = ROOT.resolve("docker");

    @SuppressWarnings("unchecked")
    static Map<String, Map<String, Object>> services() throws Exception {
        try (Reader reader = Files.newBufferedReader(DOCKER.resolve("compose.yaml"))) {
            Map<String, Object> compose = new Yaml().load(reader);
            return (Map<String, Map<String, Object>>) compose.get("services");
        }
    }

    @Test
    void composeHasTheWholeStack() throws Exception {
        assertEquals(Set.of("mysql", "redis", "registry", "smsc", "gateway", "demo", "prometheus", "grafana"),
                services().keySet());
    }

    @Test
    @SuppressWarnings("unchecked")
    void onlyTheDemoAndMonitoringWaitForTheirProfiles() throws Exception {
        Map<String, List<String>> profiled = Map.of("demo", List.of("demo"), "prometheus", List.of("monitoring"),
                "grafana", List.of("monitoring"));
        services().forEach((name, service) -> assertEquals(profiled.get(name), service.get("profiles"), name));
    }

    static List<String> ports(String service) throws Exception {
        @SuppressWarnings("unchecked")
        List<Object> ports = (List<Object>) services().get(service).getOrDefault("ports", List.of());
        return ports.stream().map(String::valueOf).toList();
    }

    @Test
    @SuppressWarnings("unchecked")
    void theWebPhoneIsPublishedAndListensBeyondLoopback() throws Exception {
        assertEquals(List.of("8081:8081"), ports("smsc"));
        List<String> command = (List<String>) services().get("smsc").get("command");
        Main main = new Main();
        new CommandLine(main).parseArgs(command.toArray(new String[0]));
        assertEquals("0.0.0.0", option(command, "--web-host"), "the web phone must not listen on the container's loopback");
        assertEquals("8081", option(command, "--web-port"), "the published port is the one it listens on");
        // and the image says the same for every command, the demo's included
        assertTrue(Files.readString(DOCKER.resolve("simulator.Dockerfile")).contains("ENV BETANG_WEB_HOST=0.0.0.0"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void theDemoIsReachable() throws Exception {
        List<String> command = (List<String>) services().get("demo").get("command");
        assertEquals("demo", command.get(0));
        new CommandLine(new Main()).parseArgs(command.toArray(new String[0]));
        assertTrue(ports("demo").contains("18081:" + option(command, "--web-port")), ports("demo").toString());
        Map<String, Object> env = (Map<String, Object>) services().get("demo").get("environment");
        assertTrue(ports("demo").contains("18080:" + env.get("BETANG_HTTP_PORT")), ports("demo").toString());
        assertTrue(Files.readString(DOCKER.resolve("README.md")).contains("--profile demo up --build demo"),
                "docker/README.md tells how to start it");
    }

    @Test
    @SuppressWarnings("unchecked")
    void theGatewayIsPublishedAndHealthcheckedOnHealth() throws Exception {
        Map<String, Object> gateway = services().get("gateway");
        String port = String.valueOf(((Map<String, Object>) gateway.get("environment")).get("BETANG_HTTP_PORT"));
        assertEquals(List.of(port + ":" + port), ports("gateway"));
        List<String> test = (List<String>) ((Map<String, Object>) gateway.get("healthcheck")).get("test");
        assertEquals("CMD", test.get(0));
        assertTrue(test.contains("http://127.0.0.1:" + port + "/health"), test.toString());
        // curl comes with the eclipse-temurin images (Ubuntu based); a slimmer base would need another probe
        assertEquals("curl", test.get(1));
        assertTrue(Files.readString(DOCKER.resolve("gateway.Dockerfile")).contains("FROM eclipse-temurin:17-jre"));
        Map<String, Object> dependsOn = (Map<String, Object>) gateway.get("depends_on");
        assertEquals(Map.of("condition", "service_healthy"), dependsOn.get("mysql"));
    }

    /** .dockerignore's rules as the daemon reads them: the last pattern that matches a path decides. */
    static boolean sentToDaemon(List<String> rules, String path) {
        boolean sent = true;
        for (String rule : rules) {
            boolean keep = rule.startsWith("!");
            String glob = keep ? rule.substring(1) : rule;
            if (FileSystems.getDefault().getPathMatcher("glob:" + glob).matches(Path.of(path))) {
                sent = keep;
            }
        }
        return sent;
    }

    @Test
    void theBuildContextHoldsWhatTheDockerfilesCopyAndNothingElse() throws Exception {
        List<String> rules = Files.readAllLines(ROOT.resolve(".dockerignore")).stream().map(String::strip)
                .filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        List<String> copied = new ArrayList<>();
        for (String dockerfile : List.of("gateway.Dockerfile", "simulator.Dockerfile")) {
            Matcher copy = Pattern.compile("(?m)^COPY\\s+(\\S+)\\s+").matcher(Files.readString(DOCKER.resolve(dockerfile)));
            while (copy.find()) {
                copied.add(copy.group(1));
            }
        }
        assertEquals(2, copied.size(), copied.toString());
        for (String source : copied) {
            assertTrue(sentToDaemon(rules, source), ".dockerignore drops " + source + ", which an image copies");
        }
        for (String left : List.of(".git/HEAD", "simulator/target/classes/logback.xml", "gateway/target/surefire-reports/x.txt",
                ".demo/log", "bench/results/ussd.txt", "simulator/src/main/java/id/betang/simulator/Main.java")) {
            assertFalse(sentToDaemon(rules, left), left + " would be sent to the daemon");
        }
    }

    static String option(List<String> command, String name) {
        int at = command.indexOf(name);
        assertTrue(at >= 0 && at + 1 < command.size(), name + " in " + command);
        return command.get(at + 1);
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyBuildNamesAnExistingDockerfileWhoseCopiesTheBuildProduces() throws Exception {
        for (Map<String, Object> service : services().values()) {
            if (!(service.get("build") instanceof Map<?, ?> build)) {
                continue;
            }
            Path context = DOCKER.resolve((String) build.get("context")).normalize();
            Path dockerfile = context.resolve((String) build.get("dockerfile"));
            assertTrue(Files.exists(dockerfile), dockerfile.toString());
            Matcher copy = Pattern.compile("(?m)^COPY\\s+(\\S+)\\s+").matcher(Files.readString(dockerfile));
            while (copy.find()) {
                String source = copy.group(1);
                // the jars are the shade plugin's fixed outputs, declared in the module poms
                Path module = context.resolve(source.substring(0, source.indexOf('/')));
                assertTrue(Files.readString(module.resolve("pom.xml")).contains(
                        "<outputFile>${project.build.directory}/" + Path.of(source).getFileName() + "</outputFile>"),
                        dockerfile + " copies " + source + ", which no build produces");
            }
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void mountedFoldersExist() throws Exception {
        for (Map<String, Object> service : services().values()) {
            for (Object volume : (List<Object>) service.getOrDefault("volumes", List.of())) {
                Path host = DOCKER.resolve(volume.toString().split(":")[0]).normalize();
                assertTrue(Files.isDirectory(host), host.toString());
                assertTrue(Files.list(host).findAny().isPresent(), host + " is empty");
            }
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void theGatewayEnvironmentIsAValidConfigurationUsingOnlyKnownVariables() throws Exception {
        Map<String, Object> environment = (Map<String, Object>) services().get("gateway").get("environment");
        Map<String, String> env = new HashMap<>();
        // what docker/.env would give compose: a fresh secret per variable it requires
        environment.forEach((k, v) -> env.put(k, substituted(String.valueOf(v))));
        Set<String> known = ConfigLoader.SETTINGS.stream().map(Setting::env).collect(Collectors.toSet());
        assertTrue(known.containsAll(env.keySet()), "unknown: " + env.keySet().stream().filter(k -> !known.contains(k)).toList());
        ConfigLoader.load(null, env);
        assertEquals("demopass", env.get("BETANG_SMPP_PASSWORD"));
        List<String> smscCommand = (List<String>) services().get("smsc").get("command");
        assertTrue(String.join(" ", smscCommand).contains("--password demopass"), "gateway and SMSC agree on the password");
    }

    /** Compose's ${NAME:?why} and ${NAME:-default}: a required one gets a secret made for it, as docker/.env would. */
    static String substituted(String value) {
        Matcher m = Pattern.compile("\\$\\{([A-Z_]+):([?-])([^}]*)}").matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String secret = m.group(2).equals("?")
                    ? java.util.UUID.nameUUIDFromBytes(m.group(1).getBytes(java.nio.charset.StandardCharsets.UTF_8))
                            .toString().replace("-", "")
                    : m.group(3);
            m.appendReplacement(out, Matcher.quoteReplacement(secret));
        }
        return m.appendTail(out).toString();
    }

    @Test
    @SuppressWarnings("unchecked")
    void composeShipsNoSecretThatWouldStart() throws Exception {
        Map<String, Object> gateway = (Map<String, Object>) services().get("gateway").get("environment");
        for (String secret : List.of("BETANG_REGISTRY_TOKEN", "BETANG_WEBHOOK_SECRET", "BETANG_NIK_HASH_KEY",
                "BETANG_API_TOKEN", "BETANG_MYSQL_PASSWORD", "BETANG_METRICS_TOKEN")) {
            assertEquals("${" + secret + ":?see docker/README.md}", gateway.get(secret), secret + " must come from docker/.env");
        }
        assertTrue(String.valueOf(gateway.get("BETANG_REDIS_URL")).contains("${BETANG_REDIS_PASSWORD:?"));
        Map<String, Object> mysql = (Map<String, Object>) services().get("mysql").get("environment");
        assertTrue(String.valueOf(mysql.get("MYSQL_ROOT_PASSWORD")).startsWith("${MYSQL_ROOT_PASSWORD:?"));
        // Prometheus scrapes with the gateway's own metrics token; Grafana's admin has no default password
        assertEquals(gateway.get("BETANG_METRICS_TOKEN"),
                ((Map<String, Object>) services().get("prometheus").get("environment")).get("BETANG_METRICS_TOKEN"));
        assertTrue(String.valueOf(((Map<String, Object>) services().get("grafana").get("environment"))
                .get("GF_SECURITY_ADMIN_PASSWORD")).startsWith("${GRAFANA_ADMIN_PASSWORD:?"));
        assertTrue(Files.readString(DOCKER.resolve(".gitignore")).lines().anyMatch(".env"::equals),
                "docker/.env holds the stack's secrets and is never committed");
        assertTrue(Files.readString(DOCKER.resolve("README.md")).contains("openssl rand -hex 24"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void theSimulatorCommandLineParses() throws Exception {
        List<String> command = (List<String>) services().get("smsc").get("command");
        Main main = new Main();
        new CommandLine(main).parseArgs(command.toArray(new String[0]));
        String image = Files.readString(DOCKER.resolve("simulator.Dockerfile"));
        assertTrue(image.contains("CMD [\"--port\", \"2775\""), image);
    }
}
