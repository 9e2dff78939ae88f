package id.betang.gateway.sms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import id.betang.gateway.sms.SmsCommand.Kind;

class SmsCommandTest {

    static void reads(String text, Kind kind, String lang, String argument) {
        assertEquals(new SmsCommand(kind, lang, argument), SmsCommand.parse(text), text);
    }

    @Test
    void everyKeywordInBothLanguagesAnyCaseAndSpacing() {
        reads("CEK 6271031203900004", Kind.STATUS, "id", "6271031203900004");
        reads("status 6271031203900004", Kind.STATUS, "en", "6271031203900004");
        reads("  Jadwal   6271031203900004 ", Kind.SCHEDULE, "id", "6271031203900004");
        reads("schedule 6271031203900004", Kind.SCHEDULE, "en", "6271031203900004");
        reads("aduan bantuan belum cair", Kind.COMPLAINT, "id", "bantuan belum cair");
        reads("LAPOR ada pungli", Kind.COMPLAINT, "id", "ada pungli");
        reads("Complaint aid not received", Kind.COMPLAINT, "en", "aid not received");
        reads("tiket hb7k3q9q", Kind.TICKET, "id", "hb7k3q9q");
        reads("TICKET HB7K3Q9Q", Kind.TICKET, "en", "HB7K3Q9Q");
        reads("INGATKAN 6271031203900004", Kind.REMIND, "id", "6271031203900004");
        reads("remind 6271031203900004", Kind.REMIND, "en", "6271031203900004");
        reads("BERHENTI", Kind.STOP, "id", "");
        reads("stop", Kind.STOP, "en", "");
        reads("Mulai", Kind.START, "id", "");
        reads("START", Kind.START, "en", "");
        reads("BAHASA EN", Kind.LANG, "id", "EN");
        reads("lang id", Kind.LANG, "en", "id");
        reads("BANTUAN", Kind.HELP, "id", "");
        reads("info", Kind.HELP, "id", "");
        reads("help", Kind.HELP, "en", "");
        reads("CEK6271031203900004", Kind.STATUS, "id", "6271031203900004");
    }

    @Test
    void smallTyposWhereOnlyOneKeywordIsThatClose() {
        reads("ADUN jalan rusak", Kind.COMPLAINT, "id", "jalan rusak");
        reads("ADUAAN x", Kind.COMPLAINT, "id", "x");
        reads("JDAWAL 6271031203900004", Kind.SCHEDULE, "id", "6271031203900004");
        reads("TIKEET HB7K3Q9Q", Kind.TICKET, "id", "HB7K3Q9Q");
        reads("COMPLIANT x", Kind.COMPLAINT, "en", "x");
    }

    @Test
    void anythingElseIsHelp() {
        reads("halo", Kind.HELP, "id", "");
        reads("", Kind.HELP, "id", "");
        reads("123", Kind.HELP, "id", "");
        reads("CE 6271031203900004", Kind.HELP, "id", "");
        reads("🙏 tolong", Kind.HELP, "id", "");
    }

    @Test
    void editDistance() {
        assertTrue(SmsCommand.oneEditApart("ADUN", "ADUAN"));
        assertTrue(SmsCommand.oneEditApart("JDAWAL", "JADWAL"));
        assertTrue(SmsCommand.oneEditApart("TIKEX", "TIKET"));
        assertFalse(SmsCommand.oneEditApart("TIKET", "TIKET"));
        assertFalse(SmsCommand.oneEditApart("ADAN", "JADWAL"));
        assertFalse(SmsCommand.oneEditApart("STOPP", "STATUS"));
    }
}
