package id.betang.menus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A refused answer says what is expected, in the caller's language; what was right is kept; the complaint
 * asks only what it does not know yet and files nothing before "1 Kirim"; 0 goes where its hint says.
 */
class WhatWentWrongTest {

    private final Engine engine = new Engine(TreeWalkTest.TREE, ScreenLimits.DEFAULT);

    private Step.Reply dial(String lang, String... inputs) {
        return (Step.Reply) engine.begin(Screen.Audience.RESIDENT, lang, List.of(inputs));
    }

    private Step.Reply press(Step step, String input) {
        return (Step.Reply) engine.next(step.state(), input);
    }

    private static String firstLine(Step.Reply reply) {
        return reply.text().lines().findFirst().orElseThrow();
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @CsvSource(delimiter = '|', value = {
        "id | 1 | 12345            | NIK harus 16 angka.",
        "en | 1 | 62710312039000x4 | A NIK has 16 digits.",
        "id | 1 | 6271031299900004 | NIK tidak sah, periksa lagi angkanya.",
        "en | 1 | 0271031203900004 | Not a valid NIK, please check the digits.",
        "id | 5 | HB7K3Q9P         | Nomor tiket salah ketik, periksa lagi.",
        "en | 5 | HB7K3Q9          | A ticket number has 8 characters, starting HB.",
        "id | 5 | XX7K3Q9Q         | Nomor tiket 8 huruf, diawali HB.",
        "id | 4 | 9                | Pilih 1-7.",
        "en | 4 | 9                | Choose 1-7.",
    })
    void eachRefusalSaysWhatIsExpected(String lang, String option, String typed, String note) {
        Step.Reply reply = press(dial(lang, option), typed);
        assertEquals(note, firstLine(reply));
        assertFalse(reply.end());
        assertEquals(1, reply.state().strikes());
    }

    @Test
    void shortCardDigitsAndAnEmptyDescriptionAreExplained() {
        Step.Call lookup = (Step.Call) engine.begin(Screen.Audience.RESIDENT, "id", List.of("1", "6203014107850002"));
        Step.Reply verify = (Step.Reply) engine.resume(lookup.state(),
                new ActionResult("verify", java.util.Map.of("phone", "0812****7890")));
        assertEquals("Ketik 6 angka.", firstLine(press(press(verify, "1"), "12345")));
        Step.Reply text = dial("en", "4", "7", "0", "3", "Tumbang Manjul");
        assertEquals("Please type the text first.", firstLine(press(text, "  ")));
    }

    @Test
    void theMainMenuNamesTheChoicesThisCallerHas() {
        assertEquals("Pilih 0-6.", firstLine(press(dial("id"), "7")));
        Step agent = engine.begin(Screen.Audience.AGENT, "id", List.of());
        assertEquals("Pilih 0-7.", firstLine(press(agent, "8")));
    }

    @Test
    void threeRefusalsInARowStillEndTheDialogue() {
        Step.Reply nik = dial("id", "1");
        Step.Reply last = press(press(press(nik, "1"), "HB7K3Q9Q"), "62710312039");
        assertTrue(last.end());
        assertEquals("Terlalu banyak pilihan salah. Silakan hubungi *777# lagi.", last.text());
    }

    @Test
    void anOverLongDescriptionIsCutAtAWordAndOfferedBack() {
        String story = "Sudah tiga bulan BLT tidak cair padahal status aktif dan nama ada di daftar penerima desa, "
                + "petugas bilang harus bayar dulu untuk urus berkas di kantor kecamatan Kapuas Hilir";
        assertTrue(story.length() > 160);
        Step.Reply cut = press(dial("id", "4", "1", "0", "3", "Selat Hilir"), story);
        assertEquals("complaint.text.cut", cut.state().screen());
        String kept = (String) cut.state().values().get("text");
        assertTrue(kept.length() <= 160 && story.startsWith(kept) && story.charAt(kept.length()) == ' ', kept);
        assertTrue(cut.text().startsWith("Terlalu panjang, dipotong jadi:\n'Sudah tiga bulan"), cut.text());
        Step.Reply summary = press(cut, "1");
        assertEquals("complaint.confirm", summary.state().screen());
        assertEquals(kept, summary.state().values().get("text"));
        assertEquals("complaint.text", press(cut, "2").state().screen());
    }

    @Test
    void freeTextIsCutAtTheLastSpaceOrHardForOneLongWord() {
        InputRule.FreeText rule = new InputRule.FreeText(10);
        assertEquals("satu dua", rule.cut("satu dua tiga"));
        assertEquals("abcdefghij", rule.cut("abcdefghijklmn"));
        assertEquals("pas sekali", rule.cut("  pas sekali  "));
    }

    @Test
    void aNikThatNamesOneOfTheDistrictsSettlesTheDistrictQuestion() {
        Step.Reply village = dial("id", "4", "1", "6203014107850002");
        assertEquals("complaint.village", village.state().screen());
        assertEquals("6203", village.state().values().get("region"));
        // 6171 is Pontianak, not one of this menu's districts: asked as before
        Step.Reply district = dial("id", "4", "1", "6171014107850002");
        assertEquals("complaint.district", district.state().screen());
        // an agent's shortcut: 7, the PIN (asked, then checked), 2 data update, 2 moved, the NIK
        Step.Call askPin = (Step.Call) engine.begin(Screen.Audience.AGENT, "en", List.of("7", "246810", "2", "2", "6271031203900004"));
        Step.Call checkPin = (Step.Call) engine.resume(askPin.state(), ActionResult.of("verify"));
        Step.Reply updateVillage = (Step.Reply) engine.resume(checkPin.state(), ActionResult.of("ok"));
        assertEquals("update.village", updateVillage.state().screen());
        assertEquals("6271", updateVillage.state().values().get("region"));
    }

    @Test
    void nothingIsFiledBefore1KirimAndUbahChangesOnePartThenComesBack() {
        Step.Reply summary = dial("en", "4", "1", "6203014107850002", "Selat Hilir", "BLT not paid since August");
        assertEquals("Send this complaint?\nAid not received\nNIK 6203********0002\nSelat Hilir, Kapuas\n"
                + "'BLT not paid since August'\n1 Send\n2 Change\n0 Back 00 Menu", summary.text());
        Step.Reply district = press(press(summary, "2"), "3");
        assertEquals("complaint.district", district.state().screen());
        Step.Reply back = (Step.Reply) engine.next(district.state(), "11");
        assertEquals("complaint.confirm", back.state().screen(), "one answer, then the summary again");
        assertTrue(back.text().contains("Selat Hilir, Pulang Pisau"), back.text());
        assertFalse(back.state().values().containsKey(Engine.RETURN_TO));
        Step.Call file = assertInstanceOf(Step.Call.class, engine.next(back.state(), "1"));
        assertEquals(Map.of("category", "AID_NOT_RECEIVED", "nik", "6203014107850002", "region", "6211",
                "village", "Selat Hilir", "text", "BLT not paid since August"), file.params());
    }

    @Test
    void withoutANikTheSummaryLeavesTheNikLineOut() {
        Step.Reply summary = dial("id", "4", "3", "0", "7", "Tumbang Manjul", "Tidak pernah terdata");
        assertEquals("Kirim pengaduan ini?\nLayak tapi tidak terdaftar\nTumbang Manjul, Seruyan\n'Tidak pernah terdata'\n"
                + "1 Kirim\n2 Ubah\n0 Kembali 00 Menu", summary.text());
    }

    @Test
    void leavingAChangeHalfWayForgetsWhereItWouldReturn() {
        Step.Reply summary = dial("id", "4", "1", "0", "3", "Selat Hilir", "Belum cair");
        Step.Reply village = press(press(summary, "2"), "4");
        Step.Reply home = press(village, "00");
        Step.Reply markets = press(home, "3");
        Step step = engine.next(markets.state(), "3");
        assertInstanceOf(Step.Call.class, step, "the market's district goes to its lookup, not to the complaint summary");
        assertEquals("registry.markets", ((Step.Call) step).action());
    }

    @Test
    void zeroOnAResultGoesBackToTheMenuItCameFrom() {
        Step.Call lookup = (Step.Call) engine.begin(Screen.Audience.RESIDENT, "id", List.of("5", "HBR5FF8L"));
        Step.Reply result = (Step.Reply) engine.resume(lookup.state(),
                new ActionResult("ok", Map.of("status", "IN_REVIEW", "updatedAt", "2026-11-20")));
        assertTrue(result.text().endsWith("\n0 Kembali 00 Menu"), result.text());
        assertEquals("main", press(result, "0").state().screen());
        Step.Call markets = (Step.Call) engine.begin(Screen.Audience.RESIDENT, "id", List.of("3", "3"));
        Step.Reply none = (Step.Reply) engine.resume(markets.state(), new ActionResult("none", Map.of("regionName", "Kapuas")));
        assertEquals("markets.district", press(none, "0").state().screen());
    }

    @Test
    void zeroOnAScreenTheDialogueOpenedOnIsTheMainMenu() {
        Step.Reply resume = (Step.Reply) engine.beginAt("complaint.resume", Screen.Audience.RESIDENT, "id", List.of(), Map.of());
        assertTrue(resume.text().endsWith("\n0 Kembali 00 Menu"), resume.text());
        Step.Reply main = press(resume, "0");
        assertEquals("main", main.state().screen());
        assertEquals(0, main.state().strikes());
    }
}
