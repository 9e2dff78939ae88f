package id.betang.gateway.action;

import java.util.Map;
import java.util.function.BiFunction;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import id.betang.menus.ActionResult;
import id.betang.menus.MenuRequirements;
import io.vertx.core.Future;

/**
 * The actions table. Every action of the catalogue has an entry; until a capability's handler is
 * registered, its action answers {@code unavailable} and the menu shows its polite "busy" screen.
 */
public final class BuiltInActions implements Actions {

    public static final MenuRequirements REQUIRES = MenuRequirements.outcomes("session.language", Outcome.OK);
    private static final Logger LOG = LoggerFactory.getLogger(BuiltInActions.class);

    private final Map<String, BiFunction<Map<String, String>, Caller, Future<ActionResult>>> handlers;

    public BuiltInActions(Map<String, BiFunction<Map<String, String>, Caller, Future<ActionResult>>> handlers) {
        this.handlers = Map.copyOf(handlers);
    }

    /** The actions that need nothing outside the dialogue itself. */
    public static BuiltInActions basic() {
        return new BuiltInActions(Map.of(
                "session.language", (params, caller) -> Future.succeededFuture(
                        new ActionResult(Outcome.OK, Map.of("lang", params.getOrDefault("lang", ""))))));
    }

    /** This table with more handlers (a capability's actions), which replace any of the same name. */
    public BuiltInActions with(Map<String, BiFunction<Map<String, String>, Caller, Future<ActionResult>>> more) {
        Map<String, BiFunction<Map<String, String>, Caller, Future<ActionResult>>> all = new java.util.HashMap<>(handlers);
        all.putAll(more);
        return new BuiltInActions(all);
    }

    @Override
    public Future<ActionResult> call(String action, Map<String, String> params, Caller caller) {
        var handler = handlers.get(action);
        if (handler == null) {
            LOG.info("action {} has no handler yet; answering unavailable", action);
            return Future.succeededFuture(ActionResult.unavailable());
        }
        return handler.apply(params, caller).recover(e -> {
            LOG.warn("action {} failed: {}", action, e.toString());
            return Future.succeededFuture(ActionResult.unavailable());
        });
    }
}
