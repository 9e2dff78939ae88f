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

    static Map<String, Object> compose() throws Exception {
        try (Reader reader = Files.newBufferedReader(DOCKER.resolve("compose.yaml"))) {
            return new Yaml().load(reader);
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Map<String, Object>> services() throws Exception {
        return (Map<String, Map<String, Object>>) compose().get("services");
    }

    static final List<String> SCALE_GATEWAYS = List.of("gateway-1", "gateway-2", "gateway-3");
    static final List<String> REDIS_NODES = List.of("redis-node-1", "redis-node-2", "redis-node-3", "redis-node-4",
            "redis-node-5", "redis-node-6");
    static final List<String> GALERA_NODES = List.of("galera-1", "galera-2", "galera-3");

    static List<String> scaleProfile() {
        List<String> scale = new ArrayList<>(SCALE_GATEWAYS);
        scale.addAll(REDIS_NODES);
        scale.add("redis-cluster-create");
        scale.addAll(GALERA_NODES);
        return scale;
    }

    @Test
    void composeHasTheWholeStack() throws Exception {
        Set<String> expected = new java.util.HashSet<>(Set.of("mysql", "redis", "registry", "smsc", "gateway", "demo",
                "prometheus", "grafana"));
        expected.addAll(scaleProfile());
        assertEquals(expected, services().keySet());
    }

    @Test
    @SuppressWarnings("unchecked")
    void onlyTheDemoMonitoringAndScaleWaitForTheirProfiles() throws Exception {
        Map<String, List<String>> profiled = new HashMap<>(Map.of("demo", List.of("demo"),
                "prometheus", List.of("monitoring"), "grafana", List.of("monitoring")));
        scaleProfile().forEach(name -> profiled.put(name, List.of("scale")));
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
    void mountedFoldersAndFilesExist() throws Exception {
        for (Map<String, Object> service : services().values()) {
            for (Object volume : (List<Object>) service.getOrDefault("volumes", List.of())) {
                Path host = DOCKER.resolve(volume.toString().split(":")[0]).normalize();
                assertTrue(Files.exists(host), host.toString());
                assertTrue(Files.isDirectory(host) ? Files.list(host).findAny().isPresent() : Files.size(host) > 0,
                        host + " is empty");
            }
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, String> gatewayEnvironment(String service) throws Exception {
        Map<String, Object> environment = (Map<String, Object>) services().get(service).get("environment");
        Map<String, String> env = new HashMap<>();
        // what docker/.env would give compose: a fresh secret per variable it requires
        environment.forEach((k, v) -> env.put(k, substituted(String.valueOf(v))));
        return env;
    }

    @Test
    @SuppressWarnings("unchecked")
    void theGatewayEnvironmentIsAValidConfigurationUsingOnlyKnownVariables() throws Exception {
        Set<String> known = ConfigLoader.SETTINGS.stream().map(Setting::env).collect(Collectors.toSet());
        List<String> smscCommand = (List<String>) services().get("smsc").get("command");
        for (String gateway : concat(List.of("gateway"), SCALE_GATEWAYS)) {
            Map<String, String> env = gatewayEnvironment(gateway);
            assertTrue(known.containsAll(env.keySet()),
                    gateway + " unknown: " + env.keySet().stream().filter(k -> !known.contains(k)).toList());
            ConfigLoader.load(null, env);
            assertEquals("demopass", env.get("BETANG_SMPP_PASSWORD"), gateway);
            assertEquals("smsc", env.get("BETANG_SMPP_HOST"), gateway);
            assertEquals(option(smscCommand, "--port"), env.get("BETANG_SMPP_PORT"), gateway + " binds where the SMSC listens");
        }
        assertTrue(String.join(" ", smscCommand).contains("--password demopass"), "gateway and SMSC agree on the password");
    }

    static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    @Test
    @SuppressWarnings("unchecked")
    void theScaleGatewaysShareTheRedisClusterAndTheGaleraNodesWithinTheGrantedBinds() throws Exception {
        Map<String, Map<String, Object>> services = services();
        int binds = Integer.parseInt(gatewayEnvironment("gateway").getOrDefault("BETANG_SMPP_BINDS", "1"));
        Set<String> published = new java.util.HashSet<>();
        for (String gateway : SCALE_GATEWAYS) {
            Map<String, String> env = gatewayEnvironment(gateway);
            assertEquals("2", env.get("BETANG_SMPP_BINDS"), gateway);
            binds += Integer.parseInt(env.get("BETANG_SMPP_BINDS"));
            // every Galera node in one failover URL that never turns a failed-over connection read-only
            String jdbc = env.get("BETANG_MYSQL_URL");
            assertEquals("jdbc:mysql://" + String.join(",", GALERA_NODES.stream().map(n -> n + ":3306").toList())
                    + "/betang?failOverReadOnly=false", jdbc, gateway);
            assertEquals("cluster", env.get("BETANG_REDIS_MODE"), gateway);
            for (String seed : env.get("BETANG_REDIS_URL").split(",")) {
                String host = java.net.URI.create(seed).getHost();
                assertTrue(REDIS_NODES.contains(host), gateway + " seeds " + host);
            }
            Map<String, Object> dependsOn = (Map<String, Object>) services.get(gateway).get("depends_on");
            assertEquals(Map.of("condition", "service_completed_successfully"), dependsOn.get("redis-cluster-create"));
            GALERA_NODES.forEach(n -> assertEquals(Map.of("condition", "service_healthy"), dependsOn.get(n), gateway + " " + n));
            String port = env.get("BETANG_HTTP_PORT");
            List<String> ports = ports(gateway);
            assertEquals(1, ports.size(), gateway);
            assertTrue(ports.get(0).endsWith(":" + port), gateway + " publishes " + ports);
            assertTrue(published.add(ports.get(0).split(":")[0]), gateway + " shares a host port");
        }
        assertFalse(published.contains("8080"), "the default gateway keeps 8080");
        // the telco grants the account a fixed number of binds: the whole stack up stays within it
        int granted = (Integer) compose().get("x-smsc-binds-granted");
        assertTrue(binds <= granted, binds + " binds, " + granted + " granted");
    }

    @Test
    @SuppressWarnings("unchecked")
    void theRedisClusterIsSixClusterNodesMadeOneByTheOneShot() throws Exception {
        Map<String, Map<String, Object>> services = services();
        for (String node : REDIS_NODES) {
            List<String> command = (List<String>) services.get(node).get("command");
            assertEquals("yes", option(command, "--cluster-enabled"), node);
            assertTrue(String.valueOf(services.get(node).get("image")).startsWith("redis:7"), node);
            assertTrue(option(command, "--requirepass").startsWith("${BETANG_REDIS_PASSWORD:?"), node);
            assertEquals(option(command, "--requirepass"), option(command, "--masterauth"), node + ": replicas authenticate");
        }
        Map<String, Object> create = services.get("redis-cluster-create");
        assertEquals(REDIS_NODES.stream().collect(Collectors.toSet()), ((Map<String, Object>) create.get("depends_on")).keySet());
        String script = Files.readString(DOCKER.resolve("redis-cluster/create.sh"));
        assertTrue(script.contains("redis-cli --cluster create $addresses --cluster-replicas 1 --cluster-yes"), script);
        // by default the six nodes of the profile, at the port they listen on (RedisClusterCreateIT runs it on others)
        Matcher defaults = Pattern.compile("REDIS_CLUSTER_NODES:=([^}]*)}").matcher(script);
        assertTrue(defaults.find(), script);
        assertEquals(REDIS_NODES.stream().map(n -> n + ":6379").toList(), List.of(defaults.group(1).split(" ")));
        // the mounted script is the one the entrypoint runs
        String mounted = String.valueOf(((List<Object>) create.get("volumes")).get(0)).split(":")[1];
        assertTrue(((List<String>) create.get("entrypoint")).contains(mounted), create.toString());
    }

    @Test
    @SuppressWarnings("unchecked")
    void theGaleraClusterIsThreeMariaDbNodesTheFirstBootstrapping() throws Exception {
        Map<String, Map<String, Object>> services = services();
        String cnf = Files.readString(DOCKER.resolve("galera/galera.cnf"));
        for (String setting : List.of("wsrep_on                 = ON", "binlog_format            = ROW",
                "innodb_autoinc_lock_mode = 2", "wsrep_provider           = /usr/lib/galera/libgalera_smm.so",
                "wsrep_cluster_address    = gcomm://" + String.join(",", GALERA_NODES))) {
            assertTrue(cnf.contains(setting), setting);
        }
        for (String node : GALERA_NODES) {
            Map<String, Object> service = services.get(node);
            assertTrue(String.valueOf(service.get("image")).startsWith("mariadb:11"), node);
            List<String> command = (List<String>) service.get("command");
            assertEquals(node.equals("galera-1"), command.contains("--wsrep-new-cluster"), node + ": only the first bootstraps");
            assertTrue(command.contains("--wsrep-node-name=" + node), node);
            assertTrue(String.valueOf(service.get("volumes")).contains("galera.cnf:/etc/mysql/conf.d/"), node);
            Map<String, Object> env = (Map<String, Object>) service.get("environment");
            assertEquals("${MYSQL_ROOT_PASSWORD:?see docker/README.md}", env.get("MARIADB_ROOT_PASSWORD"), node);
            assertEquals("${BETANG_MYSQL_PASSWORD:?see docker/README.md}", env.get("MARIADB_PASSWORD"), node);
            assertEquals("betang", env.get("MARIADB_USER"), node);
            assertTrue(String.valueOf(((Map<String, Object>) service.get("healthcheck")).get("test")).contains("Synced"), node);
        }
        // what mariadbd makes of galera.cnf and each node's command line: every option known, the values these
        for (String node : GALERA_NODES) {
            List<String> command = new ArrayList<>(List.of("mariadbd",
                    "--defaults-file=" + DOCKER.resolve("galera/galera.cnf")));
            ((List<String>) services.get(node).get("command")).forEach(a -> command.add(substituted(a)));
            command.addAll(List.of("--help", "--verbose"));
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            process.waitFor();
            assertFalse(out.contains("[ERROR]"), node + ": " + out.lines().filter(l -> l.contains("[ERROR]")).toList());
            Map<String, String> values = new HashMap<>();
            out.lines().map(l -> l.split("\\s+", 2)).filter(f -> f.length == 2).forEach(f -> values.put(f[0], f[1].strip()));
            assertEquals("TRUE", values.get("wsrep-on"), node);
            assertEquals("/usr/lib/galera/libgalera_smm.so", values.get("wsrep-provider"), node);
            assertEquals("gcomm://galera-1,galera-2,galera-3", values.get("wsrep-cluster-address"), node);
            assertEquals(node, values.get("wsrep-node-name"), node);
            assertEquals("ROW", values.get("binlog-format"), node);
            assertEquals("2", values.get("innodb-autoinc-lock-mode"), node);
        }
        // joiners wait for the one before them, so the SSTs come one at a time from a node that is Synced
        assertEquals(Map.of("galera-1", Map.of("condition", "service_healthy")), services.get("galera-2").get("depends_on"));
        assertEquals(Map.of("galera-2", Map.of("condition", "service_healthy")), services.get("galera-3").get("depends_on"));
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
        for (String name : concat(List.of("gateway"), SCALE_GATEWAYS)) {
            Map<String, Object> env = (Map<String, Object>) services().get(name).get("environment");
            for (String secret : List.of("BETANG_REGISTRY_TOKEN", "BETANG_WEBHOOK_SECRET", "BETANG_NIK_HASH_KEY",
                    "BETANG_API_TOKEN", "BETANG_MYSQL_PASSWORD", "BETANG_METRICS_TOKEN")) {
                assertEquals("${" + secret + ":?see docker/README.md}", env.get(secret),
                        name + ": " + secret + " must come from docker/.env");
            }
            // every node of the cluster URL carries the password from docker/.env, none a literal one
            String redis = String.valueOf(env.get("BETANG_REDIS_URL"));
            for (String node : redis.split(",")) {
                assertTrue(node.startsWith("redis://:${BETANG_REDIS_PASSWORD:?"), name + ": " + node);
            }
        }
        // nothing in the file looks like a password but the simulator's published demo one
        String text = Files.readString(DOCKER.resolve("compose.yaml"));
        Matcher literal = Pattern.compile("(?<![\\w{])[A-Z_]*(PASSWORD|TOKEN|SECRET|KEY|AUTH)[A-Z_]*:\\s*([^\\s$#][^\\s#]*)")
                .matcher(text);
        while (literal.find()) {
            assertEquals("demopass", literal.group(2), "a literal secret: " + literal.group());
        }
        Matcher sstAuth = Pattern.compile("--wsrep-sst-auth=([^\"]*)").matcher(text);
        int nodes = 0;
        while (sstAuth.find()) {
            assertEquals("root:${MYSQL_ROOT_PASSWORD:?see docker/README.md}", sstAuth.group(1), "Galera's SST password");
            nodes++;
        }
        assertEquals(GALERA_NODES.size(), nodes);
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
