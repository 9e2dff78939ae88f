package id.betang.menus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** An answer that missed its USSD step becomes an SMS: the whole screen it leads to, unpaged. */
class FollowUpMessageTest {

    final Engine engine = new Engine(new MenuLoader().loadResource("/menus/kartu-huma-betang.yaml"), ScreenLimits.DEFAULT);

    Step.Call statusLookup(String lang) {
        Step menu = engine.begin(Screen.Audience.RESIDENT, lang, List.of("1"));
        return (Step.Call) engine.next(menu.state(), "6271031203900004");
    }

    static final List<Map<String, String>> MANY = List.of(
            Map.of("program", "BLT", "status", "ACTIVE", "reason", ""),
            Map.of("program", "SEMBAKO_MURAH", "status", "ACTIVE", "reason", ""),
            Map.of("program", "PKH", "status", "SUSPENDED", "reason", "data anak sekolah belum lengkap"),
            Map.of("program", "PIP", "status", "PENDING_VERIFICATION", "reason", "menunggu data sekolah"),
            Map.of("program", "PBI_JKN", "status", "ACTIVE", "reason", ""));

    @Test
    void theWholeResultScreenWithoutPagingOrNavigation() {
        ActionResult ok = new ActionResult("ok", Map.of("nik", "6271031203900004", "asOf", "2026-11-12", "benefits", MANY));
        String sms = engine.message(statusLookup("id").state(), ok).orElseThrow();
        assertEquals("Status 6271********0004 per 12 Nov 2026:\nBLT (bantuan tunai): Aktif\nSembako murah: Aktif\n"
                + "PKH: Ditangguhkan (data anak sekolah belum lengkap)\nPIP/KIP sekolah: Menunggu verifikasi (menunggu data sekolah)\n"
                + "PBI-JKN (BPJS gratis): Aktif", sms);
        Step.Reply onScreen = (Step.Reply) engine.resume(statusLookup("id").state(), ok);
        assertTrue(onScreen.text().endsWith("99 Lanjut"), "the same answer is paged on a phone screen");
    }

    @Test
    void inTheDialoguesLanguage() {
        ActionResult none = new ActionResult("not_found", Map.of("nik", "6271031203900004"));
        assertEquals(Optional.of("NIK 6271********0004 not found. Think you qualify? Choose 4 in the menu to complain."),
                engine.message(statusLookup("en").state(), none));
    }

    @Test
    void aQuestionIsNoMessage() {
        assertEquals(Optional.empty(), engine.message(statusLookup("id").state(), ActionResult.of("verify")),
                "asking how to confirm makes no sense outside the dialogue");
    }
}
