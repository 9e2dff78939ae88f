package id.betang.gateway.ussd;

import java.time.Duration;
import java.util.Map;

import id.betang.gateway.action.Actions;
import id.betang.gateway.action.Outcome;
import id.betang.gateway.ops.Budget;
import id.betang.gateway.ops.CallerContext;
import id.betang.gateway.registry.RegistryClient;
import id.betang.menus.ActionResult;
import id.betang.menus.MenuRequirements;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

/**
 * The action {@code agent.pin}: a phone registered as an agent must give the agent's PIN, checked by the
 * registry, once per dialogue before any agent function (DESIGN.md, Identity). The confirmation is the agent
 * id among the dialogue's values ({@link Dialogue#AGENT_ID}), so it travels with the session to any instance
 * and ends with the dialogue. Three wrong PINs within 30 minutes, in one dialogue or several, lock the agent
 * functions of that phone for 30 minutes: counted in Redis by the phone, shared by the instances.
 *
 * <p>The PIN is never kept: every answer blanks the {@code pin} the menu's input saved, so the session
 * stored after the step does not hold it, and no log line names it.
 */
public final class AgentPin {

    /** What the menu passes: the PIN typed, empty when none was asked yet. */
    public static final String PIN = "pin";
    public static final int ATTEMPTS = 3;
    public static final Duration LOCK_FOR = Duration.ofMinutes(30);
    /** Outcomes: confirmed (now or earlier in the dialogue), ask the PIN, wrong PIN, locked. */
    public static final MenuRequirements REQUIRES = MenuRequirements.outcomes("agent.pin", Outcome.OK,
            Outcome.VERIFY, Outcome.WRONG, Outcome.LOCKED);

    /** Counts a wrong PIN; the lock runs 30 minutes from the first wrong one, and from the one that locked. */
    private static final String FAIL = """
            local n = redis.call('INCR', KEYS[1])
            if n == 1 or n == tonumber(ARGV[2]) then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
            return n
            """;

    private final Vertx vertx;
    private final RegistryClient registry;
    private final Agents agents;
    private final RedisClusterAsyncCommands<String, String> redis;
    private final String prefix;

    public AgentPin(Vertx vertx, RegistryClient registry, Agents agents, RedisClusterAsyncCommands<String, String> redis,
                    String keyPrefix) {
        this.vertx = vertx;
        this.registry = registry;
        this.agents = agents;
        this.redis = redis;
        this.prefix = keyPrefix + "agent:pinfail:";
    }

    public Future<ActionResult> confirm(Map<String, String> params, Actions.Caller caller) {
        if (caller.agentId().isPresent()) {
            return answer(Outcome.OK);
        }
        String pin = params.getOrDefault(PIN, "");
        String msisdn = caller.msisdn();
        return failures(msisdn).compose(failed -> {
            if (failed >= ATTEMPTS) {
                return answer(Outcome.LOCKED);
            }
            if (pin.isEmpty()) {
                return answer(Outcome.VERIFY);
            }
            Future<ActionResult> checked = Budget.race(vertx, caller.remainingMillis(), check(msisdn, pin),
                    ActionResult::unavailable, late -> { }, Future::succeededFuture);
            return checked.map(result -> new ActionResult(result.outcome(), withBlankPin(result.values())));
        }).recover(e -> answer(ActionResult.unavailable().outcome()));
    }

    private Future<ActionResult> check(String msisdn, String pin) {
        Future<Boolean> verified = pin.matches("[0-9]{4,8}") ? registry.agentPin(msisdn, pin)
                : Future.succeededFuture(false);
        return verified.compose(right -> right
                ? agents.agentId(msisdn).compose(agent -> agent.isPresent()
                        ? CallerContext.future(redis.del(prefix + msisdn))
                                .map(n -> new ActionResult(Outcome.OK, Map.of(Dialogue.AGENT_ID, agent.get())))
                        : failed(msisdn))
                : failed(msisdn));
    }

    /** A wrong PIN (or a phone that is no agent any more): counted, and the third one locks. */
    private Future<ActionResult> failed(String msisdn) {
        return CallerContext.future(redis.<Long>eval(FAIL, ScriptOutputType.INTEGER, new String[] {prefix + msisdn},
                        String.valueOf(LOCK_FOR.toMillis()), String.valueOf(ATTEMPTS)))
                .map(n -> ActionResult.of(n >= ATTEMPTS ? Outcome.LOCKED : Outcome.WRONG));
    }

    private Future<Long> failures(String msisdn) {
        return CallerContext.future(redis.get(prefix + msisdn)).map(n -> n == null ? 0L : Long.parseLong(n));
    }

    private static Future<ActionResult> answer(String outcome) {
        return Future.succeededFuture(new ActionResult(outcome, withBlankPin(Map.of())));
    }

    private static Map<String, Object> withBlankPin(Map<String, Object> values) {
        Map<String, Object> blanked = new java.util.HashMap<>(values);
        blanked.put(PIN, "");
        return blanked;
    }
}
