package id.betang.gateway.identity;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;

import id.betang.gateway.config.GatewayConfig;
import id.betang.gateway.ops.CallerContext;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.vertx.core.Future;

/**
 * The identity rules that protect residents from being looked up by strangers (DESIGN.md, Identity):
 * wrong birth dates lock a NIK for that phone for a while, each phone may look up only a few distinct NIKs
 * a day, and a phone that confirmed a birth date may see that NIK for the rest of its visit. Counters live
 * in Redis with expiry, shared by every gateway instance; NIKs appear there only as {@link NikHash} values.
 * When Redis cannot answer, the futures fail: the caller shows "busy" rather than skipping a rule.
 */
public final class NikGuard {

    /** What a lookup may do now. */
    public enum Admission { ALLOWED, LOCKED, LIMITED }

    private static final ZoneId WIB = ZoneId.of("Asia/Jakarta");
    private static final Duration VERIFIED_FOR = Duration.ofMinutes(30);

    /**
     * One round trip, atomic: locked? else count this NIK among the day's distinct NIKs, unless that would
     * pass the limit. A NIK already counted today is always allowed again.
     */
    private static final String ADMIT = """
            local fails = tonumber(redis.call('GET', KEYS[1]) or '0')
            if fails >= tonumber(ARGV[1]) then return 'LOCKED' end
            if redis.call('SADD', KEYS[2], ARGV[2]) == 1 then
              if redis.call('SCARD', KEYS[2]) > tonumber(ARGV[3]) then
                redis.call('SREM', KEYS[2], ARGV[2])
                return 'LIMITED'
              end
              redis.call('PEXPIRE', KEYS[2], ARGV[4])
            end
            return 'ALLOWED'
            """;

    private static final String FAIL = """
            local n = redis.call('INCR', KEYS[1])
            if n == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
            return n
            """;

    private final RedisAsyncCommands<String, String> redis;
    private final String prefix;
    private final GatewayConfig.Identity rules;
    private final Clock clock;

    public NikGuard(RedisAsyncCommands<String, String> redis, String keyPrefix, GatewayConfig.Identity rules,
                    Clock clock) {
        this.redis = redis;
        this.prefix = keyPrefix + "nik:";
        this.rules = rules;
        this.clock = clock;
    }

    public Future<Admission> admit(String msisdn, String nikHash) {
        String today = LocalDate.now(clock.withZone(WIB)).toString();
        String[] keys = {failKey(msisdn, nikHash), prefix + "day:" + msisdn + ":" + today};
        return CallerContext.future(redis.<String>eval(ADMIT, ScriptOutputType.STATUS, keys,
                        String.valueOf(rules.verifyAttempts()), nikHash, String.valueOf(rules.lookupsPerDay()),
                        String.valueOf(Duration.ofHours(26).toMillis())))
                .map(Admission::valueOf);
    }

    /** Counts a wrong birth date. @return true when this one locked the NIK for this phone */
    public Future<Boolean> failedVerification(String msisdn, String nikHash) {
        return CallerContext.future(redis.<Long>eval(FAIL, ScriptOutputType.INTEGER,
                        new String[] {failKey(msisdn, nikHash)}, String.valueOf(rules.lockFor().toMillis())))
                .map(n -> n >= rules.verifyAttempts());
    }

    /** Remembers a confirmed birth date for this phone and NIK, and forgets earlier wrong ones. */
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
