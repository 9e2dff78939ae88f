package id.betang.gateway.http;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

import io.vertx.ext.web.RoutingContext;

/** A bearer secret (the API token, an aggregator's token, the metrics token), compared in constant time. */
final class ApiToken {

    private final byte[] token;

    ApiToken(String token) {
        this.token = token.getBytes(StandardCharsets.UTF_8);
    }

    /** The {@code Authorization: Bearer …} header, or null. */
    static String bearer(RoutingContext ctx) {
        String header = ctx.request().getHeader("Authorization");
        return header != null && header.startsWith("Bearer ") ? header.substring(7).strip() : null;
    }

    boolean matches(String given) {
        return given != null && MessageDigest.isEqual(token, given.getBytes(StandardCharsets.UTF_8));
    }

    /** Ends the request with 401 unless it carries the token as a bearer header. */
    boolean admit(RoutingContext ctx) {
        if (matches(bearer(ctx))) {
            return true;
        }
        ctx.response().setStatusCode(401).putHeader("WWW-Authenticate", "Bearer").end();
        return false;
    }
}
