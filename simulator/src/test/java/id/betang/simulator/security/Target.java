package id.betang.simulator.security;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import id.betang.gateway.testing.TestStorage;
import id.betang.simulator.it.GatewayProcess;
import id.betang.simulator.registry.RegistryStub;
import id.betang.simulator.smsc.SmscSimulator;

/**
 * What the suite attacks: the real gateway jar bound to the simulator SMSC, the registry stub and a database and
 * Redis prefix of its own, configured as an operator would (an aggregator token of its own for the HTTP USSD
 * adapter). Also what an attacker needs to reach it: fresh phone numbers and HTTP.
 */
final class Target implements AutoCloseable {

    static final String AGGREGATOR = "africastalking";
    static final String AGGREGATOR_TOKEN = "c07be5d2a9f1486e3b0d7a52";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    final SmscSimulator smsc;
    final RegistryStub registry;
    final String mysqlUrl;
    final Map<String, String> env;
    final GatewayProcess gateway;
    final HouseholdData households;
    /** Every phone number an attacker used, for the log scan. */
    final Set<String> attackerPhones = ConcurrentHashMap.newKeySet();
    private final AtomicLong nextPhone = new AtomicLong(6285700000000L);

    private Target(SmscSimulator smsc, RegistryStub registry, String mysqlUrl, Map<String, String> env,
                   GatewayProcess gateway) {
        this.smsc = smsc;
        this.registry = registry;
        this.mysqlUrl = mysqlUrl;
        this.env = env;
        this.gateway = gateway;
        this.households = HouseholdData.of(registry.server().listAllStubMappings().getMappings());
    }

    static Target start() throws Exception {
        SmscSimulator smsc = new SmscSimulator(SmscSimulator.Options.defaults(GatewayProcess.freePort())).start();
        RegistryStub registry = new RegistryStub(GatewayProcess.freePort()).start();
        String mysqlUrl = TestStorage.freshDatabase("security");
        Map<String, String> env = GatewayProcess.env(smsc.port(), mysqlUrl, TestStorage.redisUrl(),
                TestStorage.freshRedisPrefix("security"));
        env.put("BETANG_REGISTRY_URL", registry.baseUrl());
        // the rate limits an operator gets (other tests lift them to stay out of their way), but a source address's
        // bucket smaller than the default 600 + 100/s, so that a burst outruns it on any machine, fast or slow
        env.keySet().removeIf(key -> key.startsWith("BETANG_LIMIT_"));
        env.put("BETANG_LIMIT_SOURCE_PER_MINUTE", "1200");
        env.put("BETANG_LIMIT_SOURCE_BURST", "200");
        env.put("BETANG_USSD_HTTP_TOKENS", AGGREGATOR + ":" + AGGREGATOR_TOKEN);
        // reminders checked every second at any hour: one signed up by an attacker would reach them during the run
        env.put("BETANG_REMINDER_INTERVAL_SECONDS", "1");
        env.put("BETANG_REMINDER_HOURS", "0-24");
        GatewayProcess gateway = GatewayProcess.start("security", env).awaitReady(Duration.ofSeconds(90));
        return new Target(smsc, registry, mysqlUrl, env, gateway);
    }

    /** A phone number no household, agent or earlier attack has: an attacker's own (or borrowed) phone. */
    String freshPhone() {
        while (true) {
            String msisdn = String.valueOf(nextPhone.getAndIncrement());
            if (!households.householdPhones.contains(msisdn) && !households.agentPhones.contains(msisdn)) {
                attackerPhones.add(msisdn);
                return msisdn;
            }
        }
    }

    String url(String path) {
        return "http://127.0.0.1:" + gateway.httpPort() + path;
    }

    /** One step on the HTTP USSD adapter (Africa's Talking form) with {@code token} as the bearer, or none. */
    HttpResponse<String> ussd(String token, String session, String phone, String text) throws IOException, InterruptedException {
        String form = "sessionId=" + session + "&serviceCode=" + URLEncoder.encode("*777#", StandardCharsets.UTF_8)
                + "&phoneNumber=" + phone + "&text=" + URLEncoder.encode(text, StandardCharsets.UTF_8);
        return post("/ussd/" + AGGREGATOR, "application/x-www-form-urlencoded", form, token, Map.of());
    }

    HttpResponse<String> post(String path, String type, String body, String token, Map<String, String> headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url(path))).timeout(Duration.ofSeconds(30))
                .header("Content-Type", type).POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        headers.forEach(request::header);
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** SMS rows in the outbox: what the gateway has queued to send, ever. */
    long outboxRows() throws SQLException {
        return count("SELECT COUNT(*) FROM outbox_sms");
    }

    long count(String sql) throws SQLException {
        try (Connection c = TestStorage.connect(mysqlUrl); var s = c.prepareStatement(sql); ResultSet rs = s.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Override
    public void close() throws Exception {
        try {
            gateway.close();
        } finally {
            registry.close();
            smsc.close();
            TestStorage.dropDatabase(mysqlUrl);
        }
    }
}
