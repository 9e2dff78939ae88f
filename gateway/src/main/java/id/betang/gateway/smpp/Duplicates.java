package id.betang.gateway.smpp;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;

import org.jsmpp.bean.DeliverSm;
import org.jsmpp.bean.OptionalParameter;

import id.betang.gateway.ops.CallerContext;
import io.lettuce.core.SetArgs;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.vertx.core.Future;

/**
 * Recognises a deliver_sm the SMSC sends again (it missed our response, or it just does) without ever
 * taking a resident's real input for one. The SMSC's {@code sequence_number} cannot tell them apart (a resend
 * gets a new one, often on another bind), so the rule is:
 * <ul>
 * <li>a fingerprint of everything the PDU says (addresses, esm_class, data_coding, text, every TLV) is
 * remembered in Redis with {@code SET NX}, shared by all instances;</li>
 * <li>when the PDU names its place in a conversation &mdash; a USSD step with {@code its_session_info}
 * (session number and sequence: each answer takes the next sequence, so pressing {@code 4} twice is two
 * fingerprints) or a part of a long SMS (its UDH or sar reference) &mdash; the fingerprint is kept for the whole
 * window: any copy of it, before or after our answer, is the SMSC's;</li>
 * <li>when nothing in the PDU can tell two presses apart (USSD without its_session_info, whatever the
 * profile's session id; a one-part SMS) the fingerprint is kept only until the first copy has been
 * answered: the SMSC resends while it waits for our response, a resident types again only after reading
 * the answer, so the same key or text after that is new input.</li>
 * </ul>
 * When Redis cannot answer the PDU is processed anyway: twice is better than never.
 */
public final class Duplicates {

    private final RedisClusterAsyncCommands<String, String> redis;
    private final String prefix;
    private final Duration window;

    public Duplicates(RedisClusterAsyncCommands<String, String> redis, String keyPrefix, Duration window) {
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

    /**
     * The first copy of {@code pdu} has been answered: if nothing in it tells a repeat from a redelivery, the
     * same content from now on is the resident's new input (see the class comment).
     */
    public Future<Void> answered(DeliverSm pdu) {
        if (window.isZero() || keptForTheWindow(pdu)) {
            return Future.succeededFuture();
        }
        return CallerContext.future(redis.del(prefix + fingerprint(pdu))).<Void>mapEmpty().otherwiseEmpty();
    }

    /** Whether the PDU names its place in a conversation, so that a real repeat differs from it. */
    static boolean keptForTheWindow(DeliverSm pdu) {
        if (UssdPdus.isUssd(pdu)) {
            return pdu.getOptionalParameter(OptionalParameter.Tag.ITS_SESSION_INFO) != null;
        }
        return (pdu.getEsmClass() & 0x40) != 0 // UDHI: the part's reference is in the message
                || pdu.getOptionalParameter(OptionalParameter.Tag.SAR_MSG_REF_NUM) != null;
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
