package id.betang.gateway.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import id.betang.gateway.config.GatewayConfig;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;

/** The server closes a silent connection after the idle timeout, and closes connections beyond the cap. */
class HttpEdgeTest {

    private Vertx vertx;

    @BeforeEach
    void start() {
        vertx = Vertx.vertx();
    }

    @AfterEach
    void stop() throws Exception {
        vertx.close().await(10, TimeUnit.SECONDS);
    }

    private int serve(int maxConnections, Duration idle) throws Exception {
        HttpServer server = HttpEdge.server(vertx, new GatewayConfig.Http(0, maxConnections, idle))
                .requestHandler(request -> request.response().end("ok"))
                .listen(0, "127.0.0.1").await(10, TimeUnit.SECONDS);
        return server.actualPort();
    }

    /** A keep-alive connection that has been served once (so the server has counted it). */
    private static Socket served(int port) throws IOException {
        Socket socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(30_000);
        OutputStream out = socket.getOutputStream();
        out.write("GET / HTTP/1.1\r\nHost: gateway\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
        String status = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII))
                .readLine();
        assertEquals("HTTP/1.1 200 OK", status);
        return socket;
    }

    /** True once the server has closed its end; waits at most the socket timeout (30 s) for it. */
    private static boolean closedByServer(Socket socket) throws IOException {
        socket.setSoTimeout(30_000);
        try {
            while (true) {
                if (socket.getInputStream().read() == -1) {
                    return true;
                }
            }
        } catch (SocketException reset) {
            return true;
        }
    }

    @Test
    void aSilentConnectionIsClosedAfterTheIdleTimeout() throws Exception {
        int port = serve(10, Duration.ofSeconds(1));
        try (Socket silent = new Socket("127.0.0.1", port)) {
            assertTrue(closedByServer(silent), "a client that sends nothing does not hold a socket for ever");
        }
    }

    @Test
    void connectionsBeyondTheCapAreClosedAndAFreedSlotServesAgain() throws Exception {
        int port = serve(2, Duration.ofSeconds(300));
        try (Socket first = served(port); Socket second = served(port); Socket third = new Socket("127.0.0.1", port)) {
            assertTrue(closedByServer(third), "the third connection is over the cap of 2");
            first.close();
            // the server counts the freed slot when it sees the close, which takes a moment
            Awaitility.await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> {
                try (Socket again = served(port)) {
                    return true;
                }
            });
        }
    }
}
