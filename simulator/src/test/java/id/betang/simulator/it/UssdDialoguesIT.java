package id.betang.simulator.it;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import com.github.tomakehurst.wiremock.stubbing.StubMapping;

import id.betang.gateway.identity.NikHash;
import id.betang.gateway.testing.TestStorage;
import id.betang.simulator.registry.RegistryStub;
import id.betang.simulator.smsc.SimulatedPhone;
import id.betang.simulator.smsc.SmsInbox;
import id.betang.simulator.smsc.SmscSimulator;

/**
 * USSD dialogues backed by the registry, end to end: the gateway jar bound to the simulator SMSC over TCP,
 * real Redis and MariaDB, the registry as WireMock with the shipped sample residents. Each test is one
 * resident's journey; the ones that break the registry run last, because they open its circuit.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class UssdDialoguesIT {

    static final String BUDI = "6271031203900004";          // household phone 6281234567890
    static final String BUDI_PHONE = "6281234567890";
    static final String SITI = "6203014107850002";          // card …482913; household phones 62813…, 62857…
    static final String HASH_KEY = GatewayProcess.NIK_HASH_KEY;
    static final String API_TOKEN = GatewayProcess.API_TOKEN;
    static final String AGGREGATOR_TOKEN = GatewayProcess.AGGREGATOR_TOKEN;

    static SmscSimulator smsc;
    static RegistryStub registry;
    static GatewayProcess gateway;
    static String mysqlUrl;
    static String redisPrefix;
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        smsc = new SmscSimulator(SmscSimulator.Options.defaults(GatewayProcess.freePort())).start();
        registry = new RegistryStub(GatewayProcess.freePort(), true).start();
        mysqlUrl = TestStorage.freshDatabase("dialogues");
        redisPrefix = TestStorage.freshRedisPrefix("dialogues");
        Map<String, String> env = GatewayProcess.env(smsc.port(), mysqlUrl, TestStorage.redisUrl(), redisPrefix);
        env.put("BETANG_HTTP_PORT", String.valueOf(GatewayProcess.freePort()));
        env.put("BETANG_REGISTRY_URL", registry.baseUrl());
        // a 3 s step budget against a registry that takes 8 s when a test makes it slow (its timeout: 20 s), so
        // no step of a busy machine runs out of budget by chance, and a slow registry always does
        env.put("BETANG_USSD_STEP_BUDGET_MS", "3000");
        env.put("BETANG_REGISTRY_TIMEOUT_MS", "20000");
        gateway = GatewayProcess.start("dialogues", env).awaitReady(Duration.ofSeconds(60));
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

    /** How the stub's relative dates appear on screen (WireMock's "now" is UTC). */
    static String shown(int daysFromNow) {
        return shown(LocalDate.now(ZoneOffset.UTC).plusDays(daysFromNow));
    }

    static String shown(LocalDate d) {
        String[] months = {"Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des"};
        return d.getDayOfMonth() + " " + months[d.getMonthValue() - 1] + " " + d.getYear();
    }

    /** Every page of a paged screen, joined, as the resident reads it by pressing 99. */
    static String allPages(SimulatedPhone phone, SimulatedPhone.Screen first) throws Exception {
        StringBuilder text = new StringBuilder(first.text());
        SimulatedPhone.Screen screen = first;
        while (screen.text().endsWith("\n99 Lanjut")) {
            screen = phone.send("99");
            text.append('\n').append(screen.text());
        }
        return text.toString();
    }

    static List<String> audit(String nik) throws Exception {
        List<String> rows = new ArrayList<>();
        try (Connection c = TestStorage.connect(mysqlUrl);
             var s = c.prepareStatement("SELECT msisdn, subject, outcome FROM disclosure_audit WHERE nik_hash = ? ORDER BY id")) {
            s.setString(1, new NikHash(HASH_KEY).of(nik));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    rows.add(rs.getString(1) + " " + rs.getString(2) + " " + rs.getString(3));
                }
            }
        }
        return rows;
    }

    @Test
    @Order(1)
    void householdPhoneWalksEveryResidentMenu() throws Exception {
        SimulatedPhone phone = smsc.phone(BUDI_PHONE);
        phone.dial("*777#");
        assertEquals("Masukkan NIK (16 angka):", phone.send("1").text());
        SimulatedPhone.Screen status = phone.send(BUDI);
        assertFalse(status.end());
        String all = allPages(phone, status);
        assertTrue(all.startsWith("Status 6271********0004 per 12 Nov 2026:\nBLT (bantuan tunai): Aktif\nSembako murah: Aktif\n"
                + "PKH: Ditangguhkan (data anak sekolah belum lengkap)"), all);
        assertTrue(all.contains("PBI-JKN (BPJS gratis): Aktif"), all);
        assertFalse(all.contains(BUDI), "the full NIK is never shown");
        assertEquals(List.of(BUDI_PHONE + " STATUS SHOWN"), audit(BUDI));

        phone.send("00");
        phone.send("2");
        String schedule = allPages(phone, phone.send(BUDI));
        assertTrue(schedule.startsWith("Jadwal 6271********0004:\nSembako murah " + shown(10) + " beras 10 kg di Kelurahan Langkai\n"
                + "BLT (bantuan tunai) " + shown(17) + " Rp600.000 di Kantor Pos Palangka Raya"), schedule);
        assertFalse(schedule.contains(shown(-20)), "a paid disbursement is history, not schedule");
        assertEquals(List.of(BUDI_PHONE + " STATUS SHOWN", BUDI_PHONE + " SCHEDULE SHOWN"), audit(BUDI));

        phone.send("00");
        assertTrue(phone.send("3").text().startsWith("Pilih kabupaten/kota:\n1 Kotawaringin Barat"));
        String markets = allPages(phone, phone.send("14"));
        assertTrue(markets.startsWith("Pasar murah Kota Palangka Raya:\n" + shown(7) + " Lapangan Sanaman Mantikei (Jekan Raya)\n"
                + shown(14) + " Pasar Kahayan (Pahandut)"), markets);
        phone.send("0");
        assertTrue(phone.send("1").text().startsWith("Pasar murah Kotawaringin Barat:\n" + shown(4) + " Pasar Indrasari (Arut Selatan)"));
        StubMapping noMarkets = registry.server().stubFor(com.github.tomakehurst.wiremock.client.WireMock
                .get(urlPathEqualTo("/api/v1/market-schedules")).withQueryParam("region",
                        com.github.tomakehurst.wiremock.client.WireMock.equalTo("6208")).atPriority(1)
                .willReturn(com.github.tomakehurst.wiremock.client.WireMock.okJson("[]")));
        try {
            phone.send("0");
            assertEquals("Belum ada jadwal pasar murah di Sukamara.\n0 Kembali 00 Menu", phone.send("8").text());
        } finally {
            registry.server().removeStub(noMarkets);
        }

        phone.send("00");
        phone.send("6");
        assertTrue(phone.send("2").text().startsWith("Kartu Huma Betang Sejahtera\n1 Check aid status"));
        phone.send("1");
        assertTrue(phone.send(BUDI).text().startsWith("Status 6271********0004 as of 12 Nov 2026:\nBLT cash aid: Active"));
        phone.send("00");
        SimulatedPhone.Screen bye = phone.send("0");
        assertTrue(bye.end());
        assertEquals("Thank you. Goodbye.", bye.text());
    }

    /** Bahasa Banjar, which only the menu file names: 6 then 3, and the gateway serves every later screen in it. */
    @Test
    @Order(1)
    void sixThenThreeServesTheMenuInBanjar() throws Exception {
        SimulatedPhone phone = smsc.phone(BUDI_PHONE);
        phone.dial("*777#");
        assertTrue(phone.send("6").text().contains("\n3 Bahasa Banjar\n"));
        assertTrue(phone.send("3").text().startsWith("Kartu Huma Betang Sejahtera\n1 Cek status bantuan\n"
                + "2 Jadwal bantuan turun"));
        phone.send("1");
        assertTrue(phone.send(BUDI).text().startsWith("Status 6271********0004 per 12 Nov 2026:\nBLT (bantuan duit): Aktif"));
        phone.send("00");
        SimulatedPhone.Screen bye = phone.send("0");
        assertTrue(bye.end());
        assertEquals("Tarima kasih. Sampai batamu pulang.", bye.text());
    }

    /** The screen a phone not the household's sees after the NIK, naming the household phone (masked). */
    static String confirmScreen(String nik, String phone) {
        return "Nomor HP ini belum terdaftar untuk NIK " + nik.substring(0, 4) + "********" + nik.substring(12)
                + ".\n1 6 angka terakhir kartu KHBS\n2 Kode SMS ke " + phone + "\n0 Kembali 00 Menu";
    }

    @Test
    @Order(2)
    void anotherPhoneConfirmsWithTheCardDigitsFirst() throws Exception {
        String stranger = "6281299990001";
        SimulatedPhone phone = smsc.phone(stranger);
        phone.dial("*777*1#");
        assertEquals(confirmScreen(SITI, "0813****2222"), phone.send(SITI).text());
        assertEquals("Masukkan 6 angka terakhir nomor kartu KHBS:", phone.send("1").text());
        assertTrue(phone.send("111111").text().startsWith("Angka kartu tidak cocok.\n1 Coba lagi"));
        assertEquals(confirmScreen(SITI, "0813****2222"), phone.send("1").text());
        phone.send("1");
        String status = allPages(phone, phone.send("482913"));
        assertTrue(status.startsWith("Status 6203********0002 per 10 Nov 2026:\nPKH: Aktif\nBPNT/Sembako: Aktif"), status);
        assertEquals(List.of(stranger + " IDENTITY VERIFY_FAILED", stranger + " STATUS SHOWN"),
                audit(SITI).stream().filter(row -> row.startsWith(stranger + " ")).toList());
        registry.server().verify(postRequestedFor(urlPathMatching("/api/v1/residents/" + SITI + "/verify"))
                .withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.equalToJson("{\"cardSuffix\":\"482913\"}")));

        // confirmed once in this visit: the schedule needs no second confirmation
        phone.send("00");
        phone.send("2");
        assertEquals("Belum ada jadwal penyaluran untuk 6203********0002.\n0 Kembali 00 Menu", phone.send(SITI).text());
    }

    @Test
    @Order(2)
    void anotherPhoneConfirmsWithACodeSentToTheHouseholdPhone() throws Exception {
        String cousin = "6281299990011";
        SimulatedPhone household = smsc.phone("6281311112222");
        household.drainSms();
        SimulatedPhone phone = smsc.phone(cousin);
        phone.dial("*777*2#");
        phone.send(SITI);
        assertEquals("Kode dikirim ke 0813****2222. Masukkan kode 6 angka:", phone.send("2").text());
        String sms = household.awaitSms(Duration.ofSeconds(30)).text();
        java.util.regex.Matcher code = java.util.regex.Pattern.compile("Kode KHBS: (\\d{6})\\. Diminta HP 0812\\*{4}0011 ").matcher(sms);
        assertTrue(code.find(), "the household phone learns who asks: " + sms);
        assertTrue(sms.contains("6203********0002") && sms.contains("hanya kepada keluarga"), sms);
        String wrong = code.group(1).equals("000000") ? "000001" : "000000";
        assertTrue(phone.send(wrong).text().startsWith("Kode salah.\n1 Coba lagi"));
        phone.send("1");
        assertEquals("Belum ada jadwal penyaluran untuk 6203********0002.\n0 Kembali 00 Menu", phone.send(code.group(1)).text());
        assertTrue(audit(SITI).containsAll(List.of(cousin + " IDENTITY CODE_SENT", cousin + " IDENTITY VERIFY_FAILED",
                cousin + " SCHEDULE SHOWN")), audit(SITI).toString());
    }

    @Test
    @Order(3)
    void threeWrongCardDigitsLockTheNikForThatPhone() throws Exception {
        String prober = "6281299990002";
        int verifiesBefore = registry.server().findAll(postRequestedFor(urlPathMatching("/api/v1/residents/.*/verify"))).size();
        SimulatedPhone phone = smsc.phone(prober);
        phone.dial("*777*1#");
        phone.send(SITI);
        phone.send("1");
        phone.send("020219");
        phone.send("1");
        phone.send("1");
        phone.send("030319");
        phone.send("1");
        phone.send("1");
        SimulatedPhone.Screen locked = phone.send("040419");
        assertTrue(locked.end());
        assertEquals("Terlalu banyak percobaan salah. Coba lagi setelah 30 menit.", locked.text());

        phone.dial("*777*1#");
        SimulatedPhone.Screen again = phone.send(SITI);
        assertTrue(again.end(), "still locked: no confirmation is even asked");
        assertEquals("Terlalu banyak percobaan salah. Coba lagi setelah 30 menit.", again.text());
        assertEquals(verifiesBefore + 3,
                registry.server().findAll(postRequestedFor(urlPathMatching("/api/v1/residents/.*/verify"))).size());
        assertTrue(audit(SITI).containsAll(List.of(prober + " IDENTITY VERIFY_FAILED", prober + " IDENTITY LOCKED",
                prober + " STATUS LOCKED")), audit(SITI).toString());

        // the household's own phone is not affected by a stranger's lock
        SimulatedPhone own = smsc.phone("6281311112222");
        own.dial("*777*1#");
        assertTrue(own.send(SITI).text().startsWith("Status 6203********0002"));
    }

    @Test
    @Order(4)
    void anUnknownNikLooksLikeAKnownOneAndTheDailyLimitOfDistinctNiks() throws Exception {
        SimulatedPhone phone = smsc.phone("6281299990003");
        phone.dial("*777#");
        java.util.Set<String> decoys = new java.util.HashSet<>();
        for (String nik : List.of("6271010101900001", "6271010101900002", "6271010101900003")) {
            phone.send("1");
            String screen = phone.send(nik).text();
            String decoy = screen.substring(screen.indexOf("Kode SMS ke ") + 12, screen.indexOf("\n0 Kembali"));
            assertTrue(decoy.matches("08\\d{2}\\*{4}\\d{4}"), "shaped like a real phone: " + decoy);
            assertEquals(confirmScreen(nik, decoy), screen, "the screen a known NIK shows a stranger");
            decoys.add(decoy);
            phone.send("00");
        }
        assertTrue(decoys.size() > 1, "one decoy per NIK, not one for all: " + decoys);
        phone.send("1");
        SimulatedPhone.Screen limited = phone.send("6271010101900004");
        assertTrue(limited.end());
        assertEquals("Batas cek NIK hari ini sudah tercapai. Coba lagi besok.", limited.text());

        // the same decoy again, and the same steps after it as for a household: a code "sent", every answer wrong
        phone.dial("*777*1#");
        String again = phone.send("6271010101900002").text();
        String decoy = again.substring(again.indexOf("Kode SMS ke ") + 12, again.indexOf("\n0 Kembali"));
        assertTrue(decoys.contains(decoy), "asking twice shows the same phone: " + decoy + " " + decoys);
        assertEquals("Kode dikirim ke " + decoy + ". Masukkan kode 6 angka:", phone.send("2").text());
        assertTrue(phone.send("123456").text().startsWith("Kode salah.\n1 Coba lagi"));
        assertEquals(List.of("6281299990003 STATUS LIMITED"), audit("6271010101900004"));
        assertEquals(List.of("6281299990003 IDENTITY CODE_SENT", "6281299990003 IDENTITY VERIFY_FAILED"),
                audit("6271010101900002"), "audited as a known NIK's would be, and no NOT_FOUND to tell them apart");

        phone.dial("*777*1#");
        SimulatedPhone.Screen badShape = phone.send("1234567890123456");
        assertTrue(badShape.text().startsWith("NIK tidak sah, periksa lagi angkanya.\nMasukkan NIK"), "no registry call for a malformed NIK: "
                + badShape.text());
    }

    @Test
    @Order(5)
    void aSocialWorkersPhoneSeesTheAgentMenu() throws Exception {
        SimulatedPhone agent = smsc.phone("6281199990000");
        String menu = agent.dial("*777#").text();
        assertTrue(menu.contains("\n7 Layanan pendamping"), menu);
        assertEquals("Masukkan PIN pendamping:", agent.send("7").text(), "the agent's PIN first");
        assertEquals("Layanan pendamping\n1 Pengaduan atas nama warga\n2 Usul perubahan data\n0 Kembali 00 Menu",
                agent.send("246810").text());
        SimulatedPhone resident = smsc.phone("6281299990006");
        assertFalse(resident.dial("*777#").text().contains("\n7 "), "residents do not see it");
        assertEquals("Pilih 0-6.", resident.send("7").text().lines().findFirst().orElseThrow(),
                "nor can they choose it");
    }

    @Test
    @Order(5)
    void sameJourneysOverTheHttpAdapter() throws Exception {
        assertTrue(http("s1", BUDI_PHONE, "").body().startsWith("CON Kartu Huma Betang Sejahtera\n1 Cek status bantuan"));
        assertEquals("CON Masukkan NIK (16 angka):", http("s1", BUDI_PHONE, "1").body());
        HttpResponse<String> status = http("s1", BUDI_PHONE, "1*" + BUDI);
        assertEquals(200, status.statusCode());
        assertEquals("text/plain; charset=utf-8", status.headers().firstValue("Content-Type").orElseThrow());
        assertTrue(status.body().startsWith("CON Status 6271********0004 per 12 Nov 2026:\nBLT (bantuan tunai): Aktif"), status.body());
        assertTrue(status.body().endsWith("\n99 Lanjut"), "the way back needs a second page: " + status.body());
        assertEquals("CON PBI-JKN (BPJS gratis): Aktif\n0 Kembali 00 Menu", http("s1b", BUDI_PHONE, "1*" + BUDI + "*99").body());
        assertTrue(http("s1", BUDI_PHONE, "1*" + BUDI + "*00").body().startsWith("CON Kartu Huma Betang Sejahtera"));
        assertEquals("END Terima kasih. Sampai jumpa.", http("s1", BUDI_PHONE, "1*" + BUDI + "*00*0").body());

        // a stranger confirms with the card digits through the aggregator too
        String stranger = "081299990004";
        http("s2", stranger, "");
        http("s2", stranger, "1");
        assertTrue(http("s2", stranger, "1*" + SITI).body().startsWith("CON Nomor HP ini belum terdaftar"));
        http("s2", stranger, "1*" + SITI + "*1");
        assertTrue(http("s2", stranger, "1*" + SITI + "*1*482913").body().startsWith("CON Status 6203********0002"));

        // a session the gateway never saw (or lost) is rebuilt from the aggregator's transcript
        assertTrue(http("s3", BUDI_PHONE, "1*" + BUDI).body().startsWith("CON Status 6271********0004"));

        assertEquals(401, post("/ussd/africastalking", form("s4", BUDI_PHONE, ""), null).statusCode());
        assertEquals(401, post("/ussd/africastalking?token=wrong", form("s4", BUDI_PHONE, ""), null).statusCode());
        assertEquals(200, post("/ussd/africastalking?token=" + AGGREGATOR_TOKEN, form("s4", BUDI_PHONE, ""), null)
                .statusCode());
        // the API token opens the notifications and admin APIs, never the USSD adapter
        assertEquals(401, post("/ussd/africastalking?token=" + API_TOKEN, form("s4", BUDI_PHONE, ""), null).statusCode());
        assertEquals(401, post("/ussd/africastalking", form("s4", BUDI_PHONE, ""), API_TOKEN).statusCode());
        HttpResponse<String> bad = post("/ussd/africastalking", form("s5", "not-a-phone", ""), AGGREGATOR_TOKEN);
        assertEquals(400, bad.statusCode());
        assertTrue(bad.body().startsWith("END bad request"));
        assertEquals("END Pilihan salah.", post("/ussd/africastalking",
                Map.of("sessionId", "s6", "serviceCode", "*123#", "phoneNumber", BUDI_PHONE, "text", ""), AGGREGATOR_TOKEN)
                .body());
    }

    @Test
    @Order(6)
    void slowRegistryAnswersBySms() throws Exception {
        StubMapping slow = registry.server().stubFor(any(urlPathEqualTo("/api/v1/residents/" + BUDI))
                .atPriority(1).willReturn(aResponse().withFixedDelay(8000).withHeader("Content-Type", "application/json")
                        .withBody("{\"nik\":\"" + BUDI + "\",\"name\":\"Budi Santoso\",\"householdId\":\"KK-6271-000104\","
                                + "\"region\":\"6271\",\"msisdns\":[\"" + BUDI_PHONE + "\"]}")));
        try {
            SimulatedPhone phone = smsc.phone(BUDI_PHONE);
            phone.drainSms();
            phone.dial("*777*1#");
            SimulatedPhone.Screen later = phone.send(BUDI);
            // the budget's screen: without the budget the step would have waited the registry's 8 s for the status
            assertTrue(later.end());
            assertEquals("Data sedang diambil. Jawaban akan dikirim lewat SMS sebentar lagi.", later.text());
            SmsInbox.Sms sms = phone.awaitSms(Duration.ofSeconds(30));
            assertNotNull(sms, "the answer follows by SMS");
            assertTrue(sms.text().startsWith("Status 6271********0004 per 12 Nov 2026:\nBLT (bantuan tunai): Aktif\n"), sms.text());
            assertTrue(sms.text().contains("PBI-JKN (BPJS gratis): Aktif") && !sms.text().contains("99 Lanjut"),
                    "the whole answer in one SMS, no paging: " + sms.text());
            assertTrue(audit(BUDI).contains(BUDI_PHONE + " STATUS SENT_BY_SMS"), audit(BUDI).toString());
        } finally {
            registry.server().removeStub(slow);
        }
    }

    @Test
    @Order(7)
    void registryDownShowsTheLastAnswerStampedOrSaysBusy() throws Exception {
        StubMapping down = registry.server().stubFor(any(urlPathMatching("/api/v1/residents/.*"))
                .atPriority(1).willReturn(aResponse().withStatus(500)));
        try {
            SimulatedPhone phone = smsc.phone(BUDI_PHONE);
            phone.dial("*777*1#");
            String cached = allPages(phone, phone.send(BUDI));
            String today = shown(LocalDate.now(java.time.ZoneId.of("Asia/Jakarta")));
            assertTrue(cached.startsWith("Registri sedang gangguan. Data terakhir 6271********0004 per " + today), cached);
            assertTrue(cached.contains("BLT (bantuan tunai): Aktif"), cached);
            assertTrue(audit(BUDI).contains(BUDI_PHONE + " STATUS SHOWN_CACHED"));
            // the last answers kept in Redis hold neither the NIK nor the household's phone numbers
            try (var redis = id.betang.gateway.session.RedisConnection.open(TestStorage.redis(redisPrefix))) {
                List<String> keys = redis.sync().keys(redisPrefix + "last:*");
                assertFalse(keys.isEmpty(), "a last answer is kept");
                for (String key : keys) {
                    String kept = redis.sync().get(key);
                    assertFalse(kept.contains(BUDI) || kept.contains(BUDI_PHONE) || key.contains(BUDI), key + " = " + kept);
                }
            }

            // nobody ever looked this one up: nothing to show, only an honest "try later"
            SimulatedPhone other = smsc.phone("6281299990005");
            other.dial("*777*1#");
            SimulatedPhone.Screen busy = other.send("6271010101900007");
            assertTrue(busy.end());
            assertEquals("Maaf, layanan sedang sibuk. Silakan coba lagi nanti.", busy.text());
        } finally {
            registry.server().removeStub(down);
        }
    }

    @Test
    @Order(8)
    void logsCarryOneLinePerStepAndNeverAFullNik() throws Exception {
        String log = gateway.output();
        assertTrue(log.contains("ussd-smpp step msisdn=62812*****890"), "step lines");
        assertTrue(log.contains("screen=status.result"), "the screen shown is named");
        assertTrue(log.contains("ussd-http step"), "HTTP steps are logged the same way");
        for (String nik : List.of(BUDI, SITI, "6271010101900004")) {
            assertFalse(log.contains(nik), "full NIK in the log: " + nik);
        }
    }

    static Map<String, String> form(String session, String phone, String text) {
        return Map.of("sessionId", session, "serviceCode", "*777#", "phoneNumber", phone, "text", text);
    }

    static HttpResponse<String> http(String session, String phone, String text) throws Exception {
        return post("/ussd/africastalking", form(session, phone, text), AGGREGATOR_TOKEN);
    }

    static HttpResponse<String> post(String path, Map<String, String> form, String bearer) throws Exception {
        String body = form.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.httpPort() + path))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
