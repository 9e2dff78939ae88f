package id.betang.gateway.http;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import id.betang.gateway.identity.Msisdn;
import id.betang.gateway.outbox.Outbox;
import id.betang.gateway.outbox.OutboxStatus;
import id.betang.gateway.sms.Subscribers;
import io.vertx.core.Vertx;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

/**
 * The registry's way to reach residents by SMS. {@code POST /api/v1/notifications} takes one
 * {@code {msisdn, text, category}} or {@code {"notifications": [...]}} (up to 1,000) and answers, per item
 * and in order, the outbox id or why it was not queued; {@code GET /api/v1/notifications/{id}} reports the
 * SMS's state down to its delivery receipt. Bearer token: BETANG_API_TOKEN. Categories REMINDER, BROADCAST
 * and INFO are non-essential and skip phones that sent STOP; SERVICE (a change to the resident's aid or
 * account) is always sent.
 */
public final class NotificationsApi {

    private static final Logger LOG = LoggerFactory.getLogger(NotificationsApi.class);
    private static final Map<String, Boolean> ESSENTIAL = Map.of("SERVICE", true, "REMINDER", false,
            "BROADCAST", false, "INFO", false);
    private static final int MAX_ITEMS = 1000;
    private static final int MAX_TEXT = 1000;

    private final Vertx vertx;
    private final Outbox outbox;
    private final Subscribers subscribers;
    private final ApiToken token;

    private NotificationsApi(Vertx vertx, Outbox outbox, Subscribers subscribers, String apiToken) {
        this.vertx = vertx;
        this.outbox = outbox;
        this.subscribers = subscribers;
        this.token = new ApiToken(apiToken);
    }

    public static void mount(Router router, Vertx vertx, Outbox outbox, Subscribers subscribers, String apiToken) {
        NotificationsApi api = new NotificationsApi(vertx, outbox, subscribers, apiToken);
        router.post("/api/v1/notifications").handler(BodyHandler.create(false).setBodyLimit(2 * 1024 * 1024))
                .handler(api::queue);
        router.get("/api/v1/notifications/:id").handler(api::status);
    }

    private void queue(RoutingContext ctx) {
        if (!token.admit(ctx)) {
            return;
        }
        JsonArray items;
        try {
            JsonObject body = ctx.body().asJsonObject();
            items = body == null ? null : body.containsKey("notifications") ? body.getJsonArray("notifications")
                    : new JsonArray().add(body);
        } catch (DecodeException | ClassCastException e) {
            items = null;
        }
        if (items == null || items.isEmpty() || items.size() > MAX_ITEMS) {
            json(ctx, 400, new JsonObject().put("error", "a JSON object {msisdn, text, category} or "
                    + "{\"notifications\": [...]} with 1 to " + MAX_ITEMS + " items"));
            return;
        }
        JsonArray requested = items;
        vertx.executeBlocking(() -> {
            JsonArray results = new JsonArray();
            for (Object item : requested) {
                results.add(queueOne(item));
            }
            return results;
        }, false).onSuccess(results -> json(ctx, 202, new JsonObject().put("results", results)))
                .onFailure(e -> {
                    LOG.warn("notifications not queued: {}", e.toString());
                    json(ctx, 503, new JsonObject().put("error", "store unavailable; nothing was queued after the "
                            + "first failure, retry the request"));
                });
    }

    private JsonObject queueOne(Object item) {
        if (!(item instanceof JsonObject n)) {
            return rejected("each notification is an object");
        }
        Optional<String> msisdn = Msisdn.normalise(n.getString("msisdn"));
        String text = n.getString("text");
        String category = n.getString("category", "");
        if (msisdn.isEmpty()) {
            return rejected("msisdn is not an Indonesian mobile number");
        }
        if (text == null || text.isBlank() || text.length() > MAX_TEXT) {
            return rejected("text must have 1 to " + MAX_TEXT + " characters");
        }
        if (!ESSENTIAL.containsKey(category)) {
            return rejected("category must be one of " + Set.copyOf(ESSENTIAL.keySet()));
        }
        if (!ESSENTIAL.get(category) && subscribers.optedOut(msisdn.get())) {
            return new JsonObject().put("status", "SKIPPED_OPTED_OUT");
        }
        long id = outbox.enqueue(msisdn.get(), text, "notify-" + category.toLowerCase(java.util.Locale.ROOT));
        return new JsonObject().put("id", id).put("status", "QUEUED");
    }

    private static JsonObject rejected(String reason) {
        return new JsonObject().put("status", "REJECTED").put("reason", reason);
    }

    private void status(RoutingContext ctx) {
        if (!token.admit(ctx)) {
            return;
        }
        long id;
        try {
            id = Long.parseLong(ctx.pathParam("id"));
        } catch (NumberFormatException e) {
            json(ctx, 404, new JsonObject().put("error", "no such notification"));
            return;
        }
        vertx.executeBlocking(() -> outbox.status(id), false).onSuccess(found -> {
            if (found.isEmpty() || !found.get().category().startsWith("notify-")) {
                json(ctx, 404, new JsonObject().put("error", "no such notification"));
                return;
            }
            OutboxStatus s = found.get();
            JsonObject body = new JsonObject().put("id", s.id()).put("msisdn", s.msisdn())
                    .put("category", s.category().substring("notify-".length()).toUpperCase(java.util.Locale.ROOT))
                    .put("status", s.status()).put("attempts", s.attempts()).put("parts", s.parts())
                    .put("failure", s.failure())
                    .put("createdAt", String.valueOf(s.createdAt())).put("sentAt", s.sentAt() == null ? null : s.sentAt().toString())
                    .put("receiptAt", s.receiptAt() == null ? null : s.receiptAt().toString());
            json(ctx, 200, body);
        }).onFailure(e -> json(ctx, 503, new JsonObject().put("error", "store unavailable")));
    }

    private static void json(RoutingContext ctx, int status, JsonObject body) {
        ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(body.encode());
    }
}
