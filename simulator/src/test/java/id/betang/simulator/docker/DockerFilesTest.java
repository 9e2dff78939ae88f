package id.betang.simulator.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * gateway's environment is a valid configuration, and the simulator's command line parses.
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
        assertEquals(Set.of("mysql", "redis", "registry", "smsc", "gateway"), services().keySet());
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
        environment.forEach((k, v) -> env.put(k, String.valueOf(v)));
        Set<String> known = ConfigLoader.SETTINGS.stream().map(Setting::env).collect(Collectors.toSet());
        assertTrue(known.containsAll(env.keySet()), "unknown: " + env.keySet().stream().filter(k -> !known.contains(k)).toList());
        ConfigLoader.load(null, env);
        assertEquals("demopass", env.get("BETANG_SMPP_PASSWORD"));
        List<String> smscCommand = (List<String>) services().get("smsc").get("command");
        assertTrue(String.join(" ", smscCommand).contains("--password demopass"), "gateway and SMSC agree on the password");
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
