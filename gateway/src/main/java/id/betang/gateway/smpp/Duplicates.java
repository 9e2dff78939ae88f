package id.betang.gateway.smpp;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;

import org.jsmpp.bean.DeliverSm;
import org.jsmpp.bean.OptionalParameter;

import id.betang.gateway.ops.CallerContext;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.vertx.core.Future;

/**
 * Recognises a deliver_sm the SMSC sends again (it missed our response, or it just does): a fingerprint
 * of everything the PDU says, remembered in Redis with {@code SET NX} for a while, shared by all
 * instances. When Redis cannot answer the PDU is processed anyway: twice is better than never.
 */
public final class Duplicates {

    private final RedisAsyncCommands<String, String> redis;
    private final String prefix;
    private final Duration window;

    public Duplicates(RedisAsyncCommands<String, String> redis, String keyPrefix, Duration window) {
        this.redis = redis;
        this.prefix = keyPrefix + "smpp:seen:";
        this.window = window;
    }

    /** Completes with true the first time this PDU content is seen within the window. */
    public Future<Boolean> firstTime(DeliverSm pdu) {
        if (window.isZero()) {
            return Future.succeededFuture(true);
        }
        return CallerContext.future(redis.set(prefix + fingerprint(pdu), "1", SetArgs.Builder.nx().px(window.toMillis())))
                .map("OK"::equals)
                .otherwise(true);
    }

    /** Sequence numbers differ between resends, so they are left out; the content is not. */
    static String fingerprint(DeliverSm pdu) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            update(sha, pdu.getServiceType());
            update(sha, pdu.getSourceAddr());
            update(sha, pdu.getDestAddress());
            sha.update(pdu.getEsmClass());
            sha.update(pdu.getDataCoding());
            byte[] message = pdu.getShortMessage();
            sha.update(message == null ? new byte[0] : message);
            if (pdu.getOptionalParameters() != null) {
                for (OptionalParameter tlv : pdu.getOptionalParameters()) {
                    sha.update(tlv.serialize());
                }
            }
            return HexFormat.of().formatHex(sha.digest(), 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }

    private static void update(MessageDigest sha, String field) {
        sha.update((field == null ? "" : field).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        sha.update((byte) 0);
    }
}
