package id.betang.menus;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Walks a menu as every caller could: from the start and every entry screen, in every language and audience,
 * each action answered with every outcome its catalogue lists. The visitor sees each screen shown and says
 * which steps to take from it (the answers it typed), so the walk goes as far as the visitor asks.
 */
final class MenuWalk {

    private MenuWalk() {
    }

    static void walk(MenuTree tree, Engine engine, Function<Step.Reply, List<Step>> onScreen) {
        Deque<Step> todo = new ArrayDeque<>();
        for (String lang : tree.languages()) {
            for (Screen.Audience audience : Screen.Audience.values()) {
                todo.add(engine.begin(audience, lang, List.of()));
                for (String entry : tree.entries()) {
                    todo.add(engine.beginAt(entry, audience, lang, List.of(), Map.of()));
                }
            }
        }
        while (!todo.isEmpty()) {
            Step step = todo.pop();
            if (step instanceof Step.Call call) {
                for (String outcome : ActionCatalog.DEFAULT.outcomes(call.action())) {
                    Map<String, Object> values = new HashMap<>(TreeWalkTest.valuesFor(call.action()));
                    values.putAll(call.params());
                    todo.add(engine.resume(call.state(), new ActionResult(outcome, values)));
                }
            } else {
                todo.addAll(onScreen.apply((Step.Reply) step));
            }
        }
    }
}
