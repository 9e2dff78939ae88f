package id.betang.gateway.http;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.HexFormat;
import java.util.function.Function;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import id.betang.gateway.complaint.Complaint;
import id.betang.gateway.complaint.ComplaintStore;
import io.vertx.core.Vertx;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

/**
 * {@code POST /hooks/complaints}: the registry reports a complaint's new status (registry-api.yaml, webhooks).
 * The request must carry {@code X-Timestamp} (unix seconds, at most 5 minutes off) and {@code X-Signature:
 * sha256=<hex HMAC-SHA256 of "<timestamp>.<body>">} with the shared secret; anything else is 401 and
 * changes nothing. A repeated {@code eventId} is acknowledged (204) and ignored, so the complainant hears of
 * each change once; so is (after being recorded) an event older than the status held, by its {@code updatedAt}:
 * a status never goes backwards.
 */
public final class ComplaintWebhook {

    private static final Logger LOG = LoggerFactory.getLogger(ComplaintWebhook.class);
    private static final Duration TOLERANCE = Duration.ofMinutes(5);

    private final Vertx vertx;
    private final ComplaintStore store;
    private final SecretKeySpec key;
    private final Clock clock;
    private final Function<Complaint, String> message;

    private ComplaintWebhook(Vertx vertx, ComplaintStore store, String secret, Clock clock,
                             Function<Complaint, String> message) {
        this.vertx = vertx;
        this.store = store;
        this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
        this.clock = clock;
        this.message = message;
    }

    /** @param message the SMS telling the complainant about the complaint's new state */
    public static void mount(Router router, Vertx vertx, ComplaintStore store, String secret, Clock clock,
                             Function<Complaint, String> message) {
        ComplaintWebhook hook = new ComplaintWebhook(vertx, store, secret, clock, message);
        router.post("/hooks/complaints").handler(BodyHandler.create(false).setBodyLimit(64 * 1024)).handler(hook::handle);
    }

    private void handle(RoutingContext ctx) {
        String body = ctx.body().asString(StandardCharsets.UTF_8.name());
        if (body == null || !authentic(ctx.request().getHeader("X-Timestamp"), ctx.request().getHeader("X-Signature"), body)) {
            LOG.warn("complaint webhook refused: bad signature or stale timestamp");
            ctx.response().setStatusCode(401).end();
            return;
        }
        JsonObject event;
        try {
            event = new JsonObject(body);
        } catch (DecodeException e) {
            ctx.response().setStatusCode(400).end("body is not JSON");
            return;
        }
        String eventId = event.getString("eventId");
        String ticket = event.getString("ticketId");
        String status = event.getString("status");
        Instant updatedAt = instant(event.getValue("updatedAt"));
        if (eventId == null || eventId.isBlank() || eventId.length() > 100 || ticket == null
                || !Complaint.STATUSES.contains(status) || updatedAt == null) {
            ctx.response().setStatusCode(400).end("eventId, ticketId, a known status and updatedAt are required");
            return;
        }
        String note = event.getString("note");
        String shortNote = note == null ? null : note.length() > 500 ? note.substring(0, 500) : note;
        vertx.executeBlocking(() -> store.applyEvent(eventId, ticket, status, shortNote, updatedAt, message), false)
                .onSuccess(update -> {
                    if (update == ComplaintStore.Update.UNKNOWN_TICKET) {
                        ctx.response().setStatusCode(404).end("unknown ticket");
                    } else {
                        ctx.response().setStatusCode(204).end();
                    }
                })
                .onFailure(e -> {
                    LOG.warn("complaint webhook for {} not stored: {}", ticket, e.toString());
                    ctx.response().setStatusCode(503).end(); // the registry delivers it again
                });
    }

    /** The registry's date-time with offset, or null when absent or unreadable. */
    private static Instant instant(Object value) {
        if (!(value instanceof String text)) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    boolean authentic(String timestamp, String signature, String body) {
        if (timestamp == null || signature == null || !signature.startsWith("sha256=") || !timestamp.matches("\\d{1,12}")) {
            return false;
        }
        long skew = Math.abs(clock.instant().getEpochSecond() - Long.parseLong(timestamp));
        if (skew > TOLERANCE.toSeconds()) {
            return false;
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            byte[] expected = mac.doFinal((timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
            byte[] given = HexFormat.of().parseHex(signature.substring("sha256=".length()).toLowerCase(java.util.Locale.ROOT));
            return MessageDigest.isEqual(expected, given);
        } catch (IllegalArgumentException e) {
            return false; // not hex
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
