package id.betang.menus;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads a menu YAML file into a {@link MenuTree} and validates it. Works on SnakeYAML's node tree
 * rather than plain maps so that every error can name the line it comes from. Format: menus/README.md.
 */
public final class MenuLoader {

    private final ActionCatalog actions;
    private final ScreenLimits limits;
    private final MenuRequirements required;

    public MenuLoader(ActionCatalog actions, ScreenLimits limits) {
        this(actions, limits, MenuRequirements.NONE);
    }

    /** @param required screens, texts and outcomes the program serving the menu names in code */
    public MenuLoader(ActionCatalog actions, ScreenLimits limits, MenuRequirements required) {
        this.actions = actions;
        this.limits = limits;
        this.required = required;
    }

    public MenuLoader() {
        this(ActionCatalog.DEFAULT, ScreenLimits.DEFAULT);
    }

    /** Loads and validates; throws {@link InvalidMenuException} listing every error (warnings do not fail). */
    public MenuTree load(Path file) throws IOException {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return load(file.toString(), reader);
        }
    }

    public MenuTree loadResource(String resource) {
        InputStream in = MenuLoader.class.getResourceAsStream(resource);
        if (in == null) {
            throw new IllegalArgumentException("no menu resource " + resource);
        }
        try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            return load(resource, reader);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    public MenuTree load(String source, Reader reader) {
        Result result = parse(source, reader);
        List<MenuError> errors = result.errors().stream().filter(e -> !e.warning()).toList();
        if (!errors.isEmpty()) {
            throw new InvalidMenuException(errors);
        }
        return result.tree();
    }

    /** Everything found, errors and warnings, without throwing: what the CLI's lint prints. */
    public Result check(String source, Reader reader) {
        return parse(source, reader);
    }

    public record Result(MenuTree tree, List<MenuError> errors) {
    }

    private Result parse(String source, Reader reader) {
        Parse p = new Parse(source);
        Node root;
        try {
            root = new Yaml(new LoaderOptions()).compose(reader);
        } catch (YAMLException e) {
            p.error(1, null, "not valid YAML: " + e.getMessage().lines().findFirst().orElse(""));
            return new Result(null, p.errors);
        }
        if (!(root instanceof MappingNode top)) {
            p.error(1, null, "a menu file is a mapping with 'menu', 'languages', 'start', 'texts' and 'screens'");
            return new Result(null, p.errors);
        }
        Map<String, Node> fields = p.mapping(top, null);
        String name = p.scalar(fields, "menu", top, null).orElse(source);
        List<String> languages = p.scalars(fields.get("languages"), null);
        if (languages.isEmpty()) {
            p.error(line(top), null, "'languages' must list at least one language, the default first");
            languages = List.of("id");
        }
        p.languages = languages;
        String start = p.scalar(fields, "start", top, null).orElse("");
        Map<String, Text> systemTexts = new LinkedHashMap<>();
        Node textsNode = fields.get("texts");
        if (textsNode instanceof MappingNode texts) {
            p.mapping(texts, null).forEach((key, node) -> {
                String path = "texts." + key;
                systemTexts.put(key, p.text(node, path, path));
            });
        }
        for (String key : MenuTree.SYSTEM_TEXTS) {
            if (!systemTexts.containsKey(key)) {
                p.error(textsNode == null ? line(top) : line(textsNode), null, "texts." + key + " is missing");
                systemTexts.put(key, Text.of(languages.get(0), ""));
            }
        }
        Map<String, Map<String, Text>> labels = new LinkedHashMap<>();
        if (fields.get("labels") instanceof MappingNode labelNode) {
            p.mapping(labelNode, null).forEach((table, node) -> {
                Map<String, Text> entries = new LinkedHashMap<>();
                if (node instanceof MappingNode m) {
                    p.mapping(m, null).forEach((code, t) -> {
                        String path = "labels." + table + "." + code;
                        entries.put(code, p.text(t, path, path));
                    });
                }
                labels.put(table, entries);
            });
        }
        Map<String, Screen> screens = new LinkedHashMap<>();
        if (fields.get("screens") instanceof MappingNode screensNode) {
            p.mapping(screensNode, null);  // reports duplicate screen ids
            for (NodeTuple tuple : screensNode.getValue()) {
                if (tuple.getKeyNode() instanceof ScalarNode key && !screens.containsKey(key.getValue())) {
                    // errors point at the screen's name, the line a reader looks for
                    p.screen(key.getValue(), tuple.getValueNode(), line(key)).ifPresent(s -> screens.put(key.getValue(), s));
                }
            }
        } else {
            p.error(line(top), null, "'screens' is missing");
        }
        List<String> entries = fields.containsKey("entries") ? p.scalars(fields.get("entries"), null) : List.of();
        MenuTree tree = new MenuTree(name, source, start, languages, screens, labels, systemTexts, entries);
        p.errors.addAll(new MenuValidator(actions, limits, required).validate(tree));
        return new Result(tree, p.errors);
    }

    static int line(Node node) {
        return node.getStartMark().getLine() + 1;
    }

    /** The state of one parse: the file name for errors and everything found so far. */
    private static final class Parse {
        private final String source;
        private final List<MenuError> errors = new ArrayList<>();
        private List<String> languages = List.of();

        Parse(String source) {
            this.source = source;
        }

        void error(int line, String screen, String message) {
            errors.add(new MenuError(source, line, screen, message, false));
        }

        Map<String, Node> mapping(MappingNode node, String screen) {
            Map<String, Node> fields = new LinkedHashMap<>();
            for (NodeTuple tuple : node.getValue()) {
                if (tuple.getKeyNode() instanceof ScalarNode key) {
                    if (fields.put(key.getValue(), tuple.getValueNode()) != null) {
                        error(line(key), screen, "'" + key.getValue() + "' appears twice");
                    }
                } else {
                    error(line(tuple.getKeyNode()), screen, "keys must be plain words");
                }
            }
            return fields;
        }

        Optional<String> scalar(Map<String, Node> fields, String key, Node owner, String screen) {
            Node node = fields.get(key);
            if (node == null) {
                error(line(owner), screen, "'" + key + "' is missing");
                return Optional.empty();
            }
            if (node instanceof ScalarNode s) {
                return Optional.of(s.getValue());
            }
            error(line(node), screen, "'" + key + "' must be a single value");
            return Optional.empty();
        }

        Optional<String> optionalScalar(Map<String, Node> fields, String key, String screen) {
            Node node = fields.get(key);
            if (node == null) {
                return Optional.empty();
            }
            return scalar(fields, key, node, screen);
        }

        List<String> scalars(Node node, String screen) {
            List<String> values = new ArrayList<>();
            if (node instanceof SequenceNode seq) {
                for (Node item : seq.getValue()) {
                    if (item instanceof ScalarNode s) {
                        values.add(s.getValue());
                    } else {
                        error(line(item), screen, "expected a list of plain values");
                    }
                }
            }
            return values;
        }

        /**
         * A text is either a mapping language → text, or (rarely) one plain string for every language. Every
         * language the menu declares needs its text: a missing one is reported by its key ({@code path}), so a
         * translator adding a language gets the list of what is left to write.
         */
        Text text(Node node, String screen, String path) {
            if (node instanceof ScalarNode s) {
                Map<String, String> all = new LinkedHashMap<>();
                languages.forEach(lang -> all.put(lang, s.getValue()));
                return new Text(all);
            }
            Map<String, String> byLang = new LinkedHashMap<>();
            if (node instanceof MappingNode m) {
                mapping(m, screen).forEach((lang, value) -> {
                    if (value instanceof ScalarNode v) {
                        byLang.put(lang, v.getValue());
                    } else {
                        error(line(value), screen, "text in '" + lang + "' must be a string");
                    }
                });
                for (String lang : languages) {
                    if (!byLang.containsKey(lang)) {
                        error(line(node), screen, "missing " + lang + " text: " + path);
                    }
                }
                byLang.keySet().stream().filter(lang -> !languages.contains(lang)).forEach(lang -> error(line(node),
                        screen, "text in '" + lang + "', a language 'languages' does not declare: " + path));
            } else {
                error(line(node), screen, "expected a text");
            }
            return new Text(byLang);
        }

        Optional<Screen> screen(String id, Node node, int at) {
            if (!(node instanceof MappingNode m)) {
                error(at, id, "a screen is a mapping with at least 'type'");
                return Optional.empty();
            }
            Map<String, Node> f = mapping(m, id);
            String type = scalar(f, "type", node, id).orElse("");
            Optional<Text> item = Optional.ofNullable(f.get("item")).map(n -> text(n, id, "screens." + id + ".item"));
            switch (type) {
                case "menu" -> {
                    List<Screen.Option> options = new ArrayList<>();
                    Optional<String> menuNext = optionalScalar(f, "next", id);
                    Optional<String> saveAs = optionalScalar(f, "save", id);
                    if (f.get("options") instanceof SequenceNode seq) {
                        for (Node o : seq.getValue()) {
                            option(o, id, menuNext).ifPresent(options::add);
                        }
                    } else {
                        error(at, id, "a menu needs 'options'");
                    }
                    if (saveAs.isPresent() && options.stream().anyMatch(o -> o.value().isEmpty())) {
                        error(at, id, "a menu that saves '" + saveAs.get() + "' needs a 'value' on every option");
                    }
                    return Optional.of(new Screen.Menu(id, at, textOf(f, node, id), options, saveAs));
                }
                case "input" -> {
                    InputRule rule = rule(f.get("validate"), node, id);
                    String saveAs = scalar(f, "save", node, id).orElse("");
                    String next = scalar(f, "next", node, id).orElse("");
                    Optional<String> skipKey = Optional.empty();
                    Optional<String> skipNext = Optional.empty();
                    if (f.get("skip") instanceof MappingNode skip) {
                        Map<String, Node> sf = mapping(skip, id);
                        skipKey = scalar(sf, "key", skip, id);
                        skipNext = scalar(sf, "next", skip, id);
                    }
                    Optional<String> tooLong = optionalScalar(f, "tooLong", id);
                    if (tooLong.isPresent() && !(rule instanceof InputRule.FreeText)) {
                        error(at, id, "'tooLong' needs validate: {text: max}");
                    }
                    Optional<Screen.Derive> derive = Optional.empty();
                    if (f.get("derive") instanceof MappingNode dn) {
                        derive = derive(dn, id);
                    } else if (f.containsKey("derive")) {
                        error(at, id, "'derive' is a mapping with 'save', 'prefix', 'labels' and 'next'");
                    }
                    return Optional.of(new Screen.Input(id, at, textOf(f, node, id), item, rule, saveAs, next, skipKey,
                            skipNext, tooLong, derive));
                }
                case "info" -> {
                    return Optional.of(new Screen.Info(id, at, textOf(f, node, id), item, optionalScalar(f, "next", id)));
                }
                case "end" -> {
                    return Optional.of(new Screen.End(id, at, textOf(f, node, id)));
                }
                case "action" -> {
                    String action = scalar(f, "action", node, id).orElse("");
                    Map<String, String> params = new LinkedHashMap<>();
                    if (f.get("params") instanceof MappingNode pm) {
                        mapping(pm, id).forEach((k, v) -> params.put(k, v instanceof ScalarNode s ? s.getValue() : ""));
                    }
                    Map<String, String> outcomes = new LinkedHashMap<>();
                    if (f.get("outcomes") instanceof MappingNode om) {
                        mapping(om, id).forEach((k, v) -> outcomes.put(k, v instanceof ScalarNode s ? s.getValue() : ""));
                    } else {
                        error(at, id, "an action needs 'outcomes'");
                    }
                    return Optional.of(new Screen.Action(id, at, action, params, outcomes));
                }
                default -> {
                    error(at, id, "unknown type '" + type + "' (menu, input, info, end, action)");
                    return Optional.empty();
                }
            }
        }

        private Text textOf(Map<String, Node> f, Node owner, String id) {
            Node node = f.get("text");
            if (node == null) {
                error(line(owner), id, "'text' is missing");
                return new Text(Map.of());
            }
            return text(node, id, "screens." + id);
        }

        private Optional<Screen.Option> option(Node node, String id, Optional<String> menuNext) {
            if (!(node instanceof MappingNode m)) {
                error(line(node), id, "an option is a mapping with 'key', 'text' and 'next'");
                return Optional.empty();
            }
            Map<String, Node> f = mapping(m, id);
            Optional<String> key = scalar(f, "key", node, id);
            Optional<String> next = f.containsKey("next") || menuNext.isEmpty()
                    ? scalar(f, "next", node, id) : menuNext;
            Optional<String> value = optionalScalar(f, "value", id);
            Optional<Screen.Audience> audience = optionalScalar(f, "audience", id).flatMap(a -> {
                try {
                    return Optional.of(Screen.Audience.valueOf(a.toUpperCase(java.util.Locale.ROOT)));
                } catch (IllegalArgumentException e) {
                    error(line(node), id, "unknown audience '" + a + "' (resident, agent)");
                    return Optional.empty();
                }
            });
            Node textNode = f.get("text");
            if (key.isEmpty() || next.isEmpty() || textNode == null) {
                if (textNode == null) {
                    error(line(node), id, "option needs 'text'");
                }
                return Optional.empty();
            }
            Text text = text(textNode, id, "screens." + id + ".options." + key.get());
            return Optional.of(new Screen.Option(key.get(), text, next.get(), value, audience,
                    optionalScalar(f, "returnTo", id)));
        }

        private Optional<Screen.Derive> derive(MappingNode node, String id) {
            Map<String, Node> f = mapping(node, id);
            Optional<String> saveAs = scalar(f, "save", node, id);
            Optional<String> prefix = scalar(f, "prefix", node, id);
            Optional<String> labels = scalar(f, "labels", node, id);
            Optional<String> next = scalar(f, "next", node, id);
            if (prefix.isPresent() && !prefix.get().matches("[1-9]\\d?")) {
                error(line(node), id, "derive.prefix must be a number of characters, e.g. 4");
                return Optional.empty();
            }
            if (saveAs.isEmpty() || prefix.isEmpty() || labels.isEmpty() || next.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new Screen.Derive(saveAs.get(), Integer.parseInt(prefix.get()), labels.get(), next.get()));
        }

        private InputRule rule(Node node, Node owner, String id) {
            if (node == null) {
                error(line(owner), id, "an input needs 'validate' (nik, date, ticket, digits, text or regex)");
                return new InputRule.FreeText(0);
            }
            if (node instanceof ScalarNode s) {
                switch (s.getValue()) {
                    case "nik": return new InputRule.Nik();
                    case "date": return new InputRule.Date();
                    case "ticket": return new InputRule.Ticket();
                    default:
                        error(line(node), id, "unknown validation '" + s.getValue() + "'");
                        return new InputRule.FreeText(0);
                }
            }
            if (node instanceof MappingNode m) {
                Map<String, Node> f = mapping(m, id);
                if (f.get("digits") instanceof SequenceNode seq) {
                    List<String> bounds = scalars(seq, id);
                    if (bounds.size() == 2 && bounds.stream().allMatch(b -> b.matches("\\d+"))) {
                        return new InputRule.Digits(Integer.parseInt(bounds.get(0)), Integer.parseInt(bounds.get(1)));
                    }
                } else if (f.get("text") instanceof ScalarNode max && max.getValue().matches("\\d+")) {
                    return new InputRule.FreeText(Integer.parseInt(max.getValue()));
                } else if (f.get("regex") instanceof ScalarNode regex) {
                    try {
                        return new InputRule.Regex(Pattern.compile(regex.getValue()));
                    } catch (PatternSyntaxException e) {
                        error(line(regex), id, "regex does not compile: " + e.getDescription());
                        return new InputRule.FreeText(0);
                    }
                }
            }
            error(line(node), id, "validate must be nik, date, ticket, {digits: [min, max]}, {text: max} or {regex: ...}");
            return new InputRule.FreeText(0);
        }
    }
}
