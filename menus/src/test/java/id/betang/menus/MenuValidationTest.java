package id.betang.menus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.util.List;

import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.CsvSource;

/** Each kind of broken menu is refused with a message that names the line, the screen and the fault. */
class MenuValidationTest {

    private static final String HEAD = """
            menu: test
            languages: [id, en]
            start: main
            texts:
              more: { id: "99 Lanjut", en: "99 More" }
              nav: { id: "0 Kembali", en: "0 Back" }
              invalid: { id: "Salah.", en: "Wrong." }
              invalid.choice: { id: "Pilih {choices}.", en: "Choose {choices}." }
              tooManyInvalid: { id: "Selesai.", en: "Done." }
              busy: { id: "Sibuk.", en: "Busy." }
            screens:
            """;

    static Stream<Arguments> brokenMenus() {
        return Stream.of(
                Arguments.of("unknown target",
                        "main: {type: menu, text: Hi, options: [{key: '1', text: A, next: nowhere}]}",
                        "12: screen 'main' option 1 goes to unknown screen 'nowhere'"),
                Arguments.of("unreachable screen",
                        "main: {type: end, text: Bye}\n  lost: {type: end, text: Lost}",
                        "13: screen 'lost' cannot be reached from 'main'"),
                Arguments.of("duplicate option",
                        "main: {type: menu, text: Hi, options: [{key: '1', text: A, next: e}, {key: '1', text: B, next: e}]}"
                                + "\n  e: {type: end, text: E}",
                        "12: screen 'main' option 1 appears twice"),
                Arguments.of("missing translation",
                        "main: {type: end, text: {id: Halo}}",
                        "12: screen 'main' missing en text: screens.main"),
                Arguments.of("text in an undeclared language",
                        "main: {type: end, text: {id: Halo, en: Hello, bjn: Halo}}",
                        "12: screen 'main' text in 'bjn', a language 'languages' does not declare: screens.main"),
                Arguments.of("language switch to an undeclared language",
                        "main: {type: menu, text: Hi, options: [{key: '1', text: A, next: s}]}\n"
                                + "  s: {type: action, action: session.language, params: {lang: bjn}, outcomes: {ok: main, unavailable: main}}",
                        "13: screen 's' switches to language 'bjn', which 'languages' does not declare"),
                Arguments.of("unknown action",
                        "main: {type: action, action: registry.teleport, outcomes: {ok: e}}\n  e: {type: end, text: E}",
                        "12: screen 'main' unknown action 'registry.teleport'"),
                Arguments.of("unhandled outcome",
                        "main: {type: action, action: complaint.status, outcomes: {ok: e, not_found: e, unavailable: e}}"
                                + "\n  e: {type: end, text: E}",
                        "12: screen 'main' outcome 'not_yours' of complaint.status is not handled"),
                Arguments.of("input without validation",
                        "main: {type: input, text: NIK, save: nik, next: e}\n  e: {type: end, text: E}",
                        "12: screen 'main' an input needs 'validate'"),
                Arguments.of("missing start",
                        "other: {type: end, text: E}",
                        "1: start screen 'main' does not exist"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenMenus")
    void brokenMenusAreRefusedPrecisely(String kind, String screens, String expected) {
        String yaml = HEAD + "  " + screens;
        List<MenuError> errors = new MenuLoader().check("broken.yaml", new StringReader(yaml)).errors();
        assertTrue(errors.stream().anyMatch(e -> e.toString().startsWith("broken.yaml:" + expected)),
                kind + " → " + errors);
        InvalidMenuException thrown = org.junit.jupiter.api.Assertions.assertThrows(InvalidMenuException.class,
                () -> new MenuLoader().load("broken.yaml", new StringReader(yaml)));
        assertTrue(thrown.getMessage().contains(expected.substring(expected.indexOf(' ') + 1)), thrown.getMessage());
    }

    @org.junit.jupiter.api.Test
    void aScreenThatAdvertisesAKeyItDoesNotHandleIsRefused() throws Exception {
        List<String> errors = new MenuLoader().check("advertised-keys.yaml", java.nio.file.Files.newBufferedReader(
                java.nio.file.Path.of("src/test/resources/broken/advertised-keys.yaml"))).errors().stream()
                .map(MenuError::toString).toList();
        for (String expected : List.of(
                "advertised-keys.yaml:14: screen 'main' text (id) advertises key 3 but the menu has no option 3",
                "advertised-keys.yaml:22: screen 'card' text (en) advertises key 0 but the input neither skips on it nor"
                        + " accepts it (0 goes back)",
                "advertised-keys.yaml:29: screen 'wrong' text (id) advertises key 1 but the screen has no 'next'",
                "advertised-keys.yaml:32: screen 'bye' text (en) advertises key 1 but the dialogue ends on this screen",
                "advertised-keys.yaml:1: texts.nav (id) advertises key 9, which the engine does not handle there"
                        + " (only 0, 00)")) {
            assertTrue(errors.stream().anyMatch(e -> e.startsWith(expected)), expected + "\n not in " + errors);
        }
        assertEquals(10, errors.size(), "each fault once per language: " + errors);
    }

    @org.junit.jupiter.api.Test
    void everyWayAnInputRefusesNeedsItsText() {
        String yaml = HEAD + "  main: {type: input, text: NIK, validate: nik, save: nik, next: e}\n  e: {type: end, text: E}";
        List<String> errors = new MenuLoader().check("t.yaml", new StringReader(yaml)).errors().stream()
                .map(MenuError::toString).toList();
        assertTrue(errors.contains("t.yaml:12: screen 'main' texts.invalid.nik.length is missing: it tells the caller"
                + " what is wrong with an answer this input refuses"), errors.toString());
        assertTrue(errors.stream().anyMatch(e -> e.contains("texts.invalid.nik is missing")), errors.toString());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "over-long static text | false",
        "non-GSM character | true",
    })
    void textProblems(String kind, boolean warning) {
        String text = warning ? "Halo 😀" : "x".repeat(183);
        String yaml = HEAD + "  main: {type: end, text: \"" + text + "\"}\n";
        List<MenuError> errors = new MenuLoader().check("t.yaml", new StringReader(yaml)).errors();
        // a plain string is the text in every language, so each language reports it
        assertEquals(2, errors.stream().filter(e -> e.warning() == warning).count(), errors.toString());
        if (!warning) {
            assertTrue(errors.get(0).message().contains("183 characters, over the screen limit of 182"), errors.toString());
        }
    }
}
