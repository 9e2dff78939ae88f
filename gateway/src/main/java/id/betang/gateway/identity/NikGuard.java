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
     * One round trip, atomic: locked? else count this NIK among the day's distinct NIKs of each counter (the
     * phone's, and the aggregator's and the agent's when there are), unless that would pass any counter's limit;
     * then it counts in none. A NIK a counter already holds today is always allowed again by it.
     * KEYS: the lock, then the day sets; ARGV: attempts, NIK hash, TTL of the sets, then each set's limit.
     */
    private static final String ADMIT = """
            local fails = tonumber(redis.call('GET', KEYS[1]) or '0')
            if fails >= tonumber(ARGV[1]) then return 'LOCKED' end
            local added = {}
            for i = 2, #KEYS do
              if redis.call('SADD', KEYS[i], ARGV[2]) == 1 then
                table.insert(added, KEYS[i])
                if redis.call('SCARD', KEYS[i]) > tonumber(ARGV[i + 2]) then
                  for _, key in ipairs(added) do redis.call('SREM', key, ARGV[2]) end
                  return 'LIMITED'
                end
              end
            end
            for _, key in ipairs(added) do redis.call('PEXPIRE', key, ARGV[3]) end
            return 'ALLOWED'
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
        List<String> keys = new ArrayList<>(List.of(failKey(msisdn, nikHash), prefix + "day:" + msisdn + ":" + today));
        List<String> args = new ArrayList<>(List.of(String.valueOf(rules.verifyAttempts()), nikHash,
                String.valueOf(Duration.ofHours(26).toMillis()), String.valueOf(rules.lookupsPerDay())));
        aggregator.ifPresent(provider -> {
            keys.add(prefix + "day:aggregator:" + provider + ":" + today);
            args.add(String.valueOf(rules.lookupsPerDayPerAggregator()));
        });
        agent.ifPresent(agentId -> {
            keys.add(prefix + "day:agent:" + agentId + ":" + today);
            args.add(String.valueOf(rules.lookupsPerDayPerAgent()));
        });
        return CallerContext.future(redis.<String>eval(ADMIT, ScriptOutputType.STATUS, keys.toArray(String[]::new),
                        args.toArray(String[]::new)))
                .map(Admission::valueOf);
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

    private String failKey(String msisdn, String nikHash) {
        return prefix + "fail:" + msisdn + ":" + nikHash;
    }

    private String verifiedKey(String msisdn, String nikHash) {
        return prefix + "ok:" + msisdn + ":" + nikHash;
    }
}
