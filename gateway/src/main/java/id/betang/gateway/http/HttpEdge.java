package id.betang.gateway.http;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
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
                // no HTTP/2 over clear text: else a connection is only handed to us (and counted) once its
                // first bytes show which protocol it speaks, and a client that never sends is never counted
                .setHttp2ClearTextEnabled(false)
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
        private final AtomicBoolean full = new AtomicBoolean();

        ConnectionCap(int max) {
            this.max = max;
        }

        void admit(HttpConnection connection) {
            int now = open.incrementAndGet();
            connection.closeHandler(v -> open.decrementAndGet());
            if (now <= max) {
                full.set(false);
                return;
            }
            // once per flood, not once per refused connection
            if (full.compareAndSet(false, true)) {
                LOG.warn("HTTP connections refused: {} open, the cap (BETANG_HTTP_MAX_CONNECTIONS) is {}", now - 1, max);
            }
            connection.close();
        }
    }
}
