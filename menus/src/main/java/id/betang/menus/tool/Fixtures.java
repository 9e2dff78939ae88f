package id.betang.menus.tool;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import org.yaml.snakeyaml.Yaml;

import id.betang.menus.ActionResult;

/**
 * Canned action results for trying menus without a gateway. Per action, a list of rules tried in order;
 * the first whose {@code when} parameters all match answers. {@code outcome} may be a list: successive
 * calls in one dialogue walk it and then repeat its last item (e.g. [verify, ok] for "ask for a
 * confirmation, then show"); a new dialogue starts it again.
 * An action without a matching rule answers {@code unavailable}; one without any rule (or every action, when
 * no fixtures were given) also tells {@link #whenUnprepared the listener}, once per action, so that a menu
 * that says "busy" to everything is not a mystery.
 *
 * <pre>
 * registry.status:
 *   - when: { nik: "6271031203900004" }
 *     outcome: ok
 *     values: { asOf: "2026-11-12", benefits: [ { program: BLT, status: ACTIVE } ] }
 *   - outcome: not_found
 * </pre>
 */
public final class Fixtures {

    private record Rule(Map<String, String> when, List<String> outcomes, Map<String, Object> values) {
    }

    private final Map<String, List<Rule>> rules;
    private final Map<Rule, Integer> calls = new HashMap<>();
    private final Set<String> unprepared = new HashSet<>();
    private Consumer<String> unpreparedListener = action -> { };

    private Fixtures(Map<String, List<Rule>> rules) {
        this.rules = rules;
    }

    public static Fixtures none() {
        return new Fixtures(Map.of());
    }

    public static Fixtures load(Path file) throws IOException {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return parse(reader, file.toString());
        }
    }

    @SuppressWarnings("unchecked")
    public static Fixtures parse(Reader reader, String source) {
        Object root = new Yaml().load(reader);
        Map<String, List<Rule>> rules = new LinkedHashMap<>();
        if (root == null) {
            return new Fixtures(rules);
        }
        if (!(root instanceof Map<?, ?> byAction)) {
            throw new IllegalArgumentException(source + ": fixtures are a mapping of action name to rules");
        }
        byAction.forEach((action, list) -> {
            if (!(list instanceof List<?> items)) {
                throw new IllegalArgumentException(source + ": " + action + " must list rules");
            }
            List<Rule> parsed = new ArrayList<>();
            for (Object item : items) {
                Map<String, Object> rule = (Map<String, Object>) item;
                Map<String, String> when = new LinkedHashMap<>();
                ((Map<String, Object>) rule.getOrDefault("when", Map.of())).forEach((k, v) -> when.put(k, String.valueOf(v)));
                Object outcome = rule.get("outcome");
                if (outcome == null) {
                    throw new IllegalArgumentException(source + ": a rule of " + action + " has no outcome");
                }
                List<String> outcomes = outcome instanceof List<?> l ? l.stream().map(String::valueOf).toList()
                        : List.of(String.valueOf(outcome));
                parsed.add(new Rule(when, outcomes, stringsIn((Map<String, Object>) rule.getOrDefault("values", Map.of()))));
            }
            rules.put(String.valueOf(action), parsed);
        });
        return new Fixtures(rules);
    }

    /** Tells {@code listener} the name of each action these fixtures have no rule for, the first time it is called. */
    public Fixtures whenUnprepared(Consumer<String> listener) {
        this.unpreparedListener = listener;
        return this;
    }

    /** A new dialogue: outcome lists start from their first item again. */
    public void restart() {
        calls.clear();
    }

    public ActionResult answer(String action, Map<String, String> params) {
        if (!rules.containsKey(action) && unprepared.add(action)) {
            unpreparedListener.accept(action);
        }
        for (Rule rule : rules.getOrDefault(action, List.of())) {
            if (rule.when().entrySet().stream().allMatch(e -> e.getValue().equals(params.get(e.getKey())))) {
                int call = calls.merge(rule, 1, Integer::sum) - 1;
                String outcome = rule.outcomes().get(Math.min(call, rule.outcomes().size() - 1));
                return new ActionResult(outcome, rule.values());
            }
        }
        return ActionResult.unavailable();
    }

    /** Values as the engine expects them: strings, or lists of string maps. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> stringsIn(Map<String, Object> values) {
        Map<String, Object> out = new LinkedHashMap<>();
        values.forEach((k, v) -> {
            if (v instanceof List<?> list) {
                List<Map<String, String>> items = new ArrayList<>();
                for (Object item : list) {
                    Map<String, String> fields = new LinkedHashMap<>();
                    ((Map<String, Object>) item).forEach((fk, fv) -> fields.put(fk, String.valueOf(fv)));
                    items.add(fields);
                }
                out.put(k, items);
            } else {
                out.put(k, String.valueOf(v));
            }
        });
        return out;
    }
}
