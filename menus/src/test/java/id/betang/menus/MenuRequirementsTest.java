package id.betang.menus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** What the serving program requires of a menu fails the menu, by name, when the menu lacks it. */
class MenuRequirementsTest {

    private static final String MENU = """
            menu: test
            languages: [id]
            start: main
            texts:
              more: "99 Lanjut"
              nav: "0 Kembali"
              invalid: "Salah."
              invalid.choice: "Pilih {choices}."
              tooManyInvalid: "Selesai."
              busy: "Sibuk."
              smsHelp: "Ketik CEK <NIK>."
            screens:
              main: {type: end, text: Bye}
            """;

    private static List<MenuError> errors(MenuRequirements required) {
        return new MenuLoader(ActionCatalog.DEFAULT, ScreenLimits.DEFAULT, required)
                .check("t.yaml", new StringReader(MENU)).errors();
    }

    @Test
    void aMenuWithEverythingRequiredPasses() {
        assertEquals(List.of(), errors(MenuRequirements.screens("main")
                .and(MenuRequirements.systemTexts("smsHelp"))
                .and(MenuRequirements.outcomes("complaint.file", "ok", "limited"))));
    }

    @Test
    void aMissingSmsTextFailsNamingIt() {
        List<MenuError> errors = errors(MenuRequirements.systemTexts("smsHelp", "smsFiled"));
        assertEquals(1, errors.size(), errors.toString());
        assertEquals("t.yaml:1: text 'smsFiled' is required (the gateway sends it) but 'texts' has none",
                errors.get(0).toString());
        InvalidMenuException thrown = assertThrows(InvalidMenuException.class,
                () -> new MenuLoader(ActionCatalog.DEFAULT, ScreenLimits.DEFAULT,
                        MenuRequirements.systemTexts("smsFiled")).load("t.yaml", new StringReader(MENU)));
        assertTrue(thrown.getMessage().contains("smsFiled"), thrown.getMessage());
    }

    @Test
    void aMissingScreenFailsNamingIt() {
        List<MenuError> errors = errors(MenuRequirements.screens("status.lookup"));
        assertEquals(List.of("t.yaml:1: screen 'status.lookup' is required (the gateway opens or reads it) but the"
                + " menu has none"), errors.stream().map(MenuError::toString).toList());
    }

    @Test
    void anOutcomeTheCatalogueDoesNotListFailsNamingIt() {
        List<MenuError> errors = errors(MenuRequirements.outcomes("registry.verify", "ok", "maybe"));
        assertEquals(List.of("t.yaml:1: action registry.verify has no outcome 'maybe' in the catalogue, yet the"
                + " gateway names it"), errors.stream().map(MenuError::toString).toList());
    }

    @Test
    void requirementsAddUp() {
        MenuRequirements both = MenuRequirements.outcomes("complaint.file", "ok")
                .and(MenuRequirements.outcomes("complaint.file", "limited"))
                .and(MenuRequirements.screens("a")).and(MenuRequirements.systemTexts("t"));
        assertEquals(new MenuRequirements(Set.of("a"), Set.of("t"), Map.of("complaint.file", Set.of("ok", "limited"))),
                both);
    }
}
