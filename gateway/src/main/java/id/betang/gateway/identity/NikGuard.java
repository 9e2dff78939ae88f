package id.betang.gateway.identity;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import id.betang.gateway.action.Actions;
import id.betang.gateway.config.GatewayConfig;
import id.betang.gateway.ops.CallerContext;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.vertx.core.Future;

/**
 * The identity rules that protect residents from being looked up by strangers (DESIGN.md, Identity):
 * wrong confirmations (card digits, one-time codes) lock a NIK for that phone for a while, each phone may
 * look up only a few distinct NIKs a day (and each HTTP aggregator and each social worker their own, larger
 * number), and a phone that confirmed may see that NIK for the rest of its visit. Counters live
 * in Redis with expiry, shared by every gateway instance; NIKs appear there only as {@link NikHash} values.
 * When Redis cannot answer, the futures fail: the caller shows "busy" rather than skipping a rule.
 */
public final class NikGuard {

    /** What a lookup may do now. */
    public enum Admission { ALLOWED, LOCKED, LIMITED }

    private static final ZoneId WIB = ZoneId.of("Asia/Jakarta");
    private static final Duration VERIFIED_FOR = Duration.ofMinutes(30);

    /**
     * Counts the NIK among one counter's distinct NIKs of the day, unless that would pass its limit. A NIK the set
     * already holds today is always allowed again. With the lock key first, a locked NIK counts nowhere.
     * KEYS: [the lock,] the day set (one hash tag: one slot); ARGV: attempts, NIK hash, TTL of the set, its limit.
     */
    private static final String ADMIT = """
            if #KEYS == 2 and tonumber(redis.call('GET', KEYS[1]) or '0') >= tonumber(ARGV[1]) then return 'LOCKED' end
            local set = KEYS[#KEYS]
            if redis.call('SADD', set, ARGV[2]) == 0 then return 'HELD' end
            if redis.call('SCARD', set) > tonumber(ARGV[4]) then
              redis.call('SREM', set, ARGV[2])
              return 'LIMITED'
            end
            redis.call('PEXPIRE', set, ARGV[3])
            return 'ADDED'
            """;

    private static final String FAIL = """
            local n = redis.call('INCR', KEYS[1])
            if n == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
            return n
            """;

    private final RedisClusterAsyncCommands<String, String> redis;
    private final String prefix;
    private final GatewayConfig.Identity rules;
    private final Clock clock;

    public NikGuard(RedisClusterAsyncCommands<String, String> redis, String keyPrefix, GatewayConfig.Identity rules,
                    Clock clock) {
        this.redis = redis;
        this.prefix = keyPrefix + "nik:";
        this.rules = rules;
        this.clock = clock;
    }

    /** The phone's counter alone (callers that know nothing of an aggregator or agent). */
    public Future<Admission> admit(String msisdn, String nikHash) {
        return admit(msisdn, Optional.empty(), Optional.empty(), nikHash);
    }

    /** Counts the NIK for the phone, and for the aggregator that relayed the step and the agent, if any. */
    public Future<Admission> admit(Actions.Caller caller, String nikHash) {
        return admit(caller.msisdn(), caller.aggregator(), caller.agentId(), nikHash);
    }

    private Future<Admission> admit(String msisdn, Optional<String> aggregator, Optional<String> agent,
                                    String nikHash) {
        String today = LocalDate.now(clock.withZone(WIB)).toString();
        List<DaySet> sets = new ArrayList<>();
        sets.add(new DaySet(List.of(failKey(msisdn, nikHash), prefix + phone(msisdn) + ":day:" + today),
                rules.lookupsPerDay()));
        aggregator.ifPresent(provider -> sets.add(new DaySet(
                List.of(prefix + "day:aggregator:" + provider + ":" + today), rules.lookupsPerDayPerAggregator())));
        agent.ifPresent(agentId -> sets.add(new DaySet(List.of(prefix + "day:agent:" + agentId + ":" + today),
                rules.lookupsPerDayPerAgent())));
        return count(sets, 0, nikHash, new ArrayList<>());
    }

    /** One counter's keys (the phone's with its lock for this NIK) and its limit. */
    private record DaySet(List<String> keys, int limit) {
        String set() {
            return keys.get(keys.size() - 1);
        }
    }

    /**
     * The phone's counter, then the aggregator's and the agent's, one script each: a cluster keeps them in
     * different slots. A refusal takes the NIK out of the sets that counted it on this lookup, so it counts in
     * none, as one script over all of them did. (While it is taken out, a lookup at the same moment may find
     * a set one fuller than it ends: refused, never let past a limit. Redis failing between two scripts leaves
     * the NIK counted where it was: that counter is one lookup poorer today, never richer.)
     */
    private Future<Admission> count(List<DaySet> sets, int next, String nikHash, List<String> added) {
        if (next == sets.size()) {
            return Future.succeededFuture(Admission.ALLOWED);
        }
        DaySet day = sets.get(next);
        return CallerContext.future(redis.<String>eval(ADMIT, ScriptOutputType.STATUS,
                        day.keys().toArray(String[]::new), String.valueOf(rules.verifyAttempts()), nikHash,
                        String.valueOf(Duration.ofHours(26).toMillis()), String.valueOf(day.limit())))
                .compose(answer -> switch (answer) {
                    case "LOCKED" -> Future.succeededFuture(Admission.LOCKED);
                    case "LIMITED" -> Future.join(added.stream()
                                    .map(set -> CallerContext.future(redis.srem(set, nikHash))).toList())
                            .transform(undone -> Future.succeededFuture(Admission.LIMITED));
                    default -> {
                        if (answer.equals("ADDED")) {
                            added.add(day.set());
                        }
                        yield count(sets, next + 1, nikHash, added);
                    }
                });
    }

    /** Counts a wrong confirmation (card digits or code). @return true when this one locked the NIK for this phone */
    public Future<Boolean> failedVerification(String msisdn, String nikHash) {
        return CallerContext.future(redis.<Long>eval(FAIL, ScriptOutputType.INTEGER,
                        new String[] {failKey(msisdn, nikHash)}, String.valueOf(rules.lockFor().toMillis())))
                .map(n -> n >= rules.verifyAttempts());
    }

    /** Remembers a confirmation for this phone and NIK, and forgets earlier wrong ones. */
    public Future<Void> verified(String msisdn, String nikHash) {
        return CallerContext.future(redis.set(verifiedKey(msisdn, nikHash), "1",
                        SetArgs.Builder.px(VERIFIED_FOR.toMillis())))
                .compose(ok -> CallerContext.future(redis.del(failKey(msisdn, nikHash))))
                .mapEmpty();
    }

    public Future<Boolean> isVerified(String msisdn, String nikHash) {
        return CallerContext.future(redis.exists(verifiedKey(msisdn, nikHash))).map(n -> n > 0);
    }

    /** A phone's keys share its number as hash tag: ADMIT reads the lock and counts the day in one slot. */
    private static String phone(String msisdn) {
        return "{" + msisdn + "}";
    }

    String failKey(String msisdn, String nikHash) {
        return prefix + phone(msisdn) + ":fail:" + nikHash;
    }

    private String verifiedKey(String msisdn, String nikHash) {
        return prefix + phone(msisdn) + ":ok:" + nikHash;
    }
}
