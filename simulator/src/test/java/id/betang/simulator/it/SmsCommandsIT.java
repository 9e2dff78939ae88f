package id.betang.simulator.it;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import id.betang.gateway.testing.TestStorage;
import id.betang.simulator.registry.RegistryStub;
import id.betang.simulator.smsc.SimulatedPhone;
import id.betang.simulator.smsc.SmsInbox;
import id.betang.simulator.smsc.SmscSimulator;

/** SMS commands end to end: an MO SMS to 7777 in, one answer out through the outbox, in the sender's language. */
class SmsCommandsIT {

    static final Pattern TICKET = Pattern.compile("(HB[2-9A-HJ-NP-Z]{6})");

    static SmscSimulator smsc;
    static RegistryStub registry;
    static String mysqlUrl;
    static Rig rig;

    @BeforeAll
    static void start() throws Exception {
        rig = Rig.start("smscommands", SmscSimulator.Options.defaults(GatewayProcess.freePort()),
                Map.of("BETANG_REMINDER_INTERVAL_SECONDS", "1", "BETANG_REMINDER_HOURS", "0-24"));
        smsc = rig.smsc;
        registry = rig.registry;
        mysqlUrl = rig.mysqlUrl;
    }

    @AfterAll
    static void stop() throws Exception {
        if (rig != null) {
            rig.close();
        }
    }

    /**
     * The same text again, as a resident sends it: after reading the answer. The inbox takes the same content
     * within a second of its answer for the SMSC's copy (InboxWriter's rule), so this waits until the first is
     * done and that second has passed, by the database's clock, however slow the machine.
     */
    static String askAgain(SimulatedPhone phone, String text) throws Exception {
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
            try (Connection c = TestStorage.connect(mysqlUrl); var s = c.prepareStatement("SELECT COUNT(*) FROM sms_inbox"
                    + " WHERE body = ? AND (state <> 'DONE' OR done_at > NOW(3) - INTERVAL 1100 * 1000 MICROSECOND)")) {
                s.setString(1, text);
                try (ResultSet rs = s.executeQuery()) {
                    return rs.next() && rs.getInt(1) == 0;
                }
            }
        });
        return ask(phone, text);
    }

    static String ask(SimulatedPhone phone, String text) throws Exception {
        phone.drainSms();
        phone.sendSms("7777", text);
        SmsInbox.Sms answer = phone.awaitSms(Duration.ofSeconds(30));
        assertNotNull(answer, "an answer to " + text);
        assertEquals("7777", answer.from());
        return answer.text();
    }

    @Test
    void complaintBySmsGetsItsTicketAndReachesTheRegistry() throws Exception {
        SimulatedPhone phone = smsc.phone("6281377778888");
        String reply = ask(phone, "aduan PUNGLI petugas minta Rp50.000 saat pencairan BLT");
        Matcher m = TICKET.matcher(reply);
        assertTrue(reply.startsWith("Pengaduan diterima. Nomor tiket: HB") && m.find(), reply);
        String ticket = m.group(1);
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> registry.server().findAll(
                postRequestedFor(urlPathEqualTo("/api/v1/complaints")).withHeader("Idempotency-Key", equalTo(ticket))
                        .withRequestBody(matchingJsonPath("$.category", equalTo("ILLEGAL_LEVY")))
                        .withRequestBody(matchingJsonPath("$.channel", equalTo("SMS")))).size() == 1);
        // the same words again (the SMSC's copy of an MO whose answer it lost, or a resident unsure it arrived):
        // answered with the same ticket, not filed twice
        String again = askAgain(phone, "aduan PUNGLI petugas minta Rp50.000 saat pencairan BLT");
        assertTrue(again.startsWith("Pengaduan diterima. Nomor tiket: " + ticket), again);
        try (Connection c = TestStorage.connect(mysqlUrl);
             var s = c.prepareStatement("SELECT COUNT(*) FROM complaint WHERE msisdn = ? AND body LIKE 'PUNGLI petugas%'")) {
            s.setString(1, "6281377778888");
            try (ResultSet rs = s.executeQuery()) {
                assertTrue(rs.next());
                assertEquals(1, rs.getInt(1), "one complaint");
            }
        }

        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertTrue(
                ask(phone, "TIKET " + ticket.toLowerCase()).startsWith("Tiket " + ticket + ": Diterima. Pengaduan diterima petugas kabupaten")));
        assertEquals("Detail tiket hanya dikirim ke nomor HP pelapor.", ask(smsc.phone("6281299990020"), "TIKET " + ticket));
        String wrongCheck = ticket.substring(0, 7) + (ticket.charAt(7) == 'A' ? 'B' : 'A');
        assertTrue(ask(phone, "TIKET " + wrongCheck).startsWith("Nomor tiket " + wrongCheck + " tidak dikenal"));

        assertEquals("Complaint received. Ticket: ", ask(phone, "COMPLAINT my aid never came").substring(0, 28));
        assertTrue(ask(phone, "ADUAN").startsWith("Tulis isi pengaduan setelah ADUAN"));
    }

    @Test
    void longComplaintsAreKeptWholeAndStoredVerbatim() throws Exception {
        SimulatedPhone phone = smsc.phone("6281299990021");
        String text = "ADUAN " + "Bantuan sembako untuk RT 03 tidak pernah sampai; ketua RT bilang 'sudah habis'. ".repeat(5)
                + "Mohon diperiksa <segera> & adil; DROP TABLE complaint; --";
        String reply = ask(phone, text);
        Matcher m = TICKET.matcher(reply);
        assertTrue(m.find(), reply);
        try (Connection c = TestStorage.connect(mysqlUrl);
             var s = c.prepareStatement("SELECT body, category FROM complaint WHERE ticket_id = ?")) {
            s.setString(1, m.group(1));
            try (ResultSet rs = s.executeQuery()) {
                assertTrue(rs.next());
                assertEquals(text.substring("ADUAN ".length()), rs.getString(1), "concatenated parts, kept whole and verbatim");
                assertEquals("OTHER", rs.getString(2));
            }
        }
    }

    @Test
    void statusAndScheduleFollowTheIdentityRules() throws Exception {
        SimulatedPhone household = smsc.phone("6281234567890");
        String status = ask(household, "cek 6271031203900004");
        assertTrue(status.startsWith("Status 6271********0004 per 12 Nov 2026:\nBLT (bantuan tunai): Aktif"), status);
        assertTrue(status.contains("PBI-JKN (BPJS gratis): Aktif"), "the whole answer, unpaged: " + status);
        assertTrue(ask(household, "JADWAL 6271031203900004").startsWith("Jadwal 6271********0004:\nSembako murah"));
        assertTrue(ask(household, "status 6271031203900004").startsWith("Status 6271********0004 as of 12 Nov 2026:\nBLT cash aid: Active"));

        SimulatedPhone stranger = smsc.phone("6281299990022");
        assertEquals(verifyText("6271********0004", "0812****7890"), ask(stranger, "CEK 6271031203900004"));
        assertEquals("Angka tidak cocok untuk NIK 6271********0004. Balas CEK <NIK> <6 angka kartu KHBS> atau KODE <NIK>.",
                ask(stranger, "CEK 6271031203900004 111111"));
        assertTrue(ask(stranger, "CEK 6271031203900004 115726").startsWith("Status 6271********0004 per 12 Nov 2026:"),
                "the card's last 6 digits confirm");
        assertEquals("NIK harus 16 angka, contoh: CEK 6271031203900004", ask(household, "CEK 12345"));
        String unknown = ask(household, "CEK 6271010101900001");
        assertTrue(unknown.matches("\\QNomor HP ini tidak terdaftar untuk NIK 6271********0001. Balas\\E.* SMS ke 08\\d\\d\\*{4}\\d{4}\\."),
                "an unknown NIK answers as a known one does, with a decoy phone: " + unknown);
        assertEquals(unknown, askAgain(household, "CEK 6271010101900001"),
                "the same decoy every time");
    }

    static String verifyText(String maskedNik, String phone) {
        return "Nomor HP ini tidak terdaftar untuk NIK " + maskedNik + ". Balas CEK <NIK> <6 angka terakhir kartu KHBS>, "
                + "atau KODE <NIK> untuk kode SMS ke " + phone + ".";
    }

    @Test
    void aCodeSentToTheHouseholdPhoneConfirmsBySms() throws Exception {
        SimulatedPhone household = smsc.phone("6281311112222");
        household.drainSms();
        SimulatedPhone cousin = smsc.phone("6281299990025");
        assertEquals("Kode dikirim ke 0813****2222. Minta kodenya, lalu balas CEK <NIK> <kode> dalam 5 menit.",
                ask(cousin, "KODE 6203014107850002"));
        String sms = household.awaitSms(Duration.ofSeconds(30)).text();
        java.util.regex.Matcher code = java.util.regex.Pattern.compile("Kode KHBS: (\\d{6})\\. Diminta HP 0812\\*{4}0025 ").matcher(sms);
        assertTrue(code.find(), sms);
        assertTrue(ask(cousin, "JADWAL 6203014107850002 " + code.group(1)).startsWith("Belum ada jadwal penyaluran untuk 6203********0002"));

        // English alias; an unknown NIK "sends" too, to a decoy, and nothing confirms it
        SimulatedPhone prober = smsc.phone("6281299990026");
        String sent = ask(prober, "CODE 6271010101900005");
        assertTrue(sent.matches("Code sent to 08\\d\\d\\*{4}\\d{4}\\. Ask for it, then reply STATUS <NIK> <code> within 5 minutes\\."), sent);
        assertTrue(ask(prober, "STATUS 6271010101900005 123456").startsWith("The digits do not match for NIK 6271********0005."));
    }

    @Test
    void languageOptOutHelpAndTypos() throws Exception {
        SimulatedPhone phone = smsc.phone("6281299990023");
        assertTrue(ask(phone, "halo").startsWith("Kartu Huma Betang: CEK <NIK> status"));
        assertTrue(ask(phone, "HELP").startsWith("Kartu Huma Betang: STATUS <NIK>"));
        assertTrue(ask(phone, "adun jalan desa rusak").startsWith("Pengaduan diterima."), "ADUN is ADUAN");
        assertEquals("SMS language: English.", ask(phone, "BAHASA EN"));
        assertTrue(ask(phone, "BANTUAN").startsWith("Kartu Huma Betang: STATUS <NIK>"), "the chosen language wins");
        assertTrue(ask(phone, "STOP").startsWith("You will no longer get reminders"));
        assertTrue(optedOut("6281299990023"));
        assertTrue(ask(phone, "MULAI").startsWith("You will get reminders and news by SMS again."));
        assertTrue(!optedOut("6281299990023"));
        assertEquals("Bahasa SMS: Indonesia.", ask(phone, "lang id"));
    }

    /** Bahasa Banjar is the menu's data alone: BAHASA BJN picks it, and every later reply speaks it. */
    @Test
    void bahasaBjnThenHelpAnswersInBanjar() throws Exception {
        SimulatedPhone phone = smsc.phone("6281299990031");
        assertEquals("Bahasa SMS: Banjar.", ask(phone, "BAHASA BJN"));
        assertEquals("Kartu Huma Betang: CEK <NIK> status, JADWAL <NIK> jadwal, ADUAN <isi> aduan, TIKET <nomor>, "
                + "BAHASA ID. Atau tekan *777#.", ask(phone, "HELP"), "the chosen language wins over HELP's English");
        assertEquals("NIK musti 16 angka, contoh: CEK 6271031203900004", ask(phone, "STATUS 123"));
        assertTrue(ask(phone, "bahasa klingon").startsWith("Kartu Huma Betang: CEK <NIK> status, JADWAL"),
                "a language the menu lacks changes nothing: help, still in Banjar");
        assertTrue(ask(phone, "BERHENTI").startsWith("Pian kada manarima SMS pangingat"));
        // the phone's choice opens its next *777# too, and the choice by SMS back to Indonesian does as well
        String menu = phone.dial("*777#").text();
        assertTrue(menu.contains("2 Jadwal bantuan turun") && menu.contains("4 Ulah aduan"), menu);
        phone.hangUp();
        assertEquals("Bahasa SMS: Indonesia.", ask(phone, "BAHASA ID"));
        assertTrue(phone.dial("*777#").text().contains("4 Buat pengaduan"));
        phone.hangUp();
    }

    /** The registry's language for a household (here bjn) is the language of the code SMS its phone gets. */
    @Test
    void theCodeSmsSpeaksTheRegistrysLanguage() throws Exception {
        SimulatedPhone household = smsc.phone("6281366070031");
        household.drainSms();
        SimulatedPhone neighbour = smsc.phone("6281299990032");
        assertTrue(ask(neighbour, "KODE 6211014402750006").startsWith("Kode dikirim ke 0813****0031."),
                "the asker's reply speaks the keyword's language");
        String sms = household.awaitSms(Duration.ofSeconds(30)).text();
        assertTrue(sms.matches("Kode KHBS: \\d{6}\\. Diminta HP 0812\\*{4}0032 gasan malihat data NIK 6211\\*{8}0006\\. "
                + "Balaku 5 menit\\. Bari ka kaluarga saurang haja\\."), sms);
    }

    @Test
    void remindersComeTheDayBeforeOnceAndNotToStrangersOrOptedOutPhones() throws Exception {
        java.time.LocalDate tomorrow = java.time.LocalDate.now(java.time.ZoneId.of("Asia/Jakarta")).plusDays(1);
        assertEquals(verifyText("6203********0002", "0813****2222"),
                ask(smsc.phone("6281299990024"), "INGATKAN 6203014107850002"), "strangers are not signed up");
        // signed up and stopped while nothing is due: the check, every second, would otherwise send it the
        // reminder in the moment between the two, and that SMS would be read as the answer to BERHENTI
        SimulatedPhone other = smsc.phone("6285722223333");
        assertTrue(ask(other, "INGATKAN 6203014107850002").startsWith("Pengingat aktif"));
        assertTrue(ask(other, "BERHENTI").startsWith("Anda tidak akan menerima SMS pengingat"));

        var stub = registry.server().stubFor(com.github.tomakehurst.wiremock.client.WireMock
                .get(urlPathEqualTo("/api/v1/residents/6203014107850002/disbursements")).atPriority(1)
                .willReturn(com.github.tomakehurst.wiremock.client.WireMock.okJson(
                        "{\"nik\":\"6203014107850002\",\"disbursements\":[{\"program\":\"PKH\",\"date\":\"" + tomorrow
                                + "\",\"amount\":750000,\"place\":\"Kantor Pos Kuala Kapuas\",\"status\":\"READY\"}]}")));
        try {
            SimulatedPhone household = smsc.phone("6281311112222");
            household.drainSms();
            household.sendSms("7777", "ingatkan 6203014107850002");
            // the answer, and the reminder at the next check: queued within a second of each other, both on their
            // way at once, so they may arrive in either order
            List<String> arrived = new java.util.concurrent.CopyOnWriteArrayList<>();
            Awaitility.await("the answer and the reminder").atMost(Duration.ofSeconds(30)).until(() -> {
                household.drainSms().forEach(sms -> arrived.add(sms.text()));
                return arrived.size() >= 2;
            });
            String[] months = {"Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des"};
            assertEquals(Stream.of("Pengingat aktif untuk NIK 6203********0002: SMS dikirim sehari sebelum setiap penyaluran. "
                            + "Kirim BERHENTI untuk berhenti.",
                    "Pengingat Kartu Huma Betang: besok " + tomorrow.getDayOfMonth() + " "
                            + months[tomorrow.getMonthValue() - 1] + " " + tomorrow.getYear()
                            + " PKH Rp750.000 di Kantor Pos Kuala Kapuas.").sorted().toList(),
                    arrived.stream().sorted().toList());
            Quiet.noSms(household, Duration.ofSeconds(3), "once, though the check runs every second");
            Quiet.noSms(other, Duration.ofSeconds(1), "not to a phone that sent STOP");
        } finally {
            registry.server().removeStub(stub);
        }
    }

    @Test
    void everyAliasIsUnderstoodEndToEnd() throws Exception {
        SimulatedPhone phone = smsc.phone("6281299990025");
        assertTrue(ask(phone, "LAPOR jembatan desa putus").startsWith("Pengaduan diterima. Nomor tiket: HB"));
        Matcher m = TICKET.matcher(ask(phone, "complaint the bridge is broken"));
        assertTrue(m.find());
        // no language chosen: each reply speaks the keyword's language
        assertTrue(ask(phone, "TICKET " + m.group(1)).startsWith("Ticket " + m.group(1) + ": Received"));
        assertTrue(ask(phone, "SCHEDULE 6271031203900004").startsWith("This phone is not registered for NIK 6271********0004"));
        assertTrue(ask(phone, "REMIND 6271031203900004").startsWith("This phone is not registered"));
        assertTrue(ask(phone, "BERHENTI").startsWith("Anda tidak akan menerima"));
        assertTrue(ask(phone, "start").startsWith("You will get reminders and news by SMS again."));
        assertTrue(ask(phone, "INFO").startsWith("Kartu Huma Betang: CEK <NIK>"));
    }

    static boolean optedOut(String msisdn) throws Exception {
        try (Connection c = TestStorage.connect(mysqlUrl);
             var s = c.prepareStatement("SELECT opted_out_at IS NOT NULL FROM sms_subscriber WHERE msisdn = ?")) {
            s.setString(1, msisdn);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }
}
