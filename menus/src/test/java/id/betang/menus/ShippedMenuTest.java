package id.betang.menus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The menu we ship loads cleanly and behaves as a resident expects on the main paths. */
class ShippedMenuTest {

    static final String RESOURCE = "/menus/kartu-huma-betang.yaml";
    final MenuTree tree = new MenuLoader().loadResource(RESOURCE);
    final Engine engine = new Engine(tree, ScreenLimits.DEFAULT);

    @Test
    void loadsWithoutErrorsOrWarnings() throws Exception {
        String yaml = new String(MenuLoader.class.getResourceAsStream(RESOURCE).readAllBytes(), StandardCharsets.UTF_8);
        MenuLoader.Result result = new MenuLoader().check(RESOURCE, new StringReader(yaml));
        assertEquals(List.of(), result.errors());
    }

    @Test
    void mainMenuFitsOneScreenAndHidesAgentOptionFromResidents() {
        Step.Reply reply = (Step.Reply) engine.begin(Screen.Audience.RESIDENT, "id", List.of());
        assertEquals("""
                Kartu Huma Betang Sejahtera
                1 Cek status bantuan
                2 Jadwal penyaluran
                3 Jadwal pasar murah
                4 Buat pengaduan
                5 Cek pengaduan
                6 Bahasa/Language
                0 Keluar""", reply.text());
        assertFalse(reply.end());
        assertTrue(ScreenLimits.DEFAULT.fits(reply.text()));
    }

    @Test
    void agentsSeeOptionSeven() {
        Step.Reply reply = (Step.Reply) engine.begin(Screen.Audience.AGENT, "en", List.of());
        assertTrue(reply.text().contains("7 Social worker services"), reply.text());
        assertTrue(reply.text().startsWith("Kartu Huma Betang Sejahtera\n1 Check aid status"), reply.text());
    }

    @Test
    void statusPathAsksForNikThenCallsTheRegistry() {
        Step step = engine.begin(Screen.Audience.RESIDENT, "id", List.of());
        step = engine.next(step.state(), "1");
        assertEquals("Masukkan NIK (16 angka):", ((Step.Reply) step).text());
        Step.Reply wrong = (Step.Reply) engine.next(step.state(), "12345");
        assertEquals("NIK harus 16 angka.\nMasukkan NIK (16 angka):", wrong.text());
        Step.Call call = assertInstanceOf(Step.Call.class, engine.next(wrong.state(), "6271031203900004"));
        assertEquals("registry.status", call.action());
        assertEquals(Map.of("nik", "6271031203900004"), call.params());

        Step.Reply result = (Step.Reply) engine.resume(call.state(), new ActionResult("ok", Map.of(
                "asOf", "2026-11-12",
                "benefits", List.of(
                        Map.of("program", "BLT", "status", "ACTIVE"),
                        Map.of("program", "PKH", "status", "SUSPENDED", "reason", "data belum lengkap")))));
        assertEquals("""
                Status 6271********0004 per 12 Nov 2026:
                BLT (bantuan tunai): Aktif
                PKH: Ditangguhkan (data belum lengkap)
                0 Kembali 00 Menu""", result.text());
    }

    @Test
    void dialledShortcutReplaysInputs() {
        Step step = engine.begin(Screen.Audience.RESIDENT, "id", List.of("4", "2"));
        assertEquals("Masukkan NIK (16 angka)\n0 = tidak punya / tidak tahu", ((Step.Reply) step).text());
        assertEquals("WRONG_DATA", step.state().values().get("category"));
        // 0 here means "no NIK", not "back"
        Step district = engine.next(step.state(), "0");
        assertTrue(((Step.Reply) district).text().startsWith("Kabupaten/kota Anda:\n1 Kotawaringin Barat"));
    }

    @Test
    void longMenusArePagedNeverCut() {
        Step step = engine.begin(Screen.Audience.RESIDENT, "id", List.of("3"));
        String first = ((Step.Reply) step).text();
        assertTrue(first.endsWith("\n99 Lanjut"), first);
        assertTrue(ScreenLimits.DEFAULT.fits(first));
        String second = ((Step.Reply) engine.next(step.state(), "99")).text();
        assertTrue(second.contains("14 Kota Palangka Raya") || second.endsWith("99 Lanjut"), second);
        // every district appears on some page, each page fits
        StringBuilder all = new StringBuilder(first);
        Step page = step;
        for (int i = 0; i < 5 && ((Step.Reply) page).text().endsWith("99 Lanjut"); i++) {
            page = engine.next(page.state(), "99");
            String text = ((Step.Reply) page).text();
            assertTrue(ScreenLimits.DEFAULT.fits(text), text);
            all.append('\n').append(text);
        }
        for (String district : List.of("Kotawaringin Barat", "Sukamara", "Barito Timur", "Kota Palangka Raya")) {
            assertTrue(all.toString().contains(district), district);
        }
        Step.Call call = (Step.Call) engine.next(page.state(), "14");
        assertEquals(Map.of("region", "6271"), call.params());
    }

    @Test
    void backAndHomeNavigate() {
        Step step = engine.begin(Screen.Audience.RESIDENT, "id", List.of("5"));
        Step back = engine.next(step.state(), "0");
        assertEquals("main", back.state().screen());
        Step deep = engine.begin(Screen.Audience.RESIDENT, "id", List.of("4", "1", "0"));
        assertEquals("complaint.district", deep.state().screen());
        assertEquals("main", engine.next(deep.state(), "00").state().screen());
    }

    @Test
    void threeInvalidAnswersEndPolitely() {
        Step step = engine.begin(Screen.Audience.RESIDENT, "en", List.of());
        step = engine.next(step.state(), "8");
        step = engine.next(step.state(), "x");
        Step.Reply last = (Step.Reply) engine.next(step.state(), "9");
        assertTrue(last.end());
        assertEquals("Too many invalid choices. Please dial *777# again.", last.text());
    }

    @Test
    void languageSwitchAppliesToFollowingScreens() {
        Step.Call call = (Step.Call) engine.begin(Screen.Audience.RESIDENT, "id", List.of("6", "2"));
        assertEquals("session.language", call.action());
        Step.Reply main = (Step.Reply) engine.resume(call.state(), new ActionResult("ok", Map.of("lang", "en")));
        assertTrue(main.text().contains("1 Check aid status"), main.text());
    }
}
