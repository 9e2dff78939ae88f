package id.betang.gateway.ops;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import id.betang.gateway.smpp.SmscBind;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

/**
 * Is this instance ready to serve? Every SMPP bind up, Redis answering PING, MySQL answering a query.
 * Each is reported by name so an operator sees which one is missing.
 */
public final class Readiness {

    private final Supplier<List<SmscBind>> binds;
    private final Supplier<Future<Boolean>> redis;
    private final Supplier<Future<Boolean>> mysql;

    public Readiness(Supplier<List<SmscBind>> binds, Supplier<Future<Boolean>> redis, Supplier<Future<Boolean>> mysql) {
        this.binds = binds;
        this.redis = redis;
        this.mysql = mysql;
    }

    public Future<Report> check() {
        Future<Boolean> redisUp = redis.get().otherwise(false);
        Future<Boolean> mysqlUp = mysql.get().otherwise(false);
        return Future.all(redisUp, mysqlUp).map(all -> {
            Map<String, String> smpp = new LinkedHashMap<>();
            binds.get().forEach(b -> smpp.put(b.name(), b.state() == SmscBind.State.BOUND ? "bound"
                    : b.state().name().toLowerCase() + (b.lastProblem().isEmpty() ? "" : " (" + b.lastProblem() + ")")));
            return new Report(smpp, redisUp.result(), mysqlUp.result());
        });
    }

    public record Report(Map<String, String> smppBinds, boolean redis, boolean mysql) {

        public boolean ready() {
            return redis && mysql && !smppBinds.isEmpty() && smppBinds.values().stream().allMatch("bound"::equals);
        }

        public JsonObject toJson() {
            JsonObject binds = new JsonObject();
            smppBinds.forEach(binds::put);
            return new JsonObject()
                    .put("status", ready() ? "ready" : "not ready")
                    .put("smpp", binds)
                    .put("redis", redis ? "up" : "down")
                    .put("mysql", mysql ? "up" : "down");
        }
    }
}
