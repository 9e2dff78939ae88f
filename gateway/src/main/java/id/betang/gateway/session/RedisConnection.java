package id.betang.gateway.session;

import java.io.File;
import java.time.Duration;

import id.betang.gateway.config.GatewayConfig;
import id.betang.gateway.ops.CallerContext;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.SslOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.vertx.core.Future;

/**
 * One shared Lettuce connection. Commands are rejected at once while Redis is away (instead of queuing
 * until it returns), so a USSD step answers "busy" within its budget; Lettuce reconnects by itself.
 */
public final class RedisConnection implements AutoCloseable {

    private final RedisClient client;
    private final StatefulRedisConnection<String, String> connection;

    private RedisConnection(RedisClient client, StatefulRedisConnection<String, String> connection) {
        this.client = client;
        this.connection = connection;
    }

    /**
     * {@code redis://[user:password@]host:port/db}, or {@code rediss://…} for TLS (Lettuce reads both, and
     * {@code ?verifyPeer=NONE|CA|FULL}); the server's certificate is checked against {@code caFile} when one is
     * set, else against the JVM's trust store.
     */
    public static RedisConnection open(GatewayConfig.Redis config) {
        RedisURI uri = RedisURI.create(config.url());
        uri.setTimeout(Duration.ofSeconds(2));
        RedisClient client = RedisClient.create(uri);
        ClientOptions.Builder options = ClientOptions.builder();
        if (!config.caFile().isEmpty()) {
            options.sslOptions(SslOptions.builder().jdkSslProvider().trustManager(new File(config.caFile())).build());
        }
        client.setOptions(options
                .autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .socketOptions(SocketOptions.builder().connectTimeout(Duration.ofSeconds(2)).build())
                .timeoutOptions(TimeoutOptions.enabled(Duration.ofSeconds(2)))
                .build());
        try {
            return new RedisConnection(client, client.connect());
        } catch (RuntimeException e) {
            client.shutdown();
            throw e;
        }
    }

    public StatefulRedisConnection<String, String> connection() {
        return connection;
    }

    /** PING with a short deadline: what /ready reports. */
    public Future<Boolean> ping() {
        return CallerContext.future(connection.async().ping().toCompletableFuture()
                        .orTimeout(1, java.util.concurrent.TimeUnit.SECONDS))
                .map("PONG"::equals)
                .otherwise(false);
    }

    @Override
    public void close() {
        connection.close();
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    }
}
