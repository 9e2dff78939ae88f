package id.betang.gateway.http;

import id.betang.gateway.ops.Readiness;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;

/** Liveness, readiness (each dependency by name, 503 while any is down) and Prometheus metrics. */
public final class OpsRoutes {

    private OpsRoutes() {
    }

    public static void mount(Router router, Readiness readiness, PrometheusMeterRegistry metrics) {
        router.get("/health").handler(ctx -> ctx.response()
                .putHeader("content-type", "application/json")
                .end(new JsonObject().put("status", "up").encode()));
        router.get("/ready").handler(ctx -> readiness.check().onComplete(ar -> {
            JsonObject report = ar.succeeded() ? ar.result().toJson()
                    : new JsonObject().put("status", "not ready").put("error", ar.cause().toString());
            boolean ready = ar.succeeded() && ar.result().ready();
            ctx.response().setStatusCode(ready ? 200 : 503)
                    .putHeader("content-type", "application/json")
                    .end(report.encodePrettily());
        }));
        router.get("/metrics").handler(ctx -> ctx.response()
                .putHeader("content-type", "text/plain; version=0.0.4; charset=utf-8")
                .end(metrics.scrape()));
    }
}
