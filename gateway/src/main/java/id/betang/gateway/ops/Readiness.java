package id.betang.gateway.ops;

import java.util.Map;
import java.util.function.Supplier;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

/**
 * Is this instance ready to serve? Every SMPP bind up, Redis answering PING, MySQL answering a query.
 * Each is reported by name so an operator sees which one is missing, beside the menu version serving new dials.
 */
public final class Readiness {

    /** The SMSC links by name, each {@link #BOUND} or a short account of why not. */
    @FunctionalInterface
    public interface Links {
        Map<String, String> states();
    }

    public static final String BOUND = "bound";

    /** The menu version serving new dialogues: {@code bundled} or {@code v3}, and its checksum. */
    public record Menu(String version, String checksum) { }

    private final Links binds;
    private final Supplier<Future<Boolean>> redis;
    private final Supplier<Future<Boolean>> mysql;
    private final Supplier<Menu> menu;

    public Readiness(Links binds, Supplier<Future<Boolean>> redis, Supplier<Future<Boolean>> mysql,
                     Supplier<Menu> menu) {
        this.binds = binds;
        this.redis = redis;
        this.mysql = mysql;
        this.menu = menu;
    }

    public Future<Report> check() {
        Future<Boolean> redisUp = redis.get().otherwise(false);
        Future<Boolean> mysqlUp = mysql.get().otherwise(false);
        return Future.all(redisUp, mysqlUp).map(all -> new Report(binds.states(), redisUp.result(), mysqlUp.result(),
                menu.get()));
    }

    public record Report(Map<String, String> smppBinds, boolean redis, boolean mysql, Menu menu) {

        public boolean ready() {
            return redis && mysql && !smppBinds.isEmpty() && smppBinds.values().stream().allMatch(BOUND::equals);
        }

        public JsonObject toJson() {
            JsonObject binds = new JsonObject();
            smppBinds.forEach(binds::put);
            return new JsonObject()
                    .put("status", ready() ? "ready" : "not ready")
                    .put("smpp", binds)
                    .put("redis", redis ? "up" : "down")
                    .put("mysql", mysql ? "up" : "down")
                    .put("menu", new JsonObject().put("version", menu.version()).put("checksum", menu.checksum()));
        }
    }
}
