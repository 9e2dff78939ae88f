package id.betang.menus.tool;

import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import id.betang.menus.MenuTree;
import id.betang.menus.Screen;

/**
 * The menu as a Mermaid flowchart: one node per screen (labelled in the default language), one edge per path.
 * Labels are quoted strings, the form current Mermaid (10, 11) renders whatever they hold: inside quotes
 * {@code { } | ( ) [ ] /} are plain text, so only what would end the string or be read as markup or an
 * entity code is written as an entity ({@code #quot;}, {@code #lt;}, ...). Node ids are the screen ids made
 * safe: word characters only, never a Mermaid keyword such as {@code end}, never two screens on one id.
 */
public final class MermaidGraph {

    /** Words the flowchart grammar reads as keywords where a node id stands. */
    private static final Set<String> KEYWORDS = Set.of("end", "graph", "flowchart", "subgraph", "direction", "style",
            "linkStyle", "classDef", "class", "click", "call", "href", "default");

    /** A '#' Mermaid would read as the start of an entity code such as #quot; (a lone '#', as in *777#, is fine). */
    private static final Pattern WOULD_BE_ENTITY = Pattern.compile("#(?=\\w+;)");

    private static final int LABEL_CODE_POINTS = 40;

    private MermaidGraph() {
    }

    public static String of(MenuTree tree) {
        String lang = tree.defaultLanguage();
        Map<String, String> nodes = nodeIds(tree.screens().keySet());
        StringBuilder out = new StringBuilder("flowchart TD\n");
        for (Screen screen : tree.screens().values()) {
            out.append("  ").append(nodes.get(screen.id())).append(shape(screen, label(screen, lang))).append('\n');
        }
        for (Screen screen : tree.screens().values()) {
            for (Map.Entry<String, String> edge : edges(screen).entrySet()) {
                out.append("  ").append(nodes.get(screen.id())).append(" -->|").append(edgeLabel(edge.getKey())).append("| ")
                        .append(nodes.getOrDefault(edge.getValue(), nodeId(edge.getValue()))).append('\n');
            }
        }
        return out.toString();
    }

    private static Map<String, String> edges(Screen screen) {
        Map<String, String> edges = new LinkedHashMap<>();
        if (screen instanceof Screen.Menu menu) {
            menu.options().forEach(o -> edges.merge(o.next(), o.key() + o.audience().map(a -> " " + a.name().toLowerCase()).orElse(""),
                    (a, b) -> a + "," + b));
        } else if (screen instanceof Screen.Input input) {
            edges.put(input.next(), "valid");
            input.skipNext().ifPresent(next -> edges.merge(next, input.skipKey().orElse("skip"), (a, b) -> a + "," + b));
            input.tooLong().ifPresent(next -> edges.merge(next, "too long", (a, b) -> a + "," + b));
            input.derive().ifPresent(derive -> edges.merge(derive.next(), "derived " + derive.saveAs(), (a, b) -> a + "," + b));
        } else if (screen instanceof Screen.Info info) {
            info.next().ifPresent(next -> edges.put(next, "any"));
        } else if (screen instanceof Screen.Action action) {
            action.outcomes().forEach((outcome, next) -> edges.merge(next, outcome, (a, b) -> a + "," + b));
        }
        // keyed by target above to merge parallel edges; flip back to label → target
        Map<String, String> byLabel = new LinkedHashMap<>();
        edges.forEach((target, label) -> byLabel.put(label, target));
        return byLabel;
    }

    private static String label(Screen screen, String lang) {
        if (screen instanceof Screen.Action action) {
            return action.action();
        }
        String text;
        if (screen instanceof Screen.Menu m) {
            text = m.text().in(lang, lang);
        } else if (screen instanceof Screen.Input i) {
            text = i.text().in(lang, lang);
        } else if (screen instanceof Screen.Info i) {
            text = i.text().in(lang, lang);
        } else {
            text = ((Screen.End) screen).text().in(lang, lang);
        }
        String first = text.lines().findFirst().orElse("");
        // by code points: an emoji is two chars, and half of one is no character at all
        return first.codePointCount(0, first.length()) > LABEL_CODE_POINTS
                ? first.substring(0, first.offsetByCodePoints(0, LABEL_CODE_POINTS - 3)) + "..."
                : first;
    }

    private static String shape(Screen screen, String label) {
        String l = quoted(screen.id() + ": " + label);
        if (screen instanceof Screen.Action) {
            return "{{" + l + "}}";
        }
        if (screen instanceof Screen.End) {
            return "([" + l + "])";
        }
        if (screen instanceof Screen.Input) {
            return "[/" + l + "/]";
        }
        return "[" + l + "]";
    }

    /** Screen id → node id, unique: {@code status.nik} and {@code status_nik} would otherwise meet. */
    private static Map<String, String> nodeIds(Collection<String> screenIds) {
        Map<String, String> ids = new LinkedHashMap<>();
        Set<String> taken = new HashSet<>();
        for (String screenId : screenIds) {
            String id = nodeId(screenId);
            for (int n = 2; !taken.add(id); n++) {
                id = nodeId(screenId) + "_" + n;
            }
            ids.put(screenId, id);
        }
        return ids;
    }

    private static String nodeId(String screenId) {
        String id = screenId.replaceAll("[^A-Za-z0-9_]", "_");
        return KEYWORDS.contains(id) ? "screen_" + id : id;
    }

    /** Keys and outcome names stay bare ({@code -->|1|}); anything else is quoted. */
    private static String edgeLabel(String label) {
        return label.matches("[\\w ,]+") ? label : quoted(label);
    }

    /**
     * A Mermaid string: {@code "} would end it, {@code < >} are markup in HTML labels, {@code &} and
     * {@code #name;} are entity codes; everything else, braces and pipes included, is literal inside the quotes.
     */
    static String quoted(String text) {
        // '#' first: the codes written below are themselves '#name;'
        String safe = WOULD_BE_ENTITY.matcher(text).replaceAll("#35;")
                .replace("&", "#amp;").replace("\"", "#quot;").replace("<", "#lt;").replace(">", "#gt;");
        return "\"" + safe + "\"";
    }
}
