package id.betang.simulator.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import id.betang.gateway.testing.TestStorage;
import id.betang.simulator.registry.RegistryStub;
import id.betang.simulator.smsc.SimulatedPhone;
import id.betang.simulator.smsc.SmscSimulator;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * What operations look at, from the real gateway jar: every metric the alert rules and the dashboard under
 * docker/monitoring name is exported once a few residents have used the service (a slow registry included,
 * so a step misses its budget, and a phone that trips the rate limit), and with BETANG_LOG_FORMAT=json every
 * line the gateway writes is one JSON object under the same masking rules as the text format.
 */
class MonitoringIT {

    static final Path MONITORING = Path.of("..", "docker", "monitoring");
    static final String BUDI = "6271031203900004";
    static final String BUDI_PHONE = "6281234567890";
    static final String COMPLAINT_WORDS = "bantuan dipotong petugas Tumbang Miri";

    static SmscSimulator smsc;
    static RegistryStub registry;
    static String mysqlUrl;
    static GatewayProcess gateway;

    @BeforeAll
    static void start() throws Exception {
        smsc = new SmscSimulator(SmscSimulator.Options.defaults(GatewayProcess.freePort())).start();
        registry = new RegistryStub(GatewayProcess.freePort()).start();
        mysqlUrl = TestStorage.freshDatabase("monitoring");
        Map<String, String> env = GatewayProcess.env(smsc.port(), mysqlUrl, TestStorage.redisUrl(),
                TestStorage.freshRedisPrefix("monitoring"));
        env.put("BETANG_REGISTRY_URL", registry.baseUrl());
        env.put("BETANG_LOG_FORMAT", "json");
        // short enough that a registry slowed down below misses it, long enough for the rest on a busy machine
        env.put("BETANG_USSD_STEP_BUDGET_MS", "2500");
        env.put("BETANG_LIMIT_MSISDN_PER_MINUTE", "30");
        env.put("BETANG_LIMIT_MSISDN_BURST", "12");
        gateway = GatewayProcess.start("monitoring", env).awaitReady(Duration.ofSeconds(90));
        useTheService();
    }

    @AfterAll
    static void stop() throws Exception {
        if (gateway != null) {
            gateway.close();
        }
        if (registry != null) {
            registry.close();
        }
        if (smsc != null) {
            smsc.close();
        }
        TestStorage.dropDatabase(mysqlUrl);
    }

    /** A status check, one while the registry is slow, an SMS complaint, and a phone that dials too often. */
    static void useTheService() throws Exception {
        SimulatedPhone budi = smsc.phone(BUDI_PHONE);
        budi.dial("*777#");
        budi.send("1");
        assertTrue(budi.send(BUDI).text().startsWith("Status 6271********0004"));
        budi.send("00");
        budi.send("0");

        registry.server().setGlobalFixedDelay(6_000);
        try {
            budi.dial("*777#");
            budi.send("1");
            budi.send(BUDI);
            budi.hangUp();
        } finally {
            registry.server().setGlobalFixedDelay(0);
        }

        SimulatedPhone complainant = smsc.phone("6281355556666");
        complainant.sendSms("7777", "ADUAN PUNGLI " + COMPLAINT_WORDS).get();
        assertTrue(complainant.awaitSms(Duration.ofSeconds(60)).text().contains("tiket"));

        SimulatedPhone eager = smsc.phone("6281377778888");
        for (int i = 0; i < 15; i++) {
            eager.dial("*777#");
            eager.hangUp();
        }
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> scrape().contains("betang_rate_limited_total"));
    }

    static String scrape() throws Exception {
        var metrics = gateway.get("/metrics");
        assertEquals(200, metrics.statusCode());
        return metrics.body();
    }

    /** Sample names in the exposition format: what a PromQL selector matches. */
    static Set<String> exported(String scrape) {
        return scrape.lines().filter(l -> !l.startsWith("#") && !l.isBlank())
                .map(l -> l.split("[{ ]", 2)[0]).collect(Collectors.toCollection(TreeSet::new));
    }

    /** The gateway's own series (betang_…) and the JVM's it exports (jvm_…); label values are not names. */
    static final Pattern METRIC = Pattern.compile("\\b((?:betang|jvm)_[a-z0-9_]+)\\b");

    static Set<String> namedIn(String promql) {
        Set<String> names = new TreeSet<>();
        Matcher m = METRIC.matcher(promql.replaceAll("\"[^\"]*\"", "\"\""));
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    @SuppressWarnings("unchecked")
    static Set<String> namedByAlertRules() throws Exception {
        Map<String, Object> file = new org.yaml.snakeyaml.Yaml().load(Files.readString(MONITORING.resolve("alerts.yml")));
        Set<String> names = new TreeSet<>();
        for (Map<String, Object> group : (Iterable<Map<String, Object>>) file.get("groups")) {
            for (Map<String, Object> rule : (Iterable<Map<String, Object>>) group.get("rules")) {
                names.addAll(namedIn(String.valueOf(rule.get("expr"))));
            }
        }
        return names;
    }

    static Set<String> namedByDashboard() throws Exception {
        JsonObject dashboard = new JsonObject(Files.readString(
                MONITORING.resolve("grafana/dashboards/betang-gateway.json")));
        Set<String> names = new TreeSet<>();
        for (Object panel : dashboard.getJsonArray("panels")) {
            JsonArray targets = ((JsonObject) panel).getJsonArray("targets");
            assertFalse(targets.isEmpty(), "panel without a query: " + panel);
            for (Object target : targets) {
                names.addAll(namedIn(((JsonObject) target).getString("expr")));
            }
        }
        return names;
    }

    @Test
    void everyMetricAnAlertRuleNamesIsExported() throws Exception {
        Set<String> named = namedByAlertRules();
        assertTrue(named.size() >= 12, "the rules were read: " + named);
        Set<String> missing = new TreeSet<>(named);
        missing.removeAll(exported(scrape()));
        assertEquals(Set.of(), missing, "named by docker/monitoring/alerts.yml but not exported");
    }

    @Test
    void everyMetricTheDashboardNamesIsExported() throws Exception {
        Set<String> named = namedByDashboard();
        assertTrue(named.size() >= 12, "the panels were read: " + named);
        Set<String> missing = new TreeSet<>(named);
        missing.removeAll(exported(scrape()));
        assertEquals(Set.of(), missing, "named by the Grafana dashboard but not exported");
    }

    /** The value of one series in the exposition format, e.g. {@code name{label="x"}}. */
    static double value(String scrape, String series) {
        return scrape.lines().filter(l -> l.startsWith(series + " ")).findFirst()
                .map(l -> Double.parseDouble(l.substring(series.length() + 1).split(" ")[0]))
                .orElseThrow(() -> new AssertionError(series + " not in\n" + scrape));
    }

    @Test
    void theGaugesSayWhatHappened() throws Exception {
        String scrape = scrape();
        assertEquals(1, value(scrape, "betang_smpp_bind_up{bind=\"betang#1\"}"), scrape);
        assertEquals(1, value(scrape, "betang_smpp_binds_total{bind=\"betang#1\"}"), "bound once, never lost");
        assertEquals(0, value(scrape, "betang_registry_circuit_open"), "one slow answer opens no circuit");
        assertEquals(1, value(scrape, "betang_ussd_answered_later_total{action=\"registry.status\"}"),
                "the status lookup that missed its budget is counted");
    }

    @Test
    void jsonLogsAreOneObjectPerLineAndMaskedLikeText() throws Exception {
        String log = gateway.output();
        long lines = log.lines().count();
        assertTrue(lines > 10, log);
        log.lines().forEach(line -> {
            JsonObject event = new JsonObject(line);
            assertTrue(event.containsKey("level") && event.containsKey("loggerName")
                    && event.containsKey("formattedMessage") && event.containsKey("timestamp"), line);
            assertFalse(event.containsKey("arguments"), "raw arguments would bypass the wording reviewers read");
        });
        assertTrue(log.contains("62812*****890"), "steps are logged with the masked number");
        for (String secret : new String[] {BUDI_PHONE, "6281355556666", BUDI, COMPLAINT_WORDS}) {
            assertFalse(log.contains(secret), "a full MSISDN, NIK or message text in the log: " + secret);
        }
    }
}
