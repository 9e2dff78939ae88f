package id.betang.simulator.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

import io.vertx.core.json.JsonObject;

/**
 * The monitoring profile's files as Prometheus and Grafana read them: the alert rules and the scrape
 * configuration pass Debian's promtool (package prometheus, which .ci/run installs), every rule has a runbook,
 * and the dashboard is JSON whose panels query the provisioned data source. That the metrics they name exist is
 * MonitoringIT's part.
 */
class MonitoringFilesTest {

    static final Path MONITORING = Path.of("..", "docker", "monitoring");

    static String promtool(Path dir, String... args) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of("promtool"));
        command.addAll(List.of(args));
        Process p;
        try {
            p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new AssertionError("promtool is missing: apt-get install prometheus (.ci/run does)", e);
        }
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "promtool did not finish");
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), out);
        return out;
    }

    @Test
    void theAlertRulesPassPromtool() throws Exception {
        String out = promtool(MONITORING, "check", "rules", "alerts.yml");
        assertTrue(out.contains("SUCCESS"), out);
    }

    @Test
    void thePrometheusConfigurationPassesPromtool(@TempDir Path dir) throws Exception {
        // as in the container: the token file exists (compose writes it at start), alerts.yml beside the config
        Path token = dir.resolve("metrics-token");
        Files.writeString(token, "test-token");
        Files.writeString(dir.resolve("prometheus.yml"), Files.readString(MONITORING.resolve("prometheus.yml"))
                .replace("/tmp/metrics-token", token.toString()));
        Files.copy(MONITORING.resolve("alerts.yml"), dir.resolve("alerts.yml"));
        promtool(dir, "check", "config", "prometheus.yml");
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyAlertSaysWhatToDo() throws Exception {
        Map<String, Object> file = new Yaml().load(Files.readString(MONITORING.resolve("alerts.yml")));
        int rules = 0;
        for (Map<String, Object> group : (List<Map<String, Object>>) file.get("groups")) {
            for (Map<String, Object> rule : (List<Map<String, Object>>) group.get("rules")) {
                Map<String, Object> annotations = (Map<String, Object>) rule.get("annotations");
                String runbook = String.valueOf(annotations.get("runbook"));
                assertFalse(runbook.isBlank() || runbook.equals("null"), rule.get("alert") + " has no runbook");
                assertFalse(runbook.contains("\n"), rule.get("alert") + ": a runbook is one line");
                rules++;
            }
        }
        assertTrue(rules >= 12, "rules: " + rules);
    }

    @Test
    @SuppressWarnings("unchecked")
    void theDashboardQueriesTheProvisionedPrometheus() throws Exception {
        Map<String, Object> sources = new Yaml().load(Files.readString(
                MONITORING.resolve("grafana/provisioning/datasources/prometheus.yml")));
        String uid = String.valueOf(((List<Map<String, Object>>) sources.get("datasources")).get(0).get("uid"));
        JsonObject dashboard = new JsonObject(Files.readString(MONITORING.resolve("grafana/dashboards/betang-gateway.json")));
        assertFalse(dashboard.getJsonArray("panels").isEmpty());
        dashboard.getJsonArray("panels").forEach(p -> {
            JsonObject panel = (JsonObject) p;
            assertEquals(uid, panel.getJsonObject("datasource").getString("uid"), panel.getString("title"));
            panel.getJsonArray("targets").forEach(t -> assertFalse(((JsonObject) t).getString("expr").isBlank()));
        });
        Map<String, Object> providers = new Yaml().load(Files.readString(
                MONITORING.resolve("grafana/provisioning/dashboards/betang.yml")));
        assertEquals("/var/lib/grafana/dashboards", ((Map<String, Object>) ((List<Map<String, Object>>)
                providers.get("providers")).get(0).get("options")).get("path"), "where compose mounts the dashboards");
    }
}
