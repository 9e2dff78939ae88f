package id.betang.gateway.http;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import id.betang.gateway.console.ConsolePage;
import id.betang.gateway.console.OperatorDesk;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

/**
 * The operator console ({@code /console}, server-rendered pages) and the admin API the CLI uses
 * ({@code /api/v1/admin/...}), both behind the API token. The browser gives the token once, with the operator's
 * name, and gets a session cookie (HttpOnly, SameSite=Strict, 8 hours) signed with a key derived from the token,
 * so every instance accepts it and changing the token ends every session. Repairs are POSTs from the console's own
 * forms only (same-origin check) and each is audited with the operator's name and address.
 */
public final class ConsoleRoutes {

    static final String COOKIE = "betang_console";
    private static final Duration SESSION = Duration.ofHours(8);
    private static final Pattern OPERATOR = Pattern.compile("[\\p{L}0-9 ._-]{1,32}");
    private static final Pattern TICKET = Pattern.compile("[A-Z0-9]{8}");

    private final Vertx vertx;
    private final OperatorDesk desk;
    private final ApiToken token;
    private final byte[] sessionKey;
    private final Clock clock;

    private ConsoleRoutes(Vertx vertx, OperatorDesk desk, String apiToken, Clock clock) {
        this.vertx = vertx;
        this.desk = desk;
        this.token = new ApiToken(apiToken);
        this.sessionKey = sha256("betang-console-session:" + apiToken);
        this.clock = clock;
    }

    public static void mount(Router router, Vertx vertx, OperatorDesk desk, String apiToken, Clock clock) {
        ConsoleRoutes routes = new ConsoleRoutes(vertx, desk, apiToken, clock);
        BodyHandler form = BodyHandler.create(false).setBodyLimit(4 * 1024);
        router.get("/console").handler(routes::page);
        router.post("/console/login").handler(form).handler(routes::login);
        router.post("/console/logout").handler(routes::logout);
        router.post("/console/sms/:id/requeue").handler(routes::requeueFromConsole);
        router.post("/console/complaints/:ticket/retry").handler(routes::retryFromConsole);
        router.get("/api/v1/admin/overview").handler(routes::overviewApi);
        router.post("/api/v1/admin/sms/:id/requeue").handler(routes::requeueApi);
        router.post("/api/v1/admin/complaints/:ticket/retry").handler(routes::retryApi);
    }

    // --- the console

    private void page(RoutingContext ctx) {
        Optional<String> operator = session(ctx);
        ctx.response().putHeader("Content-Type", "text/html; charset=utf-8")
                .putHeader("Cache-Control", "no-store")
                .putHeader("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'");
        if (operator.isEmpty()) {
            ctx.response().end(ConsolePage.login(ctx.request().getParam("refused") != null));
            return;
        }
        String done = ctx.request().getParam("done");
        blocking(desk::overview).onSuccess(o -> ctx.response().end(ConsolePage.overview(o, operator.get(), done)))
                .onFailure(ctx::fail);
    }

    private void login(RoutingContext ctx) {
        String name = ctx.request().getFormAttribute("operator");
        String operator = name == null ? "" : name.strip();
        boolean admitted = token.matches(ctx.request().getFormAttribute("token")) && OPERATOR.matcher(operator).matches();
        if (!admitted) {
            ctx.redirect("/console?refused=1");
            return;
        }
        long expires = clock.instant().plus(SESSION).getEpochSecond();
        String value = Base64.getUrlEncoder().withoutPadding().encodeToString(operator.getBytes(StandardCharsets.UTF_8))
                + "." + expires;
        ctx.response().addCookie(Cookie.cookie(COOKIE, value + "." + sign(value)).setHttpOnly(true)
                .setSameSite(CookieSameSite.STRICT).setPath("/").setMaxAge(SESSION.toSeconds()));
        ctx.redirect("/console");
    }

    private void logout(RoutingContext ctx) {
        ctx.response().addCookie(Cookie.cookie(COOKIE, "").setPath("/").setMaxAge(0));
        ctx.redirect("/console");
    }

    private void requeueFromConsole(RoutingContext ctx) {
        fromConsole(ctx, who -> outboxId(ctx).map(id -> blocking(() -> desk.requeue(id, who))));
    }

    private void retryFromConsole(RoutingContext ctx) {
        fromConsole(ctx, who -> ticket(ctx).map(t -> blocking(() -> desk.retry(t, who))));
    }

    private void fromConsole(RoutingContext ctx, java.util.function.Function<String, Optional<Future<String>>> repair) {
        Optional<String> operator = session(ctx);
        if (operator.isEmpty() || !sameOrigin(ctx)) {
            ctx.response().setStatusCode(403).end();
            return;
        }
        repair.apply(who(operator.get(), ctx)).ifPresentOrElse(
                done -> done.onSuccess(outcome -> ctx.redirect("/console?done=" + outcome)).onFailure(ctx::fail),
                () -> ctx.response().setStatusCode(400).end());
    }

    /** A form posted from another site carries another Origin (or Referer); SameSite=Strict is the first guard. */
    private static boolean sameOrigin(RoutingContext ctx) {
        String origin = Optional.ofNullable(ctx.request().getHeader("Origin")).orElse(ctx.request().getHeader("Referer"));
        String host = ctx.request().getHeader("Host");
        return origin == null || host != null && (origin.equals("http://" + host) || origin.equals("https://" + host)
                || origin.startsWith("http://" + host + "/") || origin.startsWith("https://" + host + "/"));
    }

    // --- the admin API (the CLI)

    private void overviewApi(RoutingContext ctx) {
        if (token.admit(ctx)) {
            blocking(desk::overview).onSuccess(o -> ctx.json(ConsolePage.json(o))).onFailure(ctx::fail);
        }
    }

    private void requeueApi(RoutingContext ctx) {
        api(ctx, who -> outboxId(ctx).map(id -> blocking(() -> desk.requeue(id, who))));
    }

    private void retryApi(RoutingContext ctx) {
        api(ctx, who -> ticket(ctx).map(t -> blocking(() -> desk.retry(t, who))));
    }

    private void api(RoutingContext ctx, java.util.function.Function<String, Optional<Future<String>>> repair) {
        if (!token.admit(ctx)) {
            return;
        }
        Optional<String> who = apiOperator(ctx);
        if (who.isEmpty()) {
            return;
        }
        repair.apply(who.get()).ifPresentOrElse(
                done -> done.onSuccess(outcome -> ctx.json(new JsonObject().put("outcome", outcome))).onFailure(ctx::fail),
                () -> ctx.response().setStatusCode(400).end("no such row"));
    }

    // --- shared

    /** Who asks the admin API ({@code X-Operator}) and from where; empty after answering 400 when not said. */
    static Optional<String> apiOperator(RoutingContext ctx) {
        String operator = Optional.ofNullable(ctx.request().getHeader("X-Operator")).orElse("").strip();
        if (!OPERATOR.matcher(operator).matches()) {
            ctx.response().setStatusCode(400).end("X-Operator: who asks, 1-32 letters, digits, space . _ -");
            return Optional.empty();
        }
        return Optional.of(who(operator, ctx));
    }

    private static String who(String operator, RoutingContext ctx) {
        return operator + "@" + ctx.request().remoteAddress().hostAddress();
    }

    private static Optional<Long> outboxId(RoutingContext ctx) {
        try {
            return Optional.of(Long.parseLong(ctx.pathParam("id")));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static Optional<String> ticket(RoutingContext ctx) {
        String t = ctx.pathParam("ticket");
        return TICKET.matcher(t).matches() ? Optional.of(t) : Optional.empty();
    }

    private <T> Future<T> blocking(java.util.concurrent.Callable<T> work) {
        return vertx.executeBlocking(work, false);
    }

    /** The operator of a valid, unexpired session cookie. */
    private Optional<String> session(RoutingContext ctx) {
        Cookie cookie = ctx.request().getCookie(COOKIE);
        if (cookie == null) {
            return Optional.empty();
        }
        String[] parts = cookie.getValue().split("\\.");
        if (parts.length != 3) {
            return Optional.empty();
        }
        String value = parts[0] + "." + parts[1];
        if (!MessageDigest.isEqual(sign(value).getBytes(StandardCharsets.US_ASCII), parts[2].getBytes(StandardCharsets.US_ASCII))) {
            return Optional.empty();
        }
        try {
            if (Long.parseLong(parts[1]) < clock.instant().getEpochSecond()) {
                return Optional.empty();
            }
            return Optional.of(new String(Base64.getUrlDecoder().decode(parts[0]), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private String sign(String value) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(sessionKey, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(value.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
