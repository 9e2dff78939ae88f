package id.betang.gateway.http;

import java.util.Optional;
import java.util.function.Function;

import id.betang.gateway.menu.LiveMenus;
import id.betang.gateway.menu.MenuVersion;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

/**
 * Menus changed live, behind the API token with the operator named in {@code X-Operator} (as every admin call):
 * {@code POST /api/v1/admin/menus} with the YAML as body publishes it (422 with lint's findings when it has
 * errors, and the serving version stays), {@code POST /api/v1/admin/menus/rollback} goes back to the version
 * published before, {@code GET /api/v1/admin/menus} says which serves.
 */
public final class MenuRoutes {

    /** The shipped menu is about 40 KB; a menu ten times that is a mistake, not a menu. */
    private static final int MAX_MENU_BYTES = 512 * 1024;

    private MenuRoutes() {
    }

    public static void mount(Router router, Vertx vertx, LiveMenus menus, String apiToken) {
        ApiToken token = new ApiToken(apiToken);
        router.get("/api/v1/admin/menus").handler(ctx -> {
            if (token.admit(ctx)) {
                ctx.json(serving(menus.current()));
            }
        });
        router.post("/api/v1/admin/menus/rollback").handler(ctx -> change(ctx, vertx, token, menus::rollback));
        router.post("/api/v1/admin/menus").handler(BodyHandler.create(false).setBodyLimit(MAX_MENU_BYTES))
                .handler(ctx -> {
                    String yaml = ctx.body().asString("UTF-8");
                    change(ctx, vertx, token, who -> menus.publish(yaml == null ? "" : yaml, who));
                });
    }

    private static void change(RoutingContext ctx, Vertx vertx, ApiToken token, Function<String, LiveMenus.Change> act) {
        if (!token.admit(ctx)) {
            return;
        }
        Optional<String> who = ConsoleRoutes.apiOperator(ctx);
        if (who.isEmpty()) {
            return;
        }
        vertx.executeBlocking(() -> act.apply(who.get()), false).onSuccess(change -> {
            int status = switch (change.outcome()) {
                case PUBLISHED -> 200;
                case REFUSED -> 422;
                case NOTHING_TO_ROLL_BACK -> 409;
            };
            JsonObject body = serving(change.serving())
                    .put("outcome", change.outcome().name().toLowerCase().replace('_', '-'))
                    .put(change.outcome() == LiveMenus.Outcome.REFUSED ? "errors" : "warnings",
                            new JsonArray(change.findings()));
            ctx.response().setStatusCode(status);
            ctx.json(body);
        }).onFailure(ctx::fail);
    }

    private static JsonObject serving(MenuVersion v) {
        return new JsonObject().put("version", v.name()).put("checksum", v.checksum()).put("label", v.label());
    }
}
