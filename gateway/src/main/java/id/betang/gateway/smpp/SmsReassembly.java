package id.betang.gateway.smpp;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import id.betang.gateway.ops.CallerContext;
import id.betang.gateway.ops.Mask;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

/**
 * Joins the parts of a concatenated MO SMS. Parts are kept in Redis, so they may arrive at different
 * gateway instances; the part that completes the set takes it (atomically, in a script). When parts are
 * missing after the timeout, the instance that saw the first part takes what arrived, marking the gaps,
 * rather than losing the resident's words. Without Redis each part goes on alone, for the same reason.
 */
public final class SmsReassembly {

    private static final Logger LOG = LoggerFactory.getLogger(SmsReassembly.class);
    static final String GAP = " … ";

    /** Adds a part; returns all parts and deletes the set once complete, else nothing. */
    private static final String ADD = """
            redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
            redis.call('PEXPIRE', KEYS[1], ARGV[4])
            if redis.call('HLEN', KEYS[1]) >= tonumber(ARGV[3]) then
              local all = redis.call('HGETALL', KEYS[1])
              redis.call('DEL', KEYS[1])
              return all
            end
            return {}
            """;

    /** Takes whatever arrived, once; another caller gets nothing. */
    private static final String TAKE = """
            local all = redis.call('HGETALL', KEYS[1])
            redis.call('DEL', KEYS[1])
            return all
            """;

    private final Vertx vertx;
    private final RedisAsyncCommands<String, String> redis;
    private final String prefix;
    private final Duration timeout;

    public SmsReassembly(Vertx vertx, RedisAsyncCommands<String, String> redis, String keyPrefix, Duration timeout) {
        this.vertx = vertx;
        this.redis = redis;
        this.prefix = keyPrefix + "sms:parts:";
        this.timeout = timeout;
    }

    /**
     * @param whole called with the complete message: at once for a single SMS, when the last part arrives,
     *              or after the timeout with what arrived
     */
    public void add(MoSms part, java.util.function.Consumer<MoSms> whole) {
        if (part.concatenation().isEmpty() || part.concatenation().get().total() == 1) {
            whole.accept(new MoSms(part.msisdn(), part.destination(), part.text(), Optional.empty()));
            return;
        }
        SmsCodec.Concatenation c = part.concatenation().get();
        String key = prefix + part.msisdn() + ":" + c.reference() + ":" + c.total();
        Future<List<Object>> added = eval(ADD, key, String.valueOf(c.sequence()), part.text(), String.valueOf(c.total()),
                String.valueOf(timeout.multipliedBy(3).toMillis()));
        added.onSuccess(all -> {
            if (!all.isEmpty()) {
                whole.accept(join(part, all, c.total()));
            } else {
                // every instance holding a part waits; the first to look after the timeout takes what arrived
                vertx.setTimer(timeout.toMillis(), t -> eval(TAKE, key).onSuccess(rest -> {
                    if (!rest.isEmpty()) {
                        LOG.info("SMS from {} incomplete after {} s: {} of {} parts kept", Mask.msisdn(part.msisdn()),
                                timeout.toSeconds(), rest.size() / 2, c.total());
                        whole.accept(join(part, rest, c.total()));
                    }
                }));
            }
        }).onFailure(e -> {
            LOG.warn("Redis unavailable for SMS reassembly ({}); part {} of {} from {} goes on alone", e.getMessage(),
                    c.sequence(), c.total(), Mask.msisdn(part.msisdn()));
            whole.accept(new MoSms(part.msisdn(), part.destination(), part.text(), Optional.empty()));
        });
    }

    private Future<List<Object>> eval(String script, String key, String... args) {
        try {
            return CallerContext.future(redis.<List<Object>>eval(script, ScriptOutputType.MULTI, new String[] {key}, args))
                    .map(r -> r == null ? List.<Object>of() : r);
        } catch (RuntimeException e) { // a client already shut down throws rather than failing the future
            return Future.failedFuture(e);
        }
    }

    /** HGETALL's flat [seq, text, seq, text...] into the text in order, gaps marked. */
    static MoSms join(MoSms any, List<Object> flat, int total) {
        Map<Integer, String> bySeq = new TreeMap<>();
        for (int i = 0; i + 1 < flat.size(); i += 2) {
            bySeq.put(Integer.parseInt(String.valueOf(flat.get(i))), String.valueOf(flat.get(i + 1)));
        }
        // parts usually split mid-sentence, so a gap is marked with the spaces either side of it tidied
        String text = "";
        boolean gap = false;
        for (int seq = 1; seq <= total; seq++) {
            String t = bySeq.get(seq);
            if (t == null) {
                gap = true;
            } else if (gap) {
                text = (text.isEmpty() ? GAP.strip() + " " : text.stripTrailing() + GAP) + t.stripLeading();
                gap = false;
            } else {
                text += t;
            }
        }
        if (gap) {
            text = text.stripTrailing() + " " + GAP.strip();
        }
        return new MoSms(any.msisdn(), any.destination(), text, Optional.empty());
    }
}
