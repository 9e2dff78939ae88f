package id.betang.simulator.it;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.stubbing.StubMapping;

import id.betang.gateway.testing.TestStorage;
import id.betang.menus.TicketId;
import id.betang.simulator.registry.RegistryStub;
import id.betang.simulator.smsc.SimulatedPhone;
import id.betang.simulator.smsc.SmscSimulator;

/**
 * Complaints from USSD to the registry: filed on menu 4 (or 7 by a social worker), stored with the row that
 * forwards them, sent to the registry exactly once (also across a registry outage and a gateway restart),
 * and followed on menu 5 by the phone that filed them, and only by it.
 */
class ComplaintsIT {

    static final Pattern TICKET = Pattern.compile("Nomor tiket: (HB[2-9A-HJ-NP-Z]{6})");

    static SmscSimulator smsc;
    static RegistryStub registry;
    static String mysqlUrl;
    static Map<String, String> env;

    @BeforeAll
    static void start() throws Exception {
        smsc = new SmscSimulator(SmscSimulator.Options.defaults(GatewayProcess.freePort())).start();
        registry = new RegistryStub(GatewayProcess.freePort(), true).start();
        mysqlUrl = TestStorage.freshDatabase("complaints");
        env = InProcessGateway.env(smsc.port(), mysqlUrl, TestStorage.freshRedisPrefix("complaints"));
        env.put("BETANG_REGISTRY_URL", registry.baseUrl());
        env.put("BETANG_COMPLAINTS_PER_DAY", "3");
    }

    @AfterAll
    static void stop() throws Exception {
        if (registry != null) {
            registry.close();
        }
        if (smsc != null) {
            smsc.close();
        }
        TestStorage.dropDatabase(mysqlUrl);
    }

    static String fileOverUssd(SimulatedPhone phone, String categoryKey, String nik, String text) throws Exception {
        phone.dial("*777#");
        assertTrue(phone.send("4").text().startsWith("Jenis pengaduan:\n1 Bantuan belum diterima"));
        assertTrue(phone.send(categoryKey).text().startsWith("Masukkan NIK (16 angka)\n0 = tidak punya"));
        SimulatedPhone.Screen afterNik = phone.send(nik);
        if (nik.equals("0")) {
            assertTrue(afterNik.text().startsWith("Kabupaten/kota Anda:"), afterNik.text());
            afterNik = phone.send("3");
        }
        assertEquals("Nama desa/kelurahan:", afterNik.text(), "a NIK names its district: not asked again");
        assertEquals("Ceritakan singkat masalahnya (maks 160 huruf):", phone.send("Desa Sei Pitung").text());
        assertTrue(phone.send(text).text().startsWith("Kirim pengaduan ini?\n"), "a summary before anything is filed");
        SimulatedPhone.Screen filed = phone.send("1");
        assertTrue(filed.end(), filed.text());
        Matcher m = TICKET.matcher(filed.text());
        assertTrue(m.find(), filed.text());
        assertTrue(TicketId.isValid(m.group(1)));
        return m.group(1);
    }

    static int forwardsOf(String ticket) {
        return registry.server().findAll(postRequestedFor(urlPathEqualTo("/api/v1/complaints"))
                .withHeader("Idempotency-Key", equalTo(ticket))).size();
    }

    static String column(String sql, String ticket) throws Exception {
        try (Connection c = TestStorage.connect(mysqlUrl); var s = c.prepareStatement(sql)) {
            s.setString(1, ticket);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    @Test
    void aUssdComplaintReachesTheRegistryOnceAndItsFilerFollowsIt() throws Exception {
        try (InProcessGateway g = InProcessGateway.start(env).awaitBound(Duration.ofSeconds(30))) {
            SimulatedPhone phone = smsc.phone("6281377778888");
            String ticket = fileOverUssd(phone, "3", "0", "Keluarga kami miskin tapi tidak terdaftar; RT 05 <b>'x'</b>");

            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> forwardsOf(ticket) == 1);
            registry.server().verify(postRequestedFor(urlPathEqualTo("/api/v1/complaints"))
                    .withHeader("Idempotency-Key", equalTo(ticket))
                    .withRequestBody(matchingJsonPath("$.category", equalTo("EXCLUDED_BUT_ELIGIBLE")))
                    .withRequestBody(matchingJsonPath("$.channel", equalTo("USSD")))
                    .withRequestBody(matchingJsonPath("$.msisdn", equalTo("6281377778888")))
                    .withRequestBody(matchingJsonPath("$.region", equalTo("6203")))
                    .withRequestBody(matchingJsonPath("$.village", equalTo("Desa Sei Pitung"))));
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() ->
                    "ACCEPTED".equals(column("SELECT status FROM complaint_forward WHERE ticket_id = ?", ticket)));
            assertEquals("Keluarga kami miskin tapi tidak terdaftar; RT 05 <b>'x'</b>",
                    column("SELECT body FROM complaint WHERE ticket_id = ?", ticket), "stored verbatim");
            assertEquals(null, column("SELECT nik FROM complaint WHERE ticket_id = ?", ticket), "no NIK: 0 was chosen");

            phone.dial("*777*5#");
            String status = phone.send(ticket.toLowerCase()).text();
            assertTrue(status.startsWith("Tiket " + ticket + ": Diterima\nPengaduan diterima petugas kabupaten\nPer "),
                    status);

            SimulatedPhone other = smsc.phone("6281299990010");
            other.dial("*777*5#");
            assertTrue(other.send(ticket).text().startsWith("Detail tiket hanya untuk nomor HP pelapor."));
            other.dial("*777*5#");
            String typo = ticket.substring(0, 7) + (ticket.charAt(7) == 'A' ? 'B' : 'A');
            assertTrue(other.send(typo).text().startsWith("Nomor tiket salah ketik, periksa lagi.\n"),
                    "a wrong check character is caught at once");
            assertEquals(1, forwardsOf(ticket), "exactly once");
        }
    }

    static final Pattern SMS_TICKET = Pattern.compile("^Pengaduan diterima\\. Nomor tiket: (HB[2-9A-HJ-NP-Z]{6})\\. ");

    @Test
    void aUssdComplaintShowsItsTicketAndSendsItBySmsToo() throws Exception {
        try (InProcessGateway g = InProcessGateway.start(env).awaitBound(Duration.ofSeconds(30))) {
            SimulatedPhone phone = smsc.phone("6281299990017");
            phone.drainSms();
            String ticket = fileOverUssd(phone, "2", "0", "nama ibu salah");
            var sms = phone.awaitSms(Duration.ofSeconds(30));
            assertTrue(sms != null, "the ticket also comes by SMS, for a screen that vanished");
            Matcher m = SMS_TICKET.matcher(sms.text());
            assertTrue(m.find(), sms.text());
            assertEquals(ticket, m.group(1));
            assertEquals("ticket", column("SELECT category FROM outbox_sms WHERE msisdn = ?", "6281299990017"));
            Quiet.noSms(phone, Duration.ofSeconds(1), "one ticket SMS");
        }
    }

    @Test
    void aStoreSlowerThanTheStepSaysTheTicketComesBySmsAndItDoes() throws Exception {
        try (InProcessGateway g = InProcessGateway.start(env).awaitBound(Duration.ofSeconds(30))) {
            SimulatedPhone phone = smsc.phone("6281299990018");
            phone.drainSms();
            phone.dial("*777#");
            phone.send("4");
            phone.send("1");
            phone.send("0");
            phone.send("3");
            phone.send("Desa Sei Pitung");
            assertTrue(phone.send("BLT belum cair").text().startsWith("Kirim pengaduan ini?"));
            SimulatedPhone.Screen later;
            try (Connection lock = TestStorage.connect(mysqlUrl)) {
                // MySQL held up by another writer for longer than the step may take
                lock.createStatement().execute("LOCK TABLES complaint WRITE");
                later = phone.send("1");
                lock.createStatement().execute("UNLOCK TABLES");
            }
            assertTrue(later.end(), later.text());
            assertEquals("Pengaduan sedang disimpan. Nomor tiket dikirim lewat SMS sebentar lagi.", later.text());
            var sms = phone.awaitSms(Duration.ofSeconds(30));
            assertTrue(sms != null, "the filing went on and its SMS came");
            Matcher m = SMS_TICKET.matcher(sms.text());
            assertTrue(m.find(), sms.text());
            assertEquals("1", column("SELECT COUNT(*) FROM complaint WHERE msisdn = ?", "6281299990018"));
            assertEquals("6281299990018", column("SELECT msisdn FROM complaint WHERE ticket_id = ?", m.group(1)));
            assertEquals("USSD", column("SELECT channel FROM complaint WHERE ticket_id = ?", m.group(1)));
        }
    }

    static java.net.http.HttpResponse<String> aggregatorStep(InProcessGateway g, String session, String phone,
                                                             String text) throws Exception {
        String body = "sessionId=" + session + "&serviceCode=" + java.net.URLEncoder.encode("*777#",
                java.nio.charset.StandardCharsets.UTF_8) + "&phoneNumber=" + phone + "&text="
                + java.net.URLEncoder.encode(text, java.nio.charset.StandardCharsets.UTF_8);
        return java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create("http://127.0.0.1:" + g.gateway().httpPort() + "/ussd/africastalking"))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Authorization", "Bearer " + GatewayProcess.AGGREGATOR_TOKEN)
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body)).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void anAggregatorsRetryOfTheFilingStepAnswersTheSameTicketAndFilesOnce() throws Exception {
        try (InProcessGateway g = InProcessGateway.start(env).awaitBound(Duration.ofSeconds(30))) {
            String msisdn = "6281299990019";
            SimulatedPhone phone = smsc.phone(msisdn);
            phone.drainSms();
            String[] steps = {"", "4", "4*1", "4*1*0", "4*1*0*3", "4*1*0*3*Desa Sei Pitung",
                    "4*1*0*3*Desa Sei Pitung*BLT belum cair"};
            for (String step : steps) {
                assertTrue(aggregatorStep(g, "agg-retry-1", msisdn, step).body().startsWith("CON "), step);
            }
            String filing = "4*1*0*3*Desa Sei Pitung*BLT belum cair*1";
            String first = aggregatorStep(g, "agg-retry-1", msisdn, filing).body();
            // its answer was lost on the way back: the aggregator sends the same step again
            String again = aggregatorStep(g, "agg-retry-1", msisdn, filing).body();
            Matcher m = TICKET.matcher(first);
            assertTrue(first.startsWith("END ") && m.find(), first);
            assertEquals(first, again, "the same ticket, not a second complaint");
            assertEquals("1", column("SELECT COUNT(*) FROM complaint WHERE msisdn = ?", msisdn));
            var sms = phone.awaitSms(Duration.ofSeconds(30));
            assertTrue(sms != null && sms.text().contains(m.group(1)), String.valueOf(sms));
            Quiet.noSms(phone, Duration.ofSeconds(1), "one ticket SMS for one complaint");
        }
    }

    @Test
    void aComplaintWaitsOutARegistryOutageAndAGatewayRestart() throws Exception {
        StubMapping down = registry.server().stubFor(post(urlPathEqualTo("/api/v1/complaints")).atPriority(1)
                .willReturn(aResponse().withStatus(503)));
        String ticket;
        try (InProcessGateway g = InProcessGateway.start(env).awaitBound(Duration.ofSeconds(30))) {
            ticket = fileOverUssd(smsc.phone("6281299990011"), "1", "6271031203900004", "BLT belum cair");
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> forwardsOf(ticket) >= 1);
        } finally {
            registry.server().removeStub(down);
        }
        assertEquals("PENDING", column("SELECT status FROM complaint_forward WHERE ticket_id = ?", ticket));
        try (InProcessGateway g = InProcessGateway.start(env).awaitBound(Duration.ofSeconds(30))) {
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() ->
                    "ACCEPTED".equals(column("SELECT status FROM complaint_forward WHERE ticket_id = ?", ticket)));
        }
        long accepted = registry.server().getAllServeEvents().stream()
                .filter(e -> ticket.equals(e.getRequest().getHeader("Idempotency-Key")))
                .filter(e -> e.getResponse().getStatus() == 201).count();
        assertEquals(1, accepted, "the registry took it exactly once");
    }

    @Test
    void aDroppedComplaintIsOfferedAgainAndContinuesWhereItStopped() throws Exception {
        try (InProcessGateway g = InProcessGateway.start(env).awaitBound(Duration.ofSeconds(30))) {
            SimulatedPhone phone = smsc.phone("6281299990014");
            phone.dial("*777#");
            phone.send("4");
            phone.send("2");
            phone.send("0");
            assertEquals("Nama desa/kelurahan:", phone.send("14").text());
            phone.hangUp(); // the signal drops on the river

            assertEquals("Lanjutkan pengaduan yang belum selesai?\n1 Ya, lanjutkan\n2 Tidak, ke menu utama\n0 Kembali 00 Menu",
                    phone.dial("*777#").text());
            assertEquals("Nama desa/kelurahan:", phone.send("1").text(), "continues at the step it stopped");
            phone.send("Langkai");
            assertTrue(phone.send("Nama ibu saya salah ketik").text().startsWith("Kirim pengaduan ini?\nData saya salah\n"));
            SimulatedPhone.Screen filed = phone.send("1");
            Matcher m = TICKET.matcher(filed.text());
            assertTrue(m.find(), filed.text());
            assertEquals("WRONG_DATA", column("SELECT category FROM complaint WHERE ticket_id = ?", m.group(1)));
            assertEquals("6271", column("SELECT region FROM complaint WHERE ticket_id = ?", m.group(1)));
            assertTrue(phone.dial("*777#").text().startsWith("Kartu Huma Betang Sejahtera"), "a filed draft is forgotten");

            phone.send("4");
            phone.send("1");
            phone.hangUp();
            phone.dial("*777#");
            assertTrue(phone.send("0").text().startsWith("Kartu Huma Betang Sejahtera"), "0 Kembali: to the main menu");
            phone.hangUp();
            phone.dial("*777#");
            assertTrue(phone.send("2").text().startsWith("Kartu Huma Betang Sejahtera"), "2: to the main menu");
            phone.hangUp();
            assertTrue(phone.dial("*777#").text().startsWith("Kartu Huma Betang Sejahtera"), "and the draft is gone");

            phone.send("4");
            phone.send("1");
            phone.hangUp();
            assertTrue(phone.dial("*777*5#").text().startsWith("Masukkan nomor tiket"), "a shortcut is never diverted");
        }
    }

    @Test
    void aHungUpComplaintIsFinishedWithOneSmsReply() throws Exception {
        try (InProcessGateway g = InProcessGateway.start(env).awaitBound(Duration.ofSeconds(30))) {
            SimulatedPhone phone = smsc.phone("6281299990015");
            phone.drainSms();
            phone.dial("*777#");
            phone.send("4");
            phone.send("5");
            phone.send("6271031203900004");
            phone.send("Langkai");
            phone.hangUp();
            var prompt = phone.awaitSms(Duration.ofSeconds(30));
            assertTrue(prompt != null && prompt.text().startsWith("Pengaduan Anda belum selesai. Balas ADUAN"), String.valueOf(prompt));

            phone.sendSms("7777", "ADUAN ketua RT minta uang Rp20.000 untuk surat");
            var filed = phone.awaitSms(Duration.ofSeconds(30));
            Matcher m = TICKET.matcher(filed.text());
            assertTrue(m.find(), filed.text());
            assertEquals("ILLEGAL_LEVY", column("SELECT category FROM complaint WHERE ticket_id = ?", m.group(1)),
                    "the category chosen on *777# is kept");
            assertEquals("6271031203900004", column("SELECT nik FROM complaint WHERE ticket_id = ?", m.group(1)));
            assertEquals("6271", column("SELECT region FROM complaint WHERE ticket_id = ?", m.group(1)));
            assertTrue(phone.dial("*777#").text().startsWith("Kartu Huma Betang Sejahtera"), "the draft is used up");
            phone.hangUp();
            Quiet.noSms(phone, Duration.ofSeconds(1), "no second invitation");
        }
    }

    @Test
    void aSocialWorkerFilesForAResidentWithTheAgentId() throws Exception {
        try (InProcessGateway g = InProcessGateway.start(env).awaitBound(Duration.ofSeconds(30))) {
            SimulatedPhone agent = smsc.phone("6281199990000");
            agent.dial("*777#");
            agent.send("7");
            agent.send("246810");
            assertTrue(agent.send("1").text().startsWith("Jenis pengaduan:"));
            agent.send("1");
            agent.send("6203014107850002");
            agent.send("Sei Pitung");
            assertTrue(agent.send("Ibu Siti belum terima PKH tahap 3").text().contains("\nSei Pitung, Kapuas\n"));
            Matcher m = TICKET.matcher(agent.send("1").text());
            assertTrue(m.find());
            String ticket = m.group(1);
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> registry.server().findAll(
                    postRequestedFor(urlPathEqualTo("/api/v1/complaints")).withHeader("Idempotency-Key", equalTo(ticket))
                            .withRequestBody(matchingJsonPath("$.channel", equalTo("AGENT")))
                            .withRequestBody(matchingJsonPath("$.agentId", equalTo("PSKS-6271-017")))
                            .withRequestBody(matchingJsonPath("$.nik", equalTo("6203014107850002")))).size() == 1);
            agent.dial("*777*5#");
            assertTrue(agent.send(ticket).text().startsWith("Tiket " + ticket + ": "), "the agent who filed may follow it");
        }
    }

    @Test
    void aStaleTicketIsAskedOfTheRegistryAndALocalAnswerStandsWhenItCannotSay() throws Exception {
        try (InProcessGateway g = InProcessGateway.start(env).awaitBound(Duration.ofSeconds(30))) {
            SimulatedPhone phone = smsc.phone("6281299990016");
            String ticket = fileOverUssd(phone, "1", "0", "belum cair");
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() ->
                    "ACCEPTED".equals(column("SELECT status FROM complaint_forward WHERE ticket_id = ?", ticket)));
            try (Connection c = TestStorage.connect(mysqlUrl)) {
                c.createStatement().executeUpdate("UPDATE complaint SET updated_at = NOW(3) - INTERVAL 2 HOUR "
                        + "WHERE ticket_id = '" + ticket + "'");
            }
            // the registry cannot say: the local answer is given
            phone.dial("*777*5#");
            assertTrue(phone.send(ticket).text().startsWith("Tiket " + ticket + ": Diterima"));

            StubMapping state = registry.server().stubFor(com.github.tomakehurst.wiremock.client.WireMock
                    .get(urlPathEqualTo("/api/v1/complaints/" + ticket)).willReturn(
                            com.github.tomakehurst.wiremock.client.WireMock.okJson("{\"ticketId\":\"" + ticket
                                    + "\",\"status\":\"FIELD_VISIT\",\"note\":\"Petugas datang Kamis\",\"updatedAt\":\"" + java.time.Instant.now() + "\"}")));
            try {
                phone.dial("*777*5#");
                assertTrue(phone.send(ticket).text().startsWith("Tiket " + ticket + ": Kunjungan petugas\nPetugas datang Kamis"));
                assertEquals("FIELD_VISIT", column("SELECT status FROM complaint WHERE ticket_id = ?", ticket), "kept");
            } finally {
                registry.server().removeStub(state);
            }
        }
    }

    static java.net.http.HttpResponse<String> webhook(InProcessGateway g, String body, long timestamp, String secret)
            throws Exception {
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec(secret.getBytes(java.nio.charset.StandardCharsets.UTF_8), "HmacSHA256"));
        String signature = java.util.HexFormat.of().formatHex(
                mac.doFinal((timestamp + "." + body).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        return java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create("http://127.0.0.1:" + g.gateway().httpPort() + "/hooks/complaints"))
                .header("Content-Type", "application/json").header("X-Timestamp", String.valueOf(timestamp))
                .header("X-Signature", "sha256=" + signature)
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body)).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void statusChangesArriveBySignedWebhookAndReachTheComplainantOnce() throws Exception {
        try (InProcessGateway g = InProcessGateway.start(env).awaitBound(Duration.ofSeconds(30))) {
            SimulatedPhone phone = smsc.phone("6281299990013");
            String ticket = fileOverUssd(phone, "1", "0", "BLT belum cair");
            // the registry's word on taking it comes first; the event below is newer
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() ->
                    "ACCEPTED".equals(column("SELECT status FROM complaint_forward WHERE ticket_id = ?", ticket)));
            phone.drainSms();
            long now = System.currentTimeMillis() / 1000;
            String secret = GatewayProcess.WEBHOOK_SECRET;
            String event = "{\"eventId\":\"ev-" + ticket + "-1\",\"ticketId\":\"" + ticket
                    + "\",\"status\":\"IN_REVIEW\",\"note\":\"Petugas memeriksa data penyaluran\",\"updatedAt\":\"" + java.time.Instant.now() + "\"}";

            assertEquals(401, webhook(g, event, now, "wrong-secret-0123456789").statusCode(), "bad signature");
            assertEquals(401, webhook(g, event, now - 600, secret).statusCode(), "stale timestamp");
            Quiet.noSms(phone, Duration.ofSeconds(1), "a refused webhook changes nothing");

            assertEquals(204, webhook(g, event, now, secret).statusCode());
            var sms = phone.awaitSms(Duration.ofSeconds(30));
            assertEquals("Pengaduan " + ticket + ": Sedang ditinjau. Petugas memeriksa data penyaluran", sms.text());
            assertEquals(204, webhook(g, event, now, secret).statusCode(), "a repeat is acknowledged");
            Quiet.noSms(phone, Duration.ofSeconds(2), "and notifies nobody again");
            assertEquals("IN_REVIEW", column("SELECT status FROM complaint WHERE ticket_id = ?", ticket));

            phone.dial("*777*5#");
            assertTrue(phone.send(ticket).text().startsWith("Tiket " + ticket + ": Sedang ditinjau\nPetugas memeriksa"));
            assertEquals(404, webhook(g, event.replace(ticket, "HB2222222").replace("ev-", "ev2-"), now, secret).statusCode());
        }
    }

    @Test
    void aRefusedComplaintIsMarkedForAttentionAndAPhoneCannotFlood() throws Exception {
        StubMapping refuse = registry.server().stubFor(post(urlPathEqualTo("/api/v1/complaints")).atPriority(1)
                .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/problem+json")
                        .withBody("{\"status\":400,\"code\":\"REGION_UNKNOWN\",\"detail\":\"region 6203 closed\"}")));
        try (InProcessGateway g = InProcessGateway.start(env).awaitBound(Duration.ofSeconds(30))) {
            SimulatedPhone phone = smsc.phone("6281299990012");
            String ticket = fileOverUssd(phone, "7", "0", "satu");
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() ->
                    "ATTENTION".equals(column("SELECT status FROM complaint_forward WHERE ticket_id = ?", ticket)));
            assertTrue(column("SELECT last_error FROM complaint_forward WHERE ticket_id = ?", ticket).contains("REGION_UNKNOWN"));

            fileOverUssd(phone, "7", "0", "dua");
            fileOverUssd(phone, "7", "0", "tiga");
            phone.dial("*777#");
            phone.send("4");
            phone.send("7");
            phone.send("0");
            phone.send("3");
            phone.send("Desa");
            assertTrue(phone.send("empat").text().startsWith("Kirim pengaduan ini?"));
            SimulatedPhone.Screen limited = phone.send("1");
            assertTrue(limited.end());
            assertEquals("Anda sudah mengirim banyak pengaduan hari ini. Coba lagi besok.", limited.text());
        } finally {
            registry.server().removeStub(refuse);
        }
    }
}
