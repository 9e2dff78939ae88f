package id.betang.gateway.identity;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;

import id.betang.gateway.ops.CallerContext;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.vertx.core.Future;

/**
 * One-time codes that prove a phone belongs to the household (DESIGN.md, Identity): 6 digits, valid for
 * 5 minutes and 3 tries, one pending per phone and NIK. Redis keeps only a keyed hash of the code (over the
 * NIK's hash, the asking phone and the code), never the code: whoever reads Redis cannot confirm anyone.
 * A household gets at most a few codes per half hour, so nobody can flood its phone.
 */
public final class OneTimeCodes {

    /** What a typed code turned out to be. */
    public enum Check { RIGHT, WRONG, EXPIRED }

    static final Duration LIFETIME = Duration.ofMinutes(5);
    static final int TRIES = 3;
    static final int SENDS = 3;
    static final Duration SENDS_PER = Duration.ofMinutes(30);

    /** Counts the send; unless too many, replaces any pending code with this one's hash. 1 stored, 0 too many. */
    private static final String ISSUE = """
            local sent = redis.call('INCR', KEYS[2])
            if sent == 1 then redis.call('PEXPIRE', KEYS[2], ARGV[3]) end
            if sent > tonumber(ARGV[4]) then return 0 end
            redis.call('DEL', KEYS[1])
            redis.call('HSET', KEYS[1], 'h', ARGV[1], 'n', '0')
            redis.call('PEXPIRE', KEYS[1], ARGV[2])
            return 1
            """;

    /** A right code is used up; the last wrong try ends it too. */
    private static final String CHECK = """
            local h = redis.call('HGET', KEYS[1], 'h')
            if not h then return 'EXPIRED' end
            if h == ARGV[1] then
              redis.call('DEL', KEYS[1])
              return 'RIGHT'
            end
            if redis.call('HINCRBY', KEYS[1], 'n', 1) >= tonumber(ARGV[2]) then redis.call('DEL', KEYS[1]) end
            return 'WRONG'
            """;

    private final RedisClusterAsyncCommands<String, String> redis;
    private final String prefix;
    private final NikHash hash;
    private final SecureRandom random;

    public OneTimeCodes(RedisClusterAsyncCommands<String, String> redis, String keyPrefix, NikHash hash, SecureRandom random) {
        this.redis = redis;
        this.prefix = keyPrefix + "otp:";
        this.hash = hash;
        this.random = random;
    }

    /**
     * A new code for this phone and NIK, to be sent to the household; empty when too many were asked lately.
     *
     * @param sendable false for a NIK with no household phone (unknown to the registry): the same steps are
     *                 taken, but what is kept is random, of a hash's shape, which no code matches; every answer
     *                 is then wrong, just as a stranger's would be, and nothing tells the two NIKs apart
     */
    public Future<Optional<String>> issue(String msisdn, String nikHash, boolean sendable) {
        String code = String.format("%06d", random.nextInt(1_000_000));
        String stored;
        if (sendable) {
            stored = keyed(msisdn, nikHash, code);
        } else {
            byte[] noise = new byte[32];
            random.nextBytes(noise);
            stored = HexFormat.of().formatHex(noise);
        }
        String[] keys = {codeKey(msisdn, nikHash), codeKey(msisdn, nikHash) + ":sent"};
        return CallerContext.future(redis.<Long>eval(ISSUE, ScriptOutputType.INTEGER, keys, stored,
                        String.valueOf(LIFETIME.toMillis()), String.valueOf(SENDS_PER.toMillis()), String.valueOf(SENDS)))
                .map(n -> n == 1 ? Optional.of(code) : Optional.empty());
    }

    public Future<Check> check(String msisdn, String nikHash, String code) {
        return CallerContext.future(redis.<String>eval(CHECK, ScriptOutputType.STATUS, new String[] {codeKey(msisdn, nikHash)},
                keyed(msisdn, nikHash, code), String.valueOf(TRIES))).map(Check::valueOf);
    }

    private String keyed(String msisdn, String nikHash, String code) {
        return hash.of(nikHash + ":" + msisdn + ":" + code);
    }

    /** The phone and NIK are the hash tag: ISSUE touches this key and its send counter in one slot. */
    String codeKey(String msisdn, String nikHash) {
        return prefix + "{" + msisdn + ":" + nikHash + "}";
    }
}
