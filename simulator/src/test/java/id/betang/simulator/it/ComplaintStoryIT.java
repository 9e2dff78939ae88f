package id.betang.simulator.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import id.betang.simulator.smsc.SimulatedPhone;
import id.betang.simulator.smsc.SmsInbox;

/**
 * The whole story the demo tells: a complaint by SMS, its ticket, and the registry (the stub, as in the demo)
 * working on it — each change arriving as a signed webhook and reaching the complainant by SMS.
 */
class ComplaintStoryIT {

    @Test
    void smsComplaintTicketAndTwoUpdates() throws Exception {
        try (Rig rig = Rig.start("story")) {
            rig.registry.reportComplaintsTo(URI.create(rig.url("/hooks/complaints")), GatewayProcess.WEBHOOK_SECRET,
                    Duration.ofMillis(700));
            SimulatedPhone phone = rig.smsc.phone("6281377778888");
            phone.sendSms("7777", "ADUAN saya layak tapi tidak pernah terdaftar");
            SmsInbox.Sms ticketSms = phone.awaitSms(Duration.ofSeconds(30));
            Matcher m = Pattern.compile("(HB[2-9A-HJ-NP-Z]{6})").matcher(ticketSms.text());
            assertTrue(m.find(), ticketSms.text());
            String ticket = m.group(1);
            SmsInbox.Sms review = phone.awaitSms(Duration.ofSeconds(30));
            assertNotNull(review, "the first update");
            assertEquals("Pengaduan " + ticket + ": Sedang ditinjau. Petugas dinas sosial sedang memeriksa pengaduan Anda.",
                    review.text());
            SmsInbox.Sms resolved = phone.awaitSms(Duration.ofSeconds(30));
            assertNotNull(resolved, "the second update");
            assertEquals("Pengaduan " + ticket + ": Selesai. Sudah ditindaklanjuti. Terima kasih atas laporannya.",
                    resolved.text());
        }
    }
}
