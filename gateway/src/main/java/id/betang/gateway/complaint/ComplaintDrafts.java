package id.betang.gateway.complaint;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import id.betang.gateway.action.Actions;
import id.betang.gateway.action.Outcome;
import id.betang.gateway.ops.CallerContext;
import id.betang.menus.ActionCatalog;
import id.betang.menus.ActionResult;
import id.betang.menus.DialogueState;
import id.betang.menus.MenuRequirements;
import io.lettuce.core.SetArgs;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

/**
 * A complaint being typed over USSD survives a dropped dialogue: while a phone is on the complaint screens,
 * what it answered so far is kept in Redis for 30 minutes; when it dials again it is asked "Lanjutkan
 * pengaduan?" and, with 1, continues where it stopped. A caller who hangs up also gets one SMS inviting
 * them to finish with a single reply ({@code ADUAN <text>}, which completes the draft). Filing the complaint,
 * or choosing not to continue, forgets the draft.
 */
public final class ComplaintDrafts {

    /** The screen that offers to continue, declared among the menu's entries. */
    public static final String RESUME_SCREEN = "complaint.resume";
    private static final Duration KEPT = Duration.ofMinutes(30);
    private static final String FILED_SCREEN = "complaint.filed";
    /** The complaint's steps, in order, with the value each one asks for: where a draft continues. */
    private static final Map<String, String> STEPS = stepsInOrder();
    private static final List<String> VALUES = List.of("category", "nik", "region", "village", "text", "kind");
    /** The complaint's screens and the draft actions' outcomes named here, which the menu must have. */
    public static final MenuRequirements REQUIRES = new MenuRequirements(stepsAnd(RESUME_SCREEN, FILED_SCREEN),
            Set.of(), Map.of("complaint.draft", Set.copyOf(STEPS.values()), "complaint.discard", Set.of(Outcome.OK)));

    private final RedisClusterAsyncCommands<String, String> redis;
    private final String prefix;

    public ComplaintDrafts(RedisClusterAsyncCommands<String, String> redis, String keyPrefix) {
        this.redis = redis;
        this.prefix = keyPrefix + "complaint:draft:";
    }

    private static Map<String, String> stepsInOrder() {
        Map<String, String> steps = new LinkedHashMap<>();
        steps.put("complaint.category", "category");
        steps.put("complaint.nik", "nik");
        steps.put("complaint.district", "district");
        steps.put("complaint.village", "village");
        steps.put("complaint.text", "text");
        return steps;
    }

    private static Set<String> stepsAnd(String... screens) {
        Set<String> all = new java.util.HashSet<>(STEPS.keySet());
        all.addAll(List.of(screens));
        return all;
    }

    /** Called with every screen the dialogue shows: keeps, or forgets, this phone's draft. */
    public Future<Void> observe(String msisdn, DialogueState shown, boolean end) {
        if (end && shown.screen().equals(FILED_SCREEN)) {
            return forget(msisdn);
        }
        String step = STEPS.get(shown.screen());
        if (end || step == null) {
            return Future.succeededFuture();
        }
        JsonObject draft = new JsonObject().put("step", step);
        VALUES.forEach(v -> {
            Object value = shown.values().get(v);
            if (value instanceof String s && !s.isEmpty()) {
                draft.put(v, s);
            }
        });
        return CallerContext.future(redis.set(key(msisdn), draft.encode(), SetArgs.Builder.px(KEPT.toMillis())))
                .mapEmpty();
    }

    /** The screen a new dialogue should open on for this phone, when it is not the main menu. */
    public Future<Optional<String>> opening(String msisdn) {
        return CallerContext.future(redis.exists(key(msisdn)))
                .map(n -> n > 0 ? Optional.of(RESUME_SCREEN) : Optional.<String>empty());
    }

    /**
     * The caller hung up: if a draft is left that was not pointed out yet, returns it once (for the SMS that
     * invites the caller to finish it with one reply).
     */
    public Future<Optional<Map<String, String>>> droppedOnce(String msisdn) {
        return CallerContext.future(redis.get(key(msisdn))).compose(text -> {
            if (text == null) {
                return Future.succeededFuture(Optional.empty());
            }
            JsonObject draft = new JsonObject(text);
            if (draft.getBoolean("prompted", false)) {
                return Future.succeededFuture(Optional.empty());
            }
            draft.put("prompted", true);
            return CallerContext.future(redis.set(key(msisdn), draft.encode(), SetArgs.Builder.keepttl()))
                    .map(ok -> Optional.of(values(draft)));
        });
    }

    /** Takes this phone's draft, if any, and forgets it: an SMS complaint completes it. */
    public Future<Optional<Map<String, String>>> take(String msisdn) {
        return CallerContext.future(redis.getdel(key(msisdn)))
                .map(text -> Optional.ofNullable(text).map(t -> values(new JsonObject(t))));
    }

    private static Map<String, String> values(JsonObject draft) {
        Map<String, String> values = new LinkedHashMap<>();
        VALUES.forEach(v -> {
            if (draft.getString(v) != null) {
                values.put(v, draft.getString(v));
            }
        });
        return values;
    }

    /** The action {@code complaint.draft}: the answers so far, and the step to continue at as the outcome. */
    public Future<ActionResult> resume(Map<String, String> params, Actions.Caller caller) {
        return CallerContext.future(redis.get(key(caller.msisdn()))).map(text -> {
            if (text == null) {
                return ActionResult.unavailable();
            }
            JsonObject draft = new JsonObject(text);
            return new ActionResult(draft.getString("step", ActionCatalog.UNAVAILABLE), Map.copyOf(values(draft)));
        });
    }

    /** The action {@code complaint.discard}. */
    public Future<ActionResult> discard(Map<String, String> params, Actions.Caller caller) {
        return forget(caller.msisdn()).map(ActionResult.of(Outcome.OK));
    }

    private Future<Void> forget(String msisdn) {
        return CallerContext.future(redis.del(key(msisdn))).mapEmpty();
    }

    private String key(String msisdn) {
        return prefix + msisdn;
    }
}
