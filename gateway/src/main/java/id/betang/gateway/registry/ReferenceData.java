package id.betang.gateway.registry;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import com.github.benmanes.caffeine.cache.AsyncLoadingCache;
import com.github.benmanes.caffeine.cache.Caffeine;

import id.betang.gateway.ops.CallerContext;
import io.vertx.core.Future;

/**
 * The registry's slow-changing answers, cached for a few minutes: district names, public market schedules
 * and who is a social worker. Thousands of dialogues a minute ask the same few questions; the registry
 * should hear them once. Failures are not cached (Caffeine drops a failed load), "not an agent" is.
 */
public final class ReferenceData {

    private static final String ALL = "all";

    private final AsyncLoadingCache<String, Map<String, String>> regions;
    private final AsyncLoadingCache<String, List<Registry.MarketDay>> markets;
    private final AsyncLoadingCache<String, Optional<Registry.Agent>> agents;

    public ReferenceData(RegistryClient registry, Duration lifetime) {
        regions = Caffeine.newBuilder().expireAfterWrite(lifetime).maximumSize(1)
                .buildAsync((key, executor) -> registry.regions()
                        .map(list -> list.stream().collect(Collectors.toUnmodifiableMap(Registry.Region::code,
                                Registry.Region::name, (a, b) -> a)))
                        .toCompletionStage().toCompletableFuture());
        markets = Caffeine.newBuilder().expireAfterWrite(lifetime).maximumSize(100)
                .buildAsync((region, executor) -> registry.marketSchedules(region)
                        .toCompletionStage().toCompletableFuture());
        agents = Caffeine.newBuilder().expireAfterWrite(lifetime).maximumSize(100_000)
                .buildAsync((msisdn, executor) -> registry.agent(msisdn)
                        .map(Optional::of)
                        .recover(e -> RegistryProblem.isNotFound(e) ? Future.succeededFuture(Optional.empty())
                                : Future.failedFuture(e))
                        .toCompletionStage().toCompletableFuture());
    }

    /** District name by BPS code; the code itself when the registry does not know it. */
    public Future<String> regionName(String code) {
        return CallerContext.future(regions.get(ALL)).map(names -> names.getOrDefault(code, code));
    }

    public Future<List<Registry.MarketDay>> markets(String region) {
        return CallerContext.future(markets.get(region));
    }

    /** The social worker this phone belongs to, if it is one. */
    public Future<Optional<Registry.Agent>> agent(String msisdn) {
        return CallerContext.future(agents.get(msisdn));
    }
}
