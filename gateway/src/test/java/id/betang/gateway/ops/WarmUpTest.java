package id.betang.gateway.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;

/** /ready stays 503 until the warm-up is done, and a warm-up whose every part fails still ends (start-up goes on). */
class WarmUpTest {

    private Vertx vertx;
    private HttpServer server;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() {
        vertx = Vertx.vertx();
    }

    @AfterEach
    void stop() throws Exception {
        vertx.close().await(10, TimeUnit.SECONDS);
    }

    private WarmUp serve(WarmUp warmUp) throws Exception {
        Router router = Router.router(vertx);
        warmUp.gate(router);
        router.get("/ready").handler(ctx -> ctx.end("{\"status\":\"ready\"}"));
        server = vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1").await(10, TimeUnit.SECONDS);
        return warmUp;
    }

    private HttpResponse<String> ready() throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.actualPort() + "/ready"))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void readyAnswers503UntilWarmThenTheReadinessCheckAnswers() throws Exception {
        // no dialogue and no stores at all: every part fails, which must never stop the gateway from starting
        WarmUp warmUp = serve(new WarmUp(vertx, null, null, null, null, null));
        HttpResponse<String> before = ready();
        assertEquals(503, before.statusCode());
        assertTrue(before.body().contains("\"warmUp\":\"in progress\""), before.body());

        warmUp.start().await(30, TimeUnit.SECONDS);

        assertTrue(warmUp.done());
        HttpResponse<String> after = ready();
        assertEquals(200, after.statusCode(), after.body());
        assertEquals("{\"status\":\"ready\"}", after.body());
    }
}
