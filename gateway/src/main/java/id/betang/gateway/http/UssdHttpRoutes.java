package id.betang.gateway.http;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import id.betang.gateway.config.GatewayConfig;
import id.betang.gateway.identity.Msisdn;
import id.betang.gateway.identity.NikHash;
import id.betang.gateway.limits.RateLimited;
import id.betang.gateway.limits.RateLimits;
import id.betang.gateway.ops.Inbound;
import id.betang.gateway.ussd.Dialogue;
import id.betang.gateway.ussd.ServiceCode;
import id.betang.gateway.ussd.UssdReply;
import id.betang.gateway.ussd.UssdRequest;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.vertx.core.Future;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

/**
 * USSD for HTTP aggregators, in the widely used convention: {@code POST /ussd/{provider}} with form fields
 * {@code sessionId}, {@code serviceCode}, {@code phoneNumber} and {@code text} (every input so far joined by
 * {@code *}), answered {@code text/plain} {@code CON …} (more to come) or {@code END …}. The same
 * {@link Dialogue} as SMPP serves it; the transcript convention stays here ({@link AggregatorTranscripts}):
 * the dialogue gets the one new input, and the whole transcript only to replay a dialogue it does not know.
 *
 * <p>Each aggregator has its own token ({@link AggregatorAccess}), as a bearer header or, for aggregators that
 * only let one configure a URL, a {@code token} query parameter (never logged: nothing here logs a URI); it opens
 * only its own {@code /ussd/{provider}}, and the API token opens none. A wrong token is 401 with no detail, a
 * source outside the provider's networks 403. Over a rate limit (the aggregator's, its source address's or the
 * caller's MSISDN's) the answer is {@code 429} with {@code Retry-After} and an {@code END} screen telling the
 * caller to try later, for aggregators that show the body of any answer.
 */
public final class UssdHttpRoutes {

    public static final String CHANNEL = "ussd-http";
    private static final Logger LOG = LoggerFactory.getLogger(UssdHttpRoutes.class);
    private static final String PROVIDER = "[a-z0-9-]{1,32}";
    private static final String SESSION_ID = "[A-Za-z0-9_.:-]{1,100}";
    /** Four short fields; the whole form fits in far less (413 beyond). */
    static final int BODY_LIMIT = 4 * 1024;
    /** A dialled code with a shortcut, e.g. {@code *777*1*6271010101010003#}, with room to spare. */
    static final int MAX_SERVICE_CODE = 64;
    /** An MSISDN in any of its written forms (+62 812-3456-7890). */
    static final int MAX_PHONE_NUMBER = 20;
    /**
     * Far more than any dialogue types, and each step reads the whole transcript, so both caps bound the
     * work per step (no step grows with a caller's patience) and keep the session store small.
     */
    static final int MAX_TEXT = 1000;
    static final int MAX_INPUTS = 40;

    private final Dialogue dialogue;
    private final Inbound inbound;
    private final ServiceCode serviceCode;
    private final AggregatorAccess access;
    private final RateLimits limits;
    private final AggregatorTranscripts transcripts;

    private UssdHttpRoutes(Dialogue dialogue, Inbound inbound, ServiceCode serviceCode, AggregatorAccess access,
                           RateLimits limits, AggregatorTranscripts transcripts) {
        this.dialogue = dialogue;
        this.inbound = inbound;
        this.serviceCode = serviceCode;
        this.access = access;
        this.limits = limits;
        this.transcripts = transcripts;
    }

    /**
     * Mounts nothing when no aggregator has a token ({@code /ussd/…} then answers 404).
     *
     * @param redis where each aggregator session's transcript as last seen is kept ({@code keyPrefix}),
     *              for as long as a dialogue lives ({@code sessionTtl})
     */
    public static void mount(Router router, Dialogue dialogue, Inbound inbound, ServiceCode serviceCode,
                             GatewayConfig.Security security, RateLimits limits,
                             RedisClusterAsyncCommands<String, String> redis, String keyPrefix, Duration sessionTtl,
                             NikHash hash) {
        AggregatorAccess access = new AggregatorAccess(security);
        if (access.none()) {
            LOG.info("HTTP USSD adapter off: no aggregator token (BETANG_USSD_HTTP_TOKENS)");
            return;
        }
        LOG.info("HTTP USSD adapter on for {} aggregator(s): {}", access.count(),
                security.aggregatorTokens().keySet().stream().sorted().toList());
        UssdHttpRoutes routes = new UssdHttpRoutes(dialogue, inbound, serviceCode, access, limits,
                new AggregatorTranscripts(redis, keyPrefix, sessionTtl, hash));
        // Vert.x wants the body handler first (4 KiB at most); the form is looked at only past the token check
        router.post("/ussd/:provider")
                .handler(BodyHandler.create(false).setBodyLimit(BODY_LIMIT))
                .handler(routes::admit)
                .handler(routes::serve);
    }

    /** The provider's own token, from its own networks; nothing of the form is looked at before. */
    private void admit(RoutingContext ctx) {
        String provider = ctx.pathParam("provider");
        String bearer = ApiToken.bearer(ctx);
        if (!access.authenticated(provider, bearer != null ? bearer : ctx.queryParams().get("token"))) {
            ctx.response().setStatusCode(401).putHeader("WWW-Authenticate", "Bearer").end();
        } else if (!access.fromAllowedSource(provider, ctx.request().remoteAddress())) {
            ctx.response().setStatusCode(403).end();
        } else {
            ctx.next();
        }
    }

    /** Within the aggregator's and its source address's limits, then the step (the MSISDN's limit is Inbound's). */
    private void serve(RoutingContext ctx) {
        String provider = ctx.pathParam("provider");
        String source = ctx.request().remoteAddress() == null ? "unknown" : ctx.request().remoteAddress().hostAddress();
        limits.aggregator(provider, source).onSuccess(v -> answer(ctx, provider)).onFailure(e -> answerLimited(ctx, e));
    }

    private void answer(RoutingContext ctx, String provider) {
        String sessionId = form(ctx, "sessionId");
        String dialled = form(ctx, "serviceCode").strip();
        String phoneNumber = form(ctx, "phoneNumber");
        String text = form(ctx, "text");
        Optional<String> msisdn = phoneNumber.length() > MAX_PHONE_NUMBER ? Optional.empty() : Msisdn.normalise(phoneNumber);
        Optional<String> fault = fault(provider, sessionId, dialled, msisdn, text);
        if (fault.isPresent()) {
            plain(ctx, 400, "END bad request: " + fault.get());
            return;
        }
        Optional<List<String>> shortcut = serviceCode.shortcut(dialled);
        if (shortcut.isEmpty()) {
            LOG.info("HTTP USSD session {} from {} dialled a code that is not ours", sessionId, provider);
            plain(ctx, 200, "END " + dialogue.engine().tree().system("invalid", dialogue.engine().tree().defaultLanguage()));
            return;
        }
        String sessionKey = UssdRequest.AGGREGATOR_SESSION + provider + ":" + sessionId;
        inbound.step(CHANNEL, msisdn.get(), sessionKey, () -> step(msisdn.get(), sessionKey, shortcut.get(), text),
                        reply -> reply.map(UssdReply::outcome).orElse("abort"),
                        reply -> reply.map(UssdReply::screen).orElse(""))
                .onSuccess(reply -> {
                    UssdReply r = reply.orElse(new UssdReply("", true));
                    plain(ctx, 200, (r.end() ? "END " : "CON ") + r.text());
                })
                .onFailure(e -> answerLimited(ctx, e));
    }

    /** 429 with Retry-After for a rate limit; any other failure goes to the router (500). */
    private void answerLimited(RoutingContext ctx, Throwable failure) {
        if (!(failure instanceof RateLimited limited)) {
            ctx.fail(failure);
            return;
        }
        ctx.response().putHeader("Retry-After", String.valueOf(limited.retryAfterSeconds()));
        plain(ctx, 429, "END " + dialogue.engine().tree().system(RateLimits.TRY_LATER,
                dialogue.engine().tree().defaultLanguage()));
    }

    /** One step: a new session opens the menu; later ones send what the transcript added since the last. */
    private Future<Optional<UssdReply>> step(String msisdn, String sessionKey, List<String> shortcut, String text) {
        Future<UssdRequest> request = text.isEmpty()
                ? Future.succeededFuture(new UssdRequest(msisdn, sessionKey, UssdRequest.Kind.BEGIN, shortcut, CHANNEL))
                : transcripts.seen(sessionKey).otherwise(AggregatorTranscripts.Seen.NOTHING).map(seen -> new UssdRequest(msisdn,
                        sessionKey, UssdRequest.Kind.CONTINUE, List.of(transcripts.typed(seen, text)), CHANNEL,
                        AggregatorTranscripts.inputs(text)));
        return request.compose(dialogue::handle).compose(reply -> transcripts
                .saw(sessionKey, text, reply.map(UssdReply::end).orElse(true))
                .otherwise(e -> {
                    // without it the next step takes the transcript's last input, which is what aggregators add
                    LOG.info("HTTP USSD session {}: transcript not remembered ({})", sessionKey, e.toString());
                    return null;
                })
                .map(reply));
    }

    /** What is wrong with a step's fields, said so an aggregator's developer can fix it; empty when nothing. */
    private static Optional<String> fault(String provider, String sessionId, String dialled, Optional<String> msisdn,
                                          String text) {
        if (!provider.matches(PROVIDER)) {
            return Optional.of("the provider in the path is 1-32 of a-z 0-9 -");
        }
        if (!sessionId.matches(SESSION_ID)) {
            return Optional.of("sessionId is required: 1-100 of A-Z a-z 0-9 _ . : -");
        }
        if (dialled.isEmpty() || dialled.length() > MAX_SERVICE_CODE) {
            return Optional.of("serviceCode is required, at most " + MAX_SERVICE_CODE + " characters");
        }
        if (msisdn.isEmpty()) {
            return Optional.of("phoneNumber is required: an Indonesian mobile number, at most " + MAX_PHONE_NUMBER
                    + " characters");
        }
        if (text.length() > MAX_TEXT) {
            return Optional.of("text is at most " + MAX_TEXT + " characters");
        }
        if (AggregatorTranscripts.count(text) > MAX_INPUTS) {
            return Optional.of("text holds at most " + MAX_INPUTS + " inputs");
        }
        return Optional.empty();
    }

    private static String form(RoutingContext ctx, String name) {
        String value = ctx.request().getFormAttribute(name);
        return value == null ? "" : value;
    }

    private static void plain(RoutingContext ctx, int status, String body) {
        ctx.response().setStatusCode(status).putHeader("Content-Type", "text/plain; charset=utf-8").end(body);
    }
}
