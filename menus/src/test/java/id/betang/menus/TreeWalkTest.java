package id.betang.menus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Walks every reachable screen of the shipped menu, in both languages, as resident and as agent, through
 * every outcome of every action (with long, realistic values), and checks every page a phone could show:
 * it fits the screen limit, and together the pages hold all of the content, nothing cut.
 */
class TreeWalkTest {

    static final MenuTree TREE = new MenuLoader().loadResource("/menus/kartu-huma-betang.yaml");

    /** The longest values the registry plausibly sends, to push every list into paging. */
    static Map<String, Object> valuesFor(String action) {
        return switch (action) {
            case "registry.status" -> Map.of("asOf", "2026-11-12", "benefits", List.of(
                    Map.of("program", "PELATIHAN_WIRAUSAHA", "status", "PENDING_VERIFICATION",
                            "reason", "menunggu hasil verifikasi lapangan oleh pendamping sosial kecamatan setempat"),
                    Map.of("program", "MODAL_TANI_NELAYAN", "status", "SUSPENDED", "reason", "laporan usaha belum masuk"),
                    Map.of("program", "PBI_JKN", "status", "ACTIVE"), Map.of("program", "PKH", "status", "ENDED"),
                    Map.of("program", "BLT", "status", "NOT_ENROLLED"), Map.of("program", "PIP", "status", "ACTIVE"),
                    Map.of("program", "BPNT", "status", "ACTIVE"), Map.of("program", "RUMAH_GURU", "status", "ACTIVE")));
            case "registry.schedule" -> Map.of("disbursements", List.of(
                    Map.of("program", "BLT", "date", "2026-12-12", "amount", "1200000", "place", "Kantor Pos Cabang Kuala Kurun"),
                    Map.of("program", "SEMBAKO_MURAH", "date", "2026-12-05", "item", "beras 10 kg, minyak 2 liter",
                            "place", "Balai Desa Tumbang Manjul"),
                    Map.of("program", "PKH", "date", "2027-01-15", "amount", "750000", "place", "Bank BRI Unit Kasongan")));
            case "registry.markets" -> Map.of("regionName", "Kotawaringin Timur", "markets", List.of(
                    Map.of("date", "2026-12-02", "place", "Lapangan Sanaman Mantikei, Jekan Raya"),
                    Map.of("date", "2026-12-09", "place", "Pasar Kahayan"), Map.of("date", "2026-12-16", "place", "Pasar Besar"),
                    Map.of("date", "2026-12-23", "place", "Halaman Kantor Camat Pahandut Seberang")));
            case "complaint.file" -> Map.of("ticket", "HBR5FF8L");
            case "complaint.status" -> Map.of("status", "FIELD_VISIT", "updatedAt", "2026-11-20",
                    // longer than a whole screen on one line: must be split across pages at spaces
                    "note", "Petugas pendamping sosial kecamatan akan datang ke rumah Anda pada minggu depan untuk "
                            + "memeriksa data keluarga, kartu keluarga, surat keterangan tidak mampu dari desa, dan "
                            + "bukti penghasilan terakhir; mohon siapkan dokumen tersebut sebelum kunjungan.");
            default -> Map.of();
        };
    }

    static List<String> inputsFor(Screen screen, DialogueState state) {
        List<String> inputs = new ArrayList<>(List.of("0", "00", "99", "x"));
        if (screen instanceof Screen.Menu menu) {
            menu.options().stream().filter(o -> o.visibleTo(state.audience())).forEach(o -> inputs.add(o.key()));
        } else if (screen instanceof Screen.Input input) {
            InputRule rule = input.rule();
            inputs.add(rule instanceof InputRule.Nik ? "6271031203900004"
                    : rule instanceof InputRule.Date ? "01071985"
                    : rule instanceof InputRule.Ticket ? "HBR5FF8L"
                    : rule instanceof InputRule.Digits d ? "4".repeat(d.min())
                    : rule instanceof InputRule.FreeText t ? "a".repeat(t.maxLength()) : "1");
            input.skipKey().ifPresent(inputs::add);
            if (rule instanceof InputRule.FreeText t) {
                inputs.add("kata ".repeat(t.maxLength() / 4));  // over the limit: cut and offered back
            }
        } else {
            inputs.add("1");
        }
        return inputs;
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(ints = {182, 160})
    void everyScreenFitsAndNothingIsCut(int limit) {
        ScreenLimits limits = new ScreenLimits(limit, limit == 160 ? 70 : 80);
        Engine engine = new Engine(TREE, limits);
        Renderer renderer = new Renderer(TREE, limits);
        Renderer unlimited = new Renderer(TREE, new ScreenLimits(100_000, 100_000));
        Set<String> seen = new HashSet<>();
        Set<String> screensShown = new HashSet<>();
        int[] checked = {0};
        MenuWalk.walk(TREE, engine, reply -> {
            DialogueState state = reply.state();
            assertTrue(limits.fits(reply.text()), () -> "over the limit at " + state.screen() + ":\n" + reply.text());
            Screen screen = TREE.screen(state.screen());
            if (!seen.add(state.screen() + "|" + state.lang() + "|" + state.audience() + "|" + state.page())) {
                return List.of();
            }
            screensShown.add(state.screen());
            if (state.strikes() == 0 && !(reply.end() && !(screen instanceof Screen.End))) {
                List<String> pages = renderer.pages(screen, state, null);
                pages.forEach(p -> assertTrue(limits.fits(p), () -> "page over the limit at " + state.screen() + ":\n" + p));
                String whole = unlimited.pages(screen, state, null).get(0);
                assertEquals(words(whole, TREE, state.lang()), words(String.join("\n", pages), TREE, state.lang()),
                        "content cut at " + state.screen());
                checked[0]++;
            }
            return reply.end() ? List.of()
                    : inputsFor(screen, state).stream().map(input -> engine.next(state, input)).toList();
        });
        Set<String> notShown = new HashSet<>(TREE.screens().keySet());
        notShown.removeAll(screensShown);
        notShown.removeIf(id -> TREE.screen(id) instanceof Screen.Action);
        assertEquals(Set.of(), notShown, "screens the walk never reached");
        assertTrue(checked[0] > 100, "checked " + checked[0]);
    }

    /** The words of a screen without the paging and navigation lines, which pages add or leave out. */
    static List<String> words(String text, MenuTree tree, String lang) {
        String more = tree.system("more", lang);
        String nav = tree.system("nav", lang);
        return text.lines().filter(l -> !l.equals(more) && !l.equals(nav))
                .flatMap(l -> java.util.Arrays.stream(l.split("\\s+"))).filter(w -> !w.isEmpty()).toList();
    }
}
