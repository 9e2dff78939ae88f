package id.betang.menus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

/**
 * Every hint on every screen does what it says: walks every reachable screen of the shipped menu (both
 * languages, both audiences, every page, every outcome of every action) and presses each key the page on the
 * phone advertises ("1 Coba lagi", "0 = tidak punya", "0 Kembali 00 Menu", "99 Lanjut"). None may answer
 * with a refusal.
 */
class AdvertisedKeysWalkTest {

    private static final MenuTree TREE = TreeWalkTest.TREE;
    private final Engine engine = new Engine(TREE, ScreenLimits.DEFAULT);

    /** The keys this page offers: its option lines, static "N text" lines of the screen's text, and the hints. */
    static Set<String> advertised(String page, Screen screen, DialogueState state) {
        Set<String> offered = new LinkedHashSet<>();
        String lang = state.lang();
        Set<String> staticLines = new HashSet<>();
        if (!(screen instanceof Screen.Action)) {
            Renderer.text(screen).in(lang, TREE.defaultLanguage()).lines().filter(l -> !l.contains("{"))
                    .forEach(staticLines::add);
        }
        if (screen instanceof Screen.Menu menu) {
            menu.options().stream().filter(o -> o.visibleTo(state.audience()))
                    .forEach(o -> staticLines.add(o.key() + " " + o.text().in(lang, TREE.defaultLanguage())));
        }
        for (String line : page.lines().toList()) {
            if (line.equals(TREE.system("nav", lang)) || line.equals(TREE.system("more", lang))) {
                offered.addAll(AdvertisedKeys.inHint(line));
            } else if (staticLines.contains(line)) {
                offered.addAll(AdvertisedKeys.inScreenText(line));
            }
        }
        return offered;
    }

    @Test
    void everyAdvertisedKeyIsHandled() {
        Set<String> seen = new HashSet<>();
        Set<String> screensPressed = new HashSet<>();
        List<String> refused = new ArrayList<>();
        int[] presses = {0};
        MenuWalk.walk(TREE, engine, reply -> {
            DialogueState state = reply.state();
            Screen screen = TREE.screen(state.screen());
            if (reply.end() || state.strikes() > 0
                    || !seen.add(state.screen() + "|" + state.lang() + "|" + state.audience() + "|" + state.page()
                            + "|" + state.trail().isEmpty() + "|" + state.values().containsKey(Engine.RETURN_TO))) {
                return List.of();
            }
            List<Step> next = new ArrayList<>();
            for (String key : advertised(reply.text(), screen, state)) {
                Step pressed = engine.next(state, key);
                presses[0]++;
                screensPressed.add(state.screen());
                if (pressed.state().strikes() > state.strikes()) {
                    refused.add(state.screen() + " (" + state.lang() + ", " + state.audience() + ", page " + state.page()
                            + ") key " + key + " → " + ((Step.Reply) pressed).text().lines().findFirst().orElse(""));
                }
                next.add(pressed);
            }
            for (String input : TreeWalkTest.inputsFor(screen, state)) {
                next.add(engine.next(state, input));
            }
            return next;
        });
        assertEquals(List.of(), refused, "keys a screen advertises but refuses");
        Set<String> shown = new HashSet<>(TREE.screens().keySet());
        shown.removeIf(id -> TREE.screen(id) instanceof Screen.Action || TREE.screen(id) instanceof Screen.End
                || TREE.screen(id) instanceof Screen.Input i && i.skipKey().isEmpty());
        shown.removeAll(screensPressed);
        assertEquals(Set.of(), shown, "screens with something to press that the walk never pressed on");
        assertTrue(presses[0] > 500, "pressed " + presses[0]);
    }

    @Test
    void theKeysOfAPageAreReadOffWhatThePhoneShows() {
        Step.Reply resume = (Step.Reply) engine.beginAt("complaint.resume", Screen.Audience.RESIDENT, "id", List.of(), Map.of());
        assertEquals(Set.of("1", "2", "0", "00"),
                advertised(resume.text(), TREE.screen("complaint.resume"), resume.state()));
        Step.Reply nik = (Step.Reply) engine.begin(Screen.Audience.RESIDENT, "id", List.of("4", "1"));
        assertEquals(Set.of("0"), advertised(nik.text(), TREE.screen("complaint.nik"), nik.state()));
        Step.Reply districts = (Step.Reply) engine.begin(Screen.Audience.RESIDENT, "en", List.of("3"));
        assertTrue(advertised(districts.text(), TREE.screen("markets.district"), districts.state()).contains("99"));
        assertFalse(advertised(districts.text(), TREE.screen("markets.district"), districts.state()).contains("14"),
                "option 14 is on the next page");
    }
}
