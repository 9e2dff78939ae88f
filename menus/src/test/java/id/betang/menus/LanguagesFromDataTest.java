package id.betang.menus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The languages a resident can use are the ones the menu file declares, nothing in code: for every declared
 * language of every menu here, lint passes, the language screen offers it, choosing it serves the following
 * screens in it, and a dialogue begun in it (the phone's choice by SMS, or the registry's) speaks it. A menu
 * that gains a language by its texts alone is served in it with no other change.
 */
class LanguagesFromDataTest {

    static Stream<Arguments> languages() {
        return Stream.of("/menus/kartu-huma-betang.yaml", "/languages/four-languages.yaml").flatMap(resource -> {
            MenuTree tree = new MenuLoader().loadResource(resource);
            return tree.languages().stream().map(lang -> Arguments.of(resource, lang));
        });
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("languages")
    void everyDeclaredLanguageIsLintCleanOfferedAndServed(String resource, String lang) throws IOException {
        MenuLoader.Result result;
        try (InputStream in = LanguagesFromDataTest.class.getResourceAsStream(resource)) {
            result = new MenuLoader().check(resource, new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        assertEquals(List.of(), result.errors(), "lint");
        MenuTree tree = result.tree();
        Engine engine = new Engine(tree, ScreenLimits.DEFAULT);
        String mainInLang = Renderer.text(tree.screen(tree.start())).in(lang, tree.defaultLanguage()).lines().findFirst()
                .orElseThrow();

        Step.Reply begun = assertInstanceOf(Step.Reply.class, engine.begin(Screen.Audience.RESIDENT, lang, List.of()));
        assertEquals(lang, begun.state().lang());
        assertTrue(begun.text().startsWith(mainInLang), begun.text());

        List<String> keys = keysToSwitch(tree, lang).orElseThrow(() -> new AssertionError("no screen offers " + lang));
        String other = tree.languages().stream().filter(l -> !l.equals(lang)).findFirst().orElse(lang);
        Step.Call call = assertInstanceOf(Step.Call.class, engine.begin(Screen.Audience.RESIDENT, other, keys));
        assertEquals(ActionCatalog.LANGUAGE, call.action());
        // the gateway's session.language answers with the lang param, as BuiltInActions does
        Step.Reply chosen = assertInstanceOf(Step.Reply.class,
                engine.resume(call.state(), new ActionResult("ok", Map.of("lang", call.params().get("lang")))));
        assertEquals(lang, chosen.state().lang());
        assertEquals(begun.text(), chosen.text(), "the screen after choosing is the one begun in that language");
        assertEquals(lang, engine.next(chosen.state(), "x").state().lang(), "the choice holds on later screens");
    }

    /** The keys a resident types from the start screen to the screen that switches to {@code lang}. */
    static Optional<List<String>> keysToSwitch(MenuTree tree, String lang) {
        Deque<Map.Entry<String, List<String>>> queue = new ArrayDeque<>();
        Set<String> seen = new HashSet<>();
        queue.add(Map.entry(tree.start(), List.of()));
        while (!queue.isEmpty()) {
            Map.Entry<String, List<String>> at = queue.poll();
            if (!seen.add(at.getKey())) {
                continue;
            }
            Screen screen = tree.screen(at.getKey());
            if (screen instanceof Screen.Action a && ActionCatalog.LANGUAGE.equals(a.action())
                    && lang.equals(a.params().get("lang"))) {
                return Optional.of(at.getValue());
            }
            if (screen instanceof Screen.Menu menu) {
                for (Screen.Option o : menu.options()) {
                    if (o.visibleTo(Screen.Audience.RESIDENT)) {
                        List<String> keys = new ArrayList<>(at.getValue());
                        keys.add(o.key());
                        queue.add(Map.entry(o.next(), keys));
                    }
                }
            }
        }
        return Optional.empty();
    }
}
