package id.betang.menus;

import java.util.Map;

/**
 * What an action answered: one of its catalogued outcomes and values for the next screen's template
 * (a String, or a list of String maps for lists such as programmes). A value named {@code lang}
 * switches the dialogue's language.
 */
public record ActionResult(String outcome, Map<String, Object> values) {

    public ActionResult {
        values = Map.copyOf(values);
    }

    public static ActionResult of(String outcome) {
        return new ActionResult(outcome, Map.of());
    }

    public static ActionResult unavailable() {
        return of(ActionCatalog.UNAVAILABLE);
    }
}
