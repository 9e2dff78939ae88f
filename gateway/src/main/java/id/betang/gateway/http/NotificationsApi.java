package id.betang.gateway.http;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import id.betang.gateway.identity.Msisdn;
import id.betang.gateway.notify.Notifications;
import id.betang.gateway.outbox.Outbox;
import id.betang.gateway.outbox.OutboxStatus;
import id.betang.gateway.store.Database;
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
 * and in order, the outbox id, or (400, nothing queued) why each item that fails cannot be; {@code GET /api/v1/notifications/{id}} reports the
 * SMS's state down to its delivery receipt. Bearer token: BETANG_API_TOKEN. Categories REMINDER, BROADCAST
 * and INFO are non-essential and skip phones that sent STOP; SERVICE (a change to the resident's aid or
 * account) is always sent.
 * <p>
 * Retries never send twice: the batch is queued in one transaction; with an {@code Idempotency-Key} header the
 * same key again (for 24 hours, across instances and restarts) gets the first answer and sends nothing more,
 * and the same key with a different body is 422; an item's optional {@code ref}, unique per caller, is answered
 * ALREADY_QUEUED with the first id when it comes again.
 */
public final class NotificationsApi {

    private static final Logger LOG = LoggerFactory.getLogger(NotificationsApi.class);
    private static final Map<String, Boolean> ESSENTIAL = Map.of("SERVICE", true, "REMINDER", false,
            "BROADCAST", false, "INFO", false);
    private static final int MAX_ITEMS = 1000;
    private static final int MAX_TEXT = 1000;

    private static final int MAX_REF = 100;
    private static final int MAX_KEY = 255;

    private final Vertx vertx;
    private final Outbox outbox;
    private final Notifications notifications;
    private final ApiToken token;

    private NotificationsApi(Vertx vertx, Outbox outbox, Notifications notifications, String apiToken) {
        this.vertx = vertx;
        this.outbox = outbox;
        this.notifications = notifications;
        this.token = new ApiToken(apiToken);
    }

    public static void mount(Router router, Vertx vertx, Outbox outbox, Database database, String apiToken) {
        NotificationsApi api = new NotificationsApi(vertx, outbox, new Notifications(database, outbox), apiToken);
        router.post("/api/v1/notifications").handler(BodyHandler.create(false).setBodyLimit(2 * 1024 * 1024))
                .handler(api::queue);
        router.get("/api/v1/notifications/:id").handler(api::status);
    }

    private void queue(RoutingContext ctx) {
        if (!token.admit(ctx)) {
            return;
        }
        JsonObject body;
        JsonArray items;
        try {
            body = ctx.body().asJsonObject();
            items = body == null ? null : body.containsKey("notifications") ? body.getJsonArray("notifications")
                    : new JsonArray().add(body);
        } catch (DecodeException | ClassCastException e) {
            body = null;
            items = null;
        }
        if (items == null || items.isEmpty() || items.size() > MAX_ITEMS) {
            json(ctx, 400, new JsonObject().put("error", "a JSON object {msisdn, text, category} or "
                    + "{\"notifications\": [...]} with 1 to " + MAX_ITEMS + " items"));
            return;
        }
        String key = ctx.request().getHeader("Idempotency-Key");
        if (key != null && (key.isBlank() || key.length() > MAX_KEY)) {
            json(ctx, 400, new JsonObject().put("error", "Idempotency-Key must have 1 to " + MAX_KEY + " characters"));
            return;
        }
        // the whole batch is checked before anything is queued: a reason for each item that fails
        List<Valid> valid = new ArrayList<>();
        JsonArray reasons = new JsonArray();
        boolean refused = false;
        for (Object item : items) {
            String reason = check(item);
            if (reason == null) {
                Valid v = valid((JsonObject) item);
                valid.add(v);
                reasons.add(new JsonObject().put("status", "VALID"));
            } else {
                refused = true;
                reasons.add(rejected(reason));
            }
        }
        if (refused) {
            json(ctx, 400, new JsonObject().put("error", "nothing was queued: fix the items marked REJECTED")
                    .put("results", reasons));
            return;
        }
        String caller = sha256(ApiToken.bearer(ctx)).substring(0, 16);
        // what identifies the request under its key; without a key nothing is compared (re-encoding a large
        // batch only to hash it would cost more than its insert)
        String requestSha = key == null ? null : sha256(body.encode());
        vertx.executeBlocking(() -> notifications.queue(caller, key, requestSha, withOptOuts(valid), outcomes -> {
            JsonArray results = new JsonArray();
            for (int i = 0; i < outcomes.size(); i++) {
                Notifications.Outcome o = outcomes.get(i);
                JsonObject r = new JsonObject().put("status", o.status());
                if (o.id() != null) {
                    r.put("id", o.id());
                }
                if (valid.get(i).ref() != null) {
                    r.put("ref", valid.get(i).ref());
                }
                results.add(r);
            }
            return new JsonObject().put("results", results).encode();
        }), false).onSuccess(answer -> {
            if (answer instanceof Notifications.Answer.Given given) {
                if (given.replayed()) {
                    ctx.response().putHeader("Idempotent-Replayed", "true");
                }
                ctx.response().setStatusCode(given.status()).putHeader("Content-Type", "application/json")
                        .end(given.body());
            } else {
                json(ctx, 422, new JsonObject().put("error", "this Idempotency-Key was used for a different request"));
            }
        }).onFailure(e -> {
            LOG.warn("notifications not queued: {}", e.toString());
            json(ctx, 503, new JsonObject().put("error", "store unavailable; nothing was queued, retry the request"));
        });
    }

    /** A checked item; its category is the outbox's. */
    private record Valid(String msisdn, String text, String category, boolean essential, String ref) {
    }

    /** @return why the item cannot be queued, or null */
    private static String check(Object item) {
        if (!(item instanceof JsonObject n)) {
            return "each notification is an object";
        }
        if (!(n.getValue("msisdn") instanceof String msisdn) || Msisdn.normalise(msisdn).isEmpty()) {
            return "msisdn is not an Indonesian mobile number";
        }
        if (!(n.getValue("text") instanceof String text) || text.isBlank() || text.length() > MAX_TEXT) {
            return "text must have 1 to " + MAX_TEXT + " characters";
        }
        if (!(n.getValue("category") instanceof String category) || !ESSENTIAL.containsKey(category)) {
            return "category must be one of " + new java.util.TreeSet<>(ESSENTIAL.keySet());
        }
        Object ref = n.getValue("ref");
        if (ref != null && (!(ref instanceof String r) || r.isBlank() || r.length() > MAX_REF)) {
            return "ref, when given, is a string of 1 to " + MAX_REF + " characters";
        }
        return null;
    }

    private static Valid valid(JsonObject n) {
        String category = n.getString("category");
        return new Valid(Msisdn.normalise(n.getString("msisdn")).orElseThrow(), n.getString("text"),
                "notify-" + category.toLowerCase(Locale.ROOT), ESSENTIAL.get(category), n.getString("ref"));
    }

    /** Opt-outs of the batch's non-essential phones, in one read before the batch's transaction opens. */
    private List<Notifications.Item> withOptOuts(List<Valid> valid) {
        Set<String> optedOut = notifications.optedOut(valid.stream().filter(v -> !v.essential())
                .map(Valid::msisdn).collect(Collectors.toSet()));
        List<Notifications.Item> items = new ArrayList<>();
        for (Valid v : valid) {
            boolean skip = !v.essential() && optedOut.contains(v.msisdn());
            items.add(new Notifications.Item(v.msisdn(), v.text(), v.category(), skip, v.ref()));
        }
        return items;
    }

    private static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
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
