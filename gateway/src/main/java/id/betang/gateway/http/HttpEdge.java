package id.betang.gateway.http;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import id.betang.gateway.config.GatewayConfig;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;

/**
 * The HTTP server as the outside world meets it: idle connections closed after {@code BETANG_HTTP_IDLE_SECONDS},
 * at most {@code BETANG_HTTP_MAX_CONNECTIONS} open at once (one beyond is closed as it arrives, so a flood of
 * slow clients cannot hold every socket), small request lines and headers. Every route that reads a
 * body caps it with its own {@code BodyHandler} limit (413 beyond): the USSD adapter 4 KiB, the complaint webhook
 * 64 KiB, the notifications API 2 MiB (1,000 items).
 */
public final class HttpEdge {

    private static final Logger LOG = LoggerFactory.getLogger(HttpEdge.class);

    private HttpEdge() {
    }

    public static HttpServer server(Vertx vertx, GatewayConfig.Http http) {
        HttpServerOptions options = new HttpServerOptions()
                .setIdleTimeout((int) http.idleTimeout().toSeconds())
                .setIdleTimeoutUnit(TimeUnit.SECONDS)
                .setMaxInitialLineLength(4096)
                .setMaxHeaderSize(8192);
        HttpServer server = vertx.createHttpServer(options);
        ConnectionCap cap = new ConnectionCap(http.maxConnections());
        return server.connectionHandler(cap::admit);
    }

    /** Counts open connections; the one past the cap is closed at once. */
    static final class ConnectionCap {

        private final int max;
        private final AtomicInteger open = new AtomicInteger();

        ConnectionCap(int max) {
            this.max = max;
        }

        void admit(HttpConnection connection) {
            int now = open.incrementAndGet();
            connection.closeHandler(v -> open.decrementAndGet());
            if (now > max) {
                LOG.warn("HTTP connection refused: {} open, the cap (BETANG_HTTP_MAX_CONNECTIONS) is {}", now - 1, max);
                connection.close();
            }
        }
    }
}
