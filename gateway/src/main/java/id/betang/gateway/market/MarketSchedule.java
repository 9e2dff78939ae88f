package id.betang.gateway.market;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import id.betang.gateway.action.Actions;
import id.betang.gateway.action.Outcome;
import id.betang.gateway.ops.Budget;
import id.betang.gateway.registry.ReferenceData;
import id.betang.menus.ActionResult;
import id.betang.menus.MenuRequirements;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

/**
 * The action {@code registry.markets}: the public schedule of cheap staple-food markets in a district.
 * Public information, so no NIK and no audit; cached briefly because everyone in a district asks the same.
 */
public final class MarketSchedule {

    public static final MenuRequirements REQUIRES = MenuRequirements.outcomes("registry.markets", Outcome.OK,
            Outcome.NONE);

    private final Vertx vertx;
    private final ReferenceData reference;
    private final Clock clock;

    public MarketSchedule(Vertx vertx, ReferenceData reference, Clock clock) {
        this.vertx = vertx;
        this.reference = reference;
        this.clock = clock;
    }

    public Future<ActionResult> markets(Map<String, String> params, Actions.Caller caller) {
        String region = params.getOrDefault("region", "");
        LocalDate today = LocalDate.now(clock.withZone(ZoneId.of("Asia/Jakarta")));
        Future<ActionResult> answer = reference.markets(region).compose(days -> reference.regionName(region)
                .otherwise(region)
                .map(name -> {
                    List<Map<String, String>> upcoming = days.stream().filter(d -> !d.date().isBefore(today))
                            .map(d -> Map.of("date", d.date().toString(),
                                    "place", d.place() + d.subdistrict().map(s -> " (" + s + ")").orElse("")))
                            .toList();
                    return upcoming.isEmpty() ? new ActionResult(Outcome.NONE, Map.of("regionName", name))
                            : new ActionResult(Outcome.OK, Map.<String, Object>of("regionName", name, "markets", upcoming));
                }));
        return Budget.race(vertx, caller.remainingMillis(), answer, ActionResult::unavailable, late -> { },
                Future::succeededFuture);
    }
}
