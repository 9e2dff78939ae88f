package id.betang.menus.tool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import id.betang.menus.MenuLoader;

/**
 * What {@code graph} writes, line by line. Checked by hand against Mermaid 11.17 in a browser: these labels
 * render as the menu text (braces, pipes, quotes, emoji), where the #123;-style codes used before showed as
 * "&#123;" with SVG labels.
 */
class MermaidGraphTest {

    static final String MENU = "src/main/resources/menus/kartu-huma-betang.yaml";
    static final String ODD_TEXTS = "src/test/resources/cli/emoji.yaml";

    static String graph(String menu) throws IOException {
        return MermaidGraph.of(new MenuLoader().load(Path.of(menu)));
    }

    @Test
    void labelsAreQuotedStringsThatShowTemplatesAsTheyAre() throws IOException {
        String graph = graph(MENU);
        // inside a quoted label Mermaid takes braces and pipes literally: no entity codes needed
        assertTrue(graph.contains("  status_result[\"status.result: Status {nik|mask} per {asOf|date}:\"]\n"), graph);
        assertTrue(graph.contains("  status_nik[/\"status.nik: Masukkan NIK (16 angka):\"/]\n"), graph);
        assertTrue(graph.contains("  status_lookup{{\"status.lookup: registry.status\"}}\n"), graph);
        assertTrue(graph.contains("  bye([\"bye: "), graph);
        assertFalse(graph.contains("#123;") || graph.contains("#124;") || graph.contains("#125;"), graph);
    }

    @Test
    void aCutDescriptionAndADistrictReadOffTheNikAreEdgesToo() throws IOException {
        String graph = graph(MENU);
        assertTrue(graph.contains("  complaint_text -->|too long| complaint_text_cut\n"), graph);
        assertTrue(graph.contains("  complaint_nik -->|derived region| complaint_village\n"), graph);
    }

    @Test
    void onlyWhatWouldEndTheStringOrReadAsMarkupIsAnEntity() throws IOException {
        String graph = graph(ODD_TEXTS);
        assertTrue(graph.contains(
                "  screen_end([\"end: Kode #quot;A#quot; #lt;b#gt;#amp;#lt;/b#gt; #35;tag; {x|y} *777#\"])\n"), graph);
        assertTrue(graph.contains("  main[\"main: Salam 🙏 dari Betang\"]\n"), graph);
    }

    @Test
    void aScreenNamedLikeAKeywordGetsAnotherNodeId() throws IOException {
        String graph = graph(ODD_TEXTS);
        // a bare "end" closes the flowchart in Mermaid; the label keeps the screen's name
        assertTrue(graph.contains("  screen_end([\"end: "), graph);
        assertTrue(graph.contains("  main -->|1| screen_end\n"), graph);
    }

    @Test
    void screenIdsThatMeetOnceMadeSafeStayTwoNodes() throws IOException {
        String graph = graph(ODD_TEXTS);
        assertTrue(graph.contains("  a_b([\"a.b: Tekan tombol ā\"])\n"), graph);
        assertTrue(graph.contains("  a_b_2([\"a_b: Selesai "), graph);
        assertTrue(graph.contains("  main -->|2| a_b\n") && graph.contains("  main -->|3| a_b_2\n"), graph);
    }

    @Test
    void aLongLabelIsCutByCharactersNeverInsideAnEmoji() throws IOException {
        // 🙏 is two chars in Java; cutting at 37 chars would leave half of one
        assertTrue(graph(ODD_TEXTS).contains("  a_b_2([\"a_b: Selesai " + "🙏".repeat(29) + "...\"])\n"));
    }

    @Test
    void stringsMarkQuotesMarkupAndWouldBeEntityCodes() {
        assertEquals("\"🙏 {a|b} #quot;x#quot; #lt;i#gt; #amp; #35;quot; # 1 *777#\"",
                MermaidGraph.quoted("🙏 {a|b} \"x\" <i> & #quot; # 1 *777#"));
    }
}
