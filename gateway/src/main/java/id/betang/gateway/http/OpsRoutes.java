package id.betang.gateway.http;

import id.betang.gateway.ops.Readiness;
import id.betang.gateway.ops.WarmUp;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Liveness, readiness and Prometheus metrics. {@code /ready} tells anyone only {@code {"status":"up"|"down"}}
 * (200 / 503, all a load balancer needs); what is down and why (binds, Redis, MySQL, warm-up) names the
 * infrastructure, so only the holder of {@code BETANG_API_TOKEN} sees it, as a bearer header.
 * {@code /metrics} (counts and timings by channel and outcome, never a number or a NIK in a label) answers a
 * scraper on loopback, or anywhere with {@code BETANG_METRICS_TOKEN} as a bearer header; else 401.
 */
public final class OpsRoutes {

    private OpsRoutes() {
    }

    public static void mount(Router router, Readiness readiness, WarmUp warmUp, PrometheusMeterRegistry metrics,
                             String apiToken, String metricsToken) {
        ApiToken token = new ApiToken(apiToken);
        ApiToken scraper = metricsToken.isEmpty() ? null : new ApiToken(metricsToken);
        router.get("/health").handler(ctx -> ctx.response()
                .putHeader("content-type", "application/json")
                .end(new JsonObject().put("status", "up").encode()));
        router.get("/ready").handler(ctx -> {
            if (token.matches(ApiToken.bearer(ctx))) {
                ctx.next();
            } else if (!warmUp.done()) {
                brief(ctx, false);
            } else {
                readiness.check().onComplete(ar -> brief(ctx, ar.succeeded() && ar.result().ready()));
            }
        });
        // the details: warm-up first, then each dependency by name
        warmUp.gate(router);
        router.get("/ready").handler(ctx -> readiness.check().onComplete(ar -> {
            JsonObject report = ar.succeeded() ? ar.result().toJson()
                    : new JsonObject().put("status", "not ready").put("error", ar.cause().toString());
            boolean ready = ar.succeeded() && ar.result().ready();
            ctx.response().setStatusCode(ready ? 200 : 503)
                    .putHeader("content-type", "application/json")
                    .end(report.encodePrettily());
        }));
        router.get("/metrics").handler(ctx -> {
            if (!fromLoopback(ctx) && (scraper == null || !scraper.matches(ApiToken.bearer(ctx)))) {
                ctx.response().setStatusCode(401).putHeader("WWW-Authenticate", "Bearer").end();
                return;
            }
            ctx.response()
                    .putHeader("content-type", "text/plain; version=0.0.4; charset=utf-8")
                    .end(metrics.scrape());
        });
    }

    private static boolean fromLoopback(RoutingContext ctx) {
        String address = ctx.request().remoteAddress() == null ? null : ctx.request().remoteAddress().hostAddress();
        return address != null && (address.startsWith("127.") || address.equals("::1")
                || address.equals("0:0:0:0:0:0:0:1"));
    }

    private static void brief(RoutingContext ctx, boolean up) {
        ctx.response().setStatusCode(up ? 200 : 503)
                .putHeader("content-type", "application/json")
                .end(new JsonObject().put("status", up ? "up" : "down").encode());
    }
}
