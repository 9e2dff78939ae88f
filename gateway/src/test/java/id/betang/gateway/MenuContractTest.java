package id.betang.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

import id.betang.menus.ActionCatalog;
import id.betang.menus.InvalidMenuException;
import id.betang.menus.MenuError;
import id.betang.menus.MenuLoader;
import id.betang.menus.ScreenLimits;

/** The shipped menu has everything the gateway's code names; a menu without one does not start. */
class MenuContractTest {

    private static String shipped() throws IOException {
        try (InputStream in = MenuContractTest.class.getResourceAsStream(Gateway.MENU)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static List<MenuError> errors(String yaml) {
        return new MenuLoader(ActionCatalog.DEFAULT, ScreenLimits.DEFAULT, MenuContract.REQUIRES)
                .check("menu.yaml", new StringReader(yaml)).errors().stream().filter(e -> !e.warning()).toList();
    }

    @Test
    void theShippedMenuMeetsTheContract() throws IOException {
        assertEquals(List.of(), errors(shipped()));
        MenuContract.load(Gateway.MENU, ScreenLimits.DEFAULT);
    }

    @Test
    void theContractNamesWhatTheCodeUses() {
        assertTrue(MenuContract.REQUIRES.systemTexts().containsAll(List.of("smsFiled", "smsHelp", "smsReminder",
                "smsTicketUpdate", "smsDraftPrompt", "smsRedial", "smsFailed")), MenuContract.REQUIRES.toString());
        assertTrue(MenuContract.REQUIRES.screens().containsAll(List.of("status.lookup", "schedule.lookup",
                "complaint.resume", "complaint.filed", "complaint.text")), MenuContract.REQUIRES.toString());
        assertTrue(MenuContract.REQUIRES.outcomes().get("registry.status").contains("verify"));
    }

    @Test
    void theGatewaysLintRefusesAMenuWithoutTheFiledSms(@TempDir Path dir) throws IOException {
        Path good = Files.writeString(dir.resolve("good.yaml"), shipped());
        Path bad = Files.writeString(dir.resolve("bad.yaml"),
                shipped().replaceFirst("(?m)^  smsFiled:", "  smsFiledOld:"));
        PrintStream realErr = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            assertEquals(0, Main.lint(List.of(good.toString())));
            assertEquals(1, Main.lint(List.of(bad.toString())));
        } finally {
            System.setErr(realErr);
        }
        assertTrue(err.toString(StandardCharsets.UTF_8).contains(
                bad + ":1: text 'smsFiled' is required (the gateway sends it) but 'texts' has none"), err.toString());
    }

    @Test
    void aMenuWithoutTheFiledSmsFailsNamingIt() throws IOException {
        String yaml = shipped();
        String withoutFiled = yaml.replaceFirst("(?m)^  smsFiled:", "  smsFiledOld:");
        assertTrue(!withoutFiled.equals(yaml), "the shipped menu defines smsFiled");
        List<MenuError> errors = errors(withoutFiled);
        assertEquals(List.of("menu.yaml:1: text 'smsFiled' is required (the gateway sends it) but 'texts' has none"),
                errors.stream().map(MenuError::toString).toList());
        assertThrows(InvalidMenuException.class, () -> new MenuLoader(ActionCatalog.DEFAULT, ScreenLimits.DEFAULT,
                MenuContract.REQUIRES).load("menu.yaml", new StringReader(withoutFiled)));
    }

    @Test
    void aMenuWithoutTheLookupScreenFailsNamingIt() throws IOException {
        String withoutLookup = shipped().replace("schedule.lookup", "schedule.find");
        List<MenuError> errors = errors(withoutLookup);
        assertTrue(errors.stream().anyMatch(e -> e.message().equals(
                "screen 'schedule.lookup' is required (the gateway opens or reads it) but the menu has none")),
                errors.toString());
    }
}
