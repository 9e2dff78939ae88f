package id.betang.menus.tool;

import java.util.Map;

import id.betang.menus.MenuTree;
import id.betang.menus.Screen;

/** The menu as a Mermaid flowchart: one node per screen (labelled in the default language), one edge per path. */
public final class MermaidGraph {

    private MermaidGraph() {
    }

    public static String of(MenuTree tree) {
        String lang = tree.defaultLanguage();
        StringBuilder out = new StringBuilder("flowchart TD\n");
        for (Screen screen : tree.screens().values()) {
            out.append("  ").append(node(screen.id())).append(shape(screen, label(screen, lang))).append('\n');
        }
        for (Screen screen : tree.screens().values()) {
            for (Map.Entry<String, String> edge : edges(screen).entrySet()) {
                out.append("  ").append(node(screen.id())).append(" -->|").append(escape(edge.getKey())).append("| ")
                        .append(node(edge.getValue())).append('\n');
            }
        }
        return out.toString();
    }

    private static Map<String, String> edges(Screen screen) {
        Map<String, String> edges = new java.util.LinkedHashMap<>();
        if (screen instanceof Screen.Menu menu) {
            menu.options().forEach(o -> edges.merge(o.next(), o.key() + o.audience().map(a -> " " + a.name().toLowerCase()).orElse(""),
                    (a, b) -> a + "," + b));
        } else if (screen instanceof Screen.Input input) {
            edges.put(input.next(), "valid");
            input.skipNext().ifPresent(next -> edges.merge(next, input.skipKey().orElse("skip"), (a, b) -> a + "," + b));
        } else if (screen instanceof Screen.Info info) {
            info.next().ifPresent(next -> edges.put(next, "any"));
        } else if (screen instanceof Screen.Action action) {
            action.outcomes().forEach((outcome, next) -> edges.merge(next, outcome, (a, b) -> a + "," + b));
        }
        // keyed by target above to merge parallel edges; flip back to label → target
        Map<String, String> byLabel = new java.util.LinkedHashMap<>();
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
        return first.length() > 40 ? first.substring(0, 37) + "..." : first;
    }

    private static String shape(Screen screen, String label) {
        String l = "\"" + escape(screen.id() + ": " + label) + "\"";
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

    private static String node(String id) {
        return id.replaceAll("[^A-Za-z0-9_]", "_");
    }

    private static String escape(String text) {
        return text.replace("\"", "#quot;").replace("|", "#124;").replace("{", "#123;").replace("}", "#125;");
    }
}
