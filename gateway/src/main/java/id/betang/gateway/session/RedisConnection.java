package id.betang.gateway.session;

import java.io.File;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import id.betang.gateway.config.GatewayConfig;
import id.betang.gateway.ops.CallerContext;
import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.SslOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.ClusterTopologyRefreshOptions;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import io.lettuce.core.cluster.models.partitions.RedisClusterNode;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.lettuce.core.resource.Delay;
import io.vertx.core.Future;

/**
 * One shared Lettuce connection to a standalone server, to the primary Sentinel names, or to a Redis Cluster.
 * Everything else sees only {@link RedisClusterAsyncCommands}, the command set both kinds of connection share:
 * it has no MULTI, so nothing can open a transaction a cluster would refuse, and every key a script or a
 * multi-key command touches together carries one hash tag ({@code {…}}), so a cluster finds them in one slot.
 *
 * <p>Commands are rejected at once while Redis is away (instead of queuing until it returns), so a USSD step
 * answers "busy" within its budget; Lettuce reconnects by itself, trying at least every 2 s. Through Sentinel
 * each reconnection asks the sentinels where the primary is now, so a promoted replica is found on the next
 * attempt. On a cluster the slot map is refreshed every 15 s and at once on a sign of change (MOVED, ASK,
 * repeated reconnects to a node, a slot with no node), so a failover costs the keys of the lost master a few
 * seconds of "busy", not a hang.
 */
public final class RedisConnection implements AutoCloseable {

    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    private final ClientResources resources;
    private final AbstractRedisClient client;
    private final StatefulConnection<String, String> connection;
    private final RedisClusterAsyncCommands<String, String> commands;
    private final RedisClusterCommands<String, String> sync;
    private final Supplier<CompletionStage<Boolean>> pong;

    private RedisConnection(ClientResources resources, AbstractRedisClient client, StatefulRedisConnection<String, String> single) {
        this.resources = resources;
        this.client = client;
        this.connection = single;
        this.commands = single.async();
        this.sync = single.sync();
        this.pong = () -> commands.ping().thenApply("PONG"::equals);
    }

    private RedisConnection(ClientResources resources, AbstractRedisClient client,
                            StatefulRedisClusterConnection<String, String> cluster) {
        this.resources = resources;
        this.client = client;
        this.connection = cluster;
        this.commands = cluster.async();
        this.sync = cluster.sync();
        this.pong = () -> everyMaster(cluster);
    }

    /**
     * PING to every master that serves slots, as this connection's slot map knows them: the cluster answers for
     * every key only when each of them does. Asynchronous throughout (a node selection would build a proxy).
     */
    private static CompletionStage<Boolean> everyMaster(StatefulRedisClusterConnection<String, String> cluster) {
        List<CompletableFuture<Boolean>> answers = cluster.getPartitions().stream()
                .filter(node -> node.is(RedisClusterNode.NodeFlag.UPSTREAM) && !node.getSlots().isEmpty())
                .map(node -> cluster.getConnectionAsync(node.getNodeId())
                        .thenCompose(master -> master.async().ping())
                        .thenApply("PONG"::equals).toCompletableFuture())
                .toList();
        return CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new))
                .thenApply(all -> !answers.isEmpty() && answers.stream().allMatch(CompletableFuture::join));
    }

    /**
     * Standalone {@code redis://[user:password@]host:port/db} or {@code rediss://…} for TLS (Lettuce reads both,
     * and {@code ?verifyPeer=NONE|CA|FULL}); Sentinel {@code redis-sentinel://[password@]host:port,…/db#primary}
     * (or {@code rediss-sentinel://}); a cluster from its seed nodes. Servers' certificates are checked against
     * {@code caFile} when one is set, else against the JVM's trust store.
     */
    public static RedisConnection open(GatewayConfig.Redis config) {
        ClientResources resources = DefaultClientResources.builder()
                .reconnectDelay(Delay.exponential(Duration.ofMillis(10), TIMEOUT, 2, TimeUnit.MILLISECONDS))
                .build();
        try {
            return config.mode() == GatewayConfig.Redis.Mode.CLUSTER ? cluster(config, resources)
                    : single(config, resources);
        } catch (RuntimeException e) {
            resources.shutdown(0, 2, TimeUnit.SECONDS);
            throw e;
        }
    }

    private static RedisConnection single(GatewayConfig.Redis config, ClientResources resources) {
        RedisClient client = RedisClient.create(resources, uri(config.nodes().get(0)));
        client.setOptions(common(ClientOptions.builder(), config).build());
        try {
            return new RedisConnection(resources, client, client.connect());
        } catch (RuntimeException e) {
            client.shutdown(Duration.ZERO, TIMEOUT);
            throw e;
        }
    }

    private static RedisConnection cluster(GatewayConfig.Redis config, ClientResources resources) {
        List<RedisURI> seeds = config.nodes().stream().map(RedisConnection::uri).toList();
        RedisClusterClient client = RedisClusterClient.create(resources, seeds);
        ClusterClientOptions.Builder options = ClusterClientOptions.builder()
                .topologyRefreshOptions(ClusterTopologyRefreshOptions.builder()
                        .enablePeriodicRefresh(Duration.ofSeconds(15))
                        .enableAllAdaptiveRefreshTriggers()
                        .adaptiveRefreshTriggersTimeout(Duration.ofSeconds(3))
                        .refreshTriggersReconnectAttempts(3)
                        .build());
        common(options, config);
        client.setOptions(options.build());
        try {
            return new RedisConnection(resources, client, client.connect());
        } catch (RuntimeException e) {
            client.shutdown(Duration.ZERO, TIMEOUT);
            throw e;
        }
    }

    private static RedisURI uri(URI url) {
        RedisURI uri = RedisURI.create(url.toString());
        uri.setTimeout(TIMEOUT);
        return uri;
    }

    /** What every mode shares: TLS trust, reconnecting, rejecting while disconnected, short timeouts. */
    private static <B extends ClientOptions.Builder> B common(B options, GatewayConfig.Redis config) {
        if (!config.caFile().isEmpty()) {
            options.sslOptions(SslOptions.builder().jdkSslProvider().trustManager(new File(config.caFile())).build());
        }
        options.autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .socketOptions(SocketOptions.builder().connectTimeout(TIMEOUT).build())
                .timeoutOptions(TimeoutOptions.enabled(TIMEOUT));
        return options;
    }

    /** The one command interface of the gateway's Redis users, whatever the mode. */
    public RedisClusterAsyncCommands<String, String> commands() {
        return commands;
    }

    /** Blocking commands, for tests and tools (on a cluster, KEYS asks every master). */
    public RedisClusterCommands<String, String> sync() {
        return sync;
    }

    /** PING with a short deadline: what /ready reports. */
    public Future<Boolean> ping() {
        return CallerContext.future(pong.get().toCompletableFuture()
                        .orTimeout(1, java.util.concurrent.TimeUnit.SECONDS))
                .otherwise(false);
    }

    @Override
    public void close() {
        connection.close();
        client.shutdown(Duration.ZERO, TIMEOUT);
        resources.shutdown(0, 2, TimeUnit.SECONDS);
    }
}
