package id.betang.simulator.security;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.Set;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import id.betang.simulator.it.GatewayProcess;
import id.betang.simulator.smsc.SmsInbox;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * The security suite (issue 17): attacks the running gateway jar as someone would, and counts. Each attack ends
 * refused or as a leak; the suite prints {@code attacks=<n> refused=<n> leaks=<n>} per attack class and in all,
 * and every class must end with no leak. Last, every line the suite's gateways logged is scanned for personal data.
 *
 * <p>{@code -Dsecurity.attempts=N} sets the enumeration attempts per channel (100 in {@code mvn verify};
 * bench/security.sh runs thousands).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SecuritySuiteIT {

    static final int ATTEMPTS = Integer.getInteger("security.attempts", 100);
    static final Path REPORT = Path.of("target", "security-report.txt");
    static final Tally TALLY = new Tally();
    static Target target;
    static Enumeration enumeration;
    /** The credential that opens the HTTP USSD adapter: the aggregator's own, or (before it) the API token. */
    static String ussdToken;
    static final Set<String> INGATKAN_PHONES = ConcurrentHashMap.newKeySet();
    static final Instant STARTED = Instant.now().minusSeconds(1);

    @BeforeAll
    static void start() throws Exception {
        TestJvmLog.start();
        target = Target.start();
        enumeration = new Enumeration(target, TALLY);
        // every known household has a payout tomorrow, somewhere only its data names: a reminder or a schedule
        // reaching an attacker is then plain to see
        LocalDate tomorrow = LocalDate.now(ZoneId.of("Asia/Jakarta")).plusDays(1);
        for (String nik : target.households.knownList()) {
            JsonObject payout = new JsonObject().put("program", "PKH").put("date", tomorrow.toString())
                    .put("amount", 750000).put("place", "Balai Desa Rahasia " + nik.substring(12)).put("status", "READY");
            target.households.addPlace(payout);
            target.registry.server().stubFor(get(urlPathEqualTo("/api/v1/residents/" + nik + "/disbursements"))
                    .atPriority(1).willReturn(okJson(new JsonObject().put("nik", nik)
                            .put("disbursements", new JsonArray().add(payout)).encode())));
        }
        // more agents than the stub's one: attempts run side by side (one dialogue per phone), and in mvn verify each
        // phone makes about one, below its rate limit (a limit cutting dialogues short would blur their shapes)
        for (int i = 1; i <= 99; i++) {
            String agent = "6281199991" + String.format("%03d", i);
            target.registry.server().stubFor(get(urlPathEqualTo("/api/v1/agents/" + agent)).willReturn(okJson(
                    new JsonObject().put("agentId", "PSKS-6271-9" + i).put("name", "Petugas Uji").put("region", "6271").encode())));
            target.households.agentPhones.add(agent);
        }
        ussdToken = target.ussd(Target.AGGREGATOR_TOKEN, "probe-1", target.freshPhone(), "").statusCode() == 200
                ? Target.AGGREGATOR_TOKEN : GatewayProcess.API_TOKEN;
        System.out.println("security suite: " + ATTEMPTS + " attempts per channel, " + target.households.knownNiks.size()
                + " known NIKs, HTTP USSD opened by the " + (ussdToken.equals(Target.AGGREGATOR_TOKEN)
                ? "aggregator's token" : "API token (no aggregator token yet)"));
    }

    @AfterAll
    static void stop() throws Exception {
        String report = "security suite, " + ATTEMPTS + " attempts per enumeration channel:\n"
                + (enumeration == null ? "" : enumeration.answerTimes.report() + "\n") + TALLY.report();
        System.out.println(report);
        Files.writeString(REPORT, report + "\n");
        if (target != null) {
            target.close();
        }
        TestJvmLog.stop();
    }

    static void assertNoLeak(String... attackClasses) {
        for (String c : attackClasses) {
            assertEquals(0, TALLY.leaks(c), c + ":\n" + TALLY.evidence(c));
        }
    }

    @Test
    @Order(1)
    void enumerationOfNiksThroughUssdOverSmpp() throws Exception {
        enumeration.run("enum-ussd-smpp", enumeration.niks(ATTEMPTS, 1), 8,
                enumeration.ussdOverSmpp(Enumeration::confirmations));
        assertNoLeak("enum-ussd-smpp");
    }

    @Test
    @Order(2)
    void enumerationOfNiksThroughHttpUssdWithARotatingPhoneNumber() throws Exception {
        enumeration.run("enum-ussd-http", enumeration.niks(ATTEMPTS, 2), 8,
                enumeration.ussdOverHttp(ussdToken, Enumeration::confirmations));
        assertNoLeak("enum-ussd-http");
    }

    @Test
    @Order(3)
    void enumerationOfNiksBySmsCek() throws Exception {
        enumeration.run("enum-sms-cek", enumeration.niks(ATTEMPTS, 3), 16,
                enumeration.sms(List.of("CEK {nik}", "CEK {nik} {dob}", "CEK {nik} {six}"), ConcurrentHashMap.newKeySet()));
        assertNoLeak("enum-sms-cek");
    }

    @Test
    @Order(4)
    void enumerationOfNiksBySmsIngatkan() throws Exception {
        enumeration.run("enum-sms-ingatkan", enumeration.niks(ATTEMPTS, 4), 16,
                enumeration.sms(List.of("INGATKAN {nik}", "INGATKAN {nik} {six}"), INGATKAN_PHONES));
        assertNoLeak("enum-sms-ingatkan");
    }

    @Test
    @Order(5)
    void enumerationOfNiksThroughTheAgentMenuWithoutPin() throws Exception {
        List<String> agents = target.households.agentPhones.stream().sorted().toList();
        enumeration.run("enum-agent-no-pin", enumeration.niks(ATTEMPTS, 5), 8, enumeration.agentWithoutPin(agents));
        assertNoLeak("enum-agent-no-pin");
    }

    /** The birth date a NIK gives away, offered wherever a confirmation is asked, on every channel: never enough. */
    @Test
    @Order(6)
    void theBirthDateFromANikConfirmsNothing() throws Exception {
        ExecutorService attackers = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (String nik : target.households.knownList()) {
                for (String typed : List.of(Niks.birthDate(nik), Niks.sixDigits(nik))) {
                    running.add(attackers.submit(() -> birthDate(nik, Enumeration.dialogue(
                            target.smsc.phone(target.freshPhone()), List.of("1", nik, typed)))));
                    running.add(attackers.submit(() -> birthDate(nik,
                            enumeration.ussdOverHttp(ussdToken, n -> List.of(typed)).attempt(nik))));
                    running.add(attackers.submit(() -> birthDate(nik, List.of(Enumeration.ask(
                            target.smsc.phone(target.freshPhone()), "CEK " + nik + " " + typed)))));
                }
            }
            for (Future<?> f : running) {
                f.get();
            }
        } finally {
            attackers.shutdownNow();
        }
        assertNoLeak("birth-date");
    }

    private static Void birthDate(String nik, List<String> transcript) {
        String leak = transcript.stream().map(target.households::disclosure).filter(Objects::nonNull).findFirst()
                .map(what -> what + " for " + Enumeration.mask(nik) + " after its birth date").orElse(null);
        TALLY.record("birth-date", leak);
        return null;
    }

    @Test
    @Order(7)
    void forgedReplayedAndStaleWebhooksSendNothing() throws Exception {
        new Edge(target, TALLY).webhooks();
        assertNoLeak("webhooks");
    }

    @Test
    @Order(8)
    void eachCredentialOpensOnlyItsOwnDomain() throws Exception {
        new Edge(target, TALLY).credentials();
        assertNoLeak("credentials");
    }

    @Test
    @Order(9)
    void oversizedBodiesAreRefusedAndQueueNothing() throws Exception {
        new Edge(target, TALLY).oversizedBodies(ussdToken);
        assertNoLeak("oversized-bodies");
    }

    @Test
    @Order(10)
    void weakSecretsStopTheJarAtStartUp() throws Exception {
        new Secrets(target, TALLY).attack();
        assertNoLeak("secrets");
    }

    @Test
    @Order(11)
    void burstsMeetTheRateLimits() throws Exception {
        new Edge(target, TALLY).rateLimits(ussdToken, 60);
        assertNoLeak("rate-limits");
    }

    /** A reminder sign-up made by someone who is not the household must never bring them a reminder later. */
    @Test
    @Order(12)
    void noReminderReachesAPhoneThatAskedForAStrangersOne() {
        for (String msisdn : INGATKAN_PHONES) {
            List<SmsInbox.Sms> later = target.smsc.phone(msisdn).drainSms();
            TALLY.record("ingatkan-later", later.isEmpty() ? null
                    : later.size() + " SMS after the answers, e.g. " + later.get(0).text());
        }
        assertNoLeak("ingatkan-later");
    }

    /** Every line the suite's gateways (and this JVM) logged: no full NIK, no full MSISDN, no message text at INFO. */
    @Test
    @Order(13)
    void theLogsHoldNoNikNoMsisdnAndNoMessageText() throws Exception {
        Set<String> phones = new HashSet<>(target.attackerPhones);
        phones.addAll(target.households.householdPhones);
        Set<String> texts = new HashSet<>(enumeration.textsSeen);
        texts.addAll(List.of("jembatan gantung di desa kami putus", "Warga ini sudah meninggal dunia",
                "Bantuan Anda cair besok, datang ke kantor desa", "Info pasar murah minggu ini"));
        LogScan scan = new LogScan(enumeration.niksUsed, phones, texts, List.of(GatewayProcess.API_TOKEN,
                GatewayProcess.WEBHOOK_SECRET, GatewayProcess.NIK_HASH_KEY, GatewayProcess.REGISTRY_TOKEN,
                Target.AGGREGATOR_TOKEN));
        List<Path> logs = new ArrayList<>(LogScan.gatewayLogs(Path.of("target"), STARTED).stream()
                .filter(p -> p.getFileName().toString().startsWith("gateway-security")).toList());
        logs.add(TestJvmLog.FILE);
        long lines = 0;
        for (Path log : logs) {
            lines += Files.readAllLines(log).size();
            List<LogScan.Finding> findings = scan.scan(log);
            TALLY.record("log-scan", findings.isEmpty() ? null : findings.size() + " lines, e.g. " + findings.get(0));
        }
        System.out.println("log scan: " + logs.size() + " logs, " + lines + " lines, " + texts.size() + " texts, "
                + enumeration.niksUsed.size() + " NIKs, " + phones.size() + " phones looked for");
        assertNoLeak("log-scan");
    }
}
