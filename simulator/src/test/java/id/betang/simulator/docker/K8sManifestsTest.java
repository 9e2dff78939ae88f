package id.betang.simulator.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

import id.betang.gateway.config.ConfigException;
import id.betang.gateway.config.ConfigLoader;
import id.betang.gateway.config.Setting;

/**
 * No Kubernetes cluster runs here, so docker/k8s is kept honest by reading it: every document parses with a known
 * kind and apiVersion, the kustomization lists what exists, the Deployment runs the image the gateway Dockerfile
 * builds as its non-root user, probes name the paths the gateway serves, every variable is a setting the gateway
 * knows, the ConfigMap with real secrets is a valid configuration and the example Secret is refused as it stands.
 */
class K8sManifestsTest {

    static final Path K8S = DockerFilesTest.DOCKER.resolve("k8s");
    static final Map<String, String> API_VERSIONS = Map.of("Deployment", "apps/v1", "Service", "v1",
            "PodDisruptionBudget", "policy/v1", "ConfigMap", "v1", "Secret", "v1",
            "Kustomization", "kustomize.config.k8s.io/v1beta1");

    @SuppressWarnings("unchecked")
    static Map<String, Map<String, Object>> byKind() throws Exception {
        Map<String, Map<String, Object>> kinds = new HashMap<>();
        try (var files = Files.list(K8S)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
                for (Object doc : new Yaml().loadAll(Files.readString(f))) {
                    Map<String, Object> d = (Map<String, Object>) doc;
                    String kind = String.valueOf(d.get("kind"));
                    assertEquals(API_VERSIONS.get(kind), d.get("apiVersion"), f + ": " + kind);
                    kinds.put(kind, d);
                }
            }
        }
        return kinds;
    }

    @SuppressWarnings("unchecked")
    static <T> T at(Object node, String... path) {
        Object o = node;
        for (String p : path) {
            o = o instanceof List<?> l ? l.get(Integer.parseInt(p)) : ((Map<String, Object>) o).get(p);
        }
        return (T) o;
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyManifestParsesAndTheKustomizationListsThem() throws Exception {
        Map<String, Map<String, Object>> kinds = byKind();
        assertEquals(API_VERSIONS.keySet(), kinds.keySet());
        for (String resource : (List<String>) kinds.get("Kustomization").get("resources")) {
            Path file = K8S.resolve(resource);
            assertTrue(Files.exists(file) || resource.equals("secret.yaml"), resource);
        }
        assertTrue(Files.readString(DockerFilesTest.DOCKER.resolve(".gitignore")).contains("k8s/secret.yaml"),
                "the filled Secret is never committed");
    }

    @Test
    void theDeploymentRunsTheBuiltImageAsItsUserWithTheGatewaysProbes() throws Exception {
        Map<String, Object> deployment = byKind().get("Deployment");
        Object container = at(deployment, "spec", "template", "spec", "containers", "0");
        String image = at(container, "image");
        assertTrue(image.startsWith("betang/gateway:"), image);
        String dockerfile = Files.readString(DockerFilesTest.DOCKER.resolve("gateway.Dockerfile"));
        assertTrue(dockerfile.contains("--uid 10001") && dockerfile.contains("USER betang"));
        Integer uid = at(deployment, "spec", "template", "spec", "securityContext", "runAsUser");
        assertEquals(10001, uid);
        assertEquals("/ready", at(container, "readinessProbe", "httpGet", "path"));
        assertEquals("/health", at(container, "livenessProbe", "httpGet", "path"));
        String routes = Files.readString(DockerFilesTest.ROOT.resolve(
                "gateway/src/main/java/id/betang/gateway/http/OpsRoutes.java"));
        assertTrue(routes.contains("router.get(\"/ready\")") && routes.contains("router.get(\"/health\")"));
        assertEquals(Boolean.TRUE, at(container, "securityContext", "readOnlyRootFilesystem"));
        Object mounts = at(container, "volumeMounts");
        assertTrue(mounts.toString().contains("mountPath=/tmp"), "Netty needs a writable /tmp");
        Map<String, Object> pdb = byKind().get("PodDisruptionBudget");
        Integer minAvailable = at(pdb, "spec", "minAvailable");
        Integer replicas = at(deployment, "spec", "replicas");
        assertTrue(minAvailable < replicas, "a drain can always move one replica");
        String httpPort = at(byKind().get("ConfigMap"), "data", "BETANG_HTTP_PORT");
        Integer containerPort = at(container, "ports", "0", "containerPort");
        assertEquals(httpPort, String.valueOf(containerPort));
    }

    @SuppressWarnings("unchecked")
    static Map<String, String> environment(Path caFile, boolean realSecrets) throws Exception {
        Map<String, Map<String, Object>> kinds = byKind();
        Map<String, String> env = new HashMap<>();
        ((Map<String, Object>) kinds.get("ConfigMap").get("data")).forEach((k, v) -> env.put(k, String.valueOf(v)));
        // filled in as an operator would: a distinct random-looking secret each (the SMPP password within SMPP's 8)
        ((Map<String, Object>) kinds.get("Secret").get("stringData")).forEach((k, v) -> env.put(k, !realSecrets
                ? String.valueOf(v) : k.equals("BETANG_SMPP_PASSWORD") ? "Ohd27tH1"
                : String.valueOf(v).contains("REPLACE-ME-redis-password")
                        ? String.valueOf(v).replace("REPLACE-ME-redis-password", "5d0c2a7e91b4f3c8")
                        : "7c1e" + Integer.toHexString(k.hashCode()) + "a9d3b58f02e6"));
        env.put("BETANG_SMPP_CA_FILE", caFile.toString());   // the mounted CA, here a file of the test's
        return env;
    }

    @Test
    void everyVariableIsAKnownSettingAndTheFilledInConfigurationIsValid(@TempDir Path dir) throws Exception {
        Path ca = Files.writeString(dir.resolve("smsc-ca.pem"), "-----BEGIN CERTIFICATE-----\n");
        Map<String, String> env = environment(ca, true);
        Set<String> known = ConfigLoader.SETTINGS.stream().map(Setting::env).collect(Collectors.toSet());
        known.add(ConfigLoader.LOG_FORMAT);
        List<String> unknown = new ArrayList<>(env.keySet());
        unknown.removeAll(known);
        assertEquals(List.of(), unknown);
        ConfigLoader.load(null, env);
    }

    @Test
    void theExampleSecretIsRefusedAsItStands(@TempDir Path dir) throws Exception {
        Path ca = Files.writeString(dir.resolve("smsc-ca.pem"), "-----BEGIN CERTIFICATE-----\n");
        List<String> problems = assertThrows(ConfigException.class, () -> ConfigLoader.load(null, environment(ca, false)))
                .problems();
        for (String secret : List.of("BETANG_API_TOKEN", "BETANG_WEBHOOK_SECRET", "BETANG_NIK_HASH_KEY",
                "BETANG_REGISTRY_TOKEN", "BETANG_METRICS_TOKEN", "BETANG_SMPP_PASSWORD")) {
            assertTrue(problems.stream().anyMatch(p -> p.contains(secret)), secret + " not refused: " + problems);
        }
        assertFalse(problems.stream().anyMatch(p -> p.contains("REPLACE-ME-api-token")), "never echoes a secret");
    }
}
