package id.betang.simulator.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import id.betang.gateway.testing.TestStorage;

/**
 * Bulk SMS as the registry sends it: batches of up to 1,000 BROADCAST notifications through
 * {@code POST /api/v1/notifications}, a few batches at a time; the outbox table says how many went out.
 */
final class BulkSms {

    static final String CATEGORY = "BROADCAST";
    private static final int RECIPIENTS = 5_000;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private BulkSms() {
    }

    /** Queues {@code total} SMS in batches; returns how many the API answered 202 for. */
    static int queue(int httpPort, String token, int total, int batch, int concurrent) throws Exception {
        ExecutorService posters = Executors.newFixedThreadPool(concurrent);
        AtomicInteger queued = new AtomicInteger();
        try {
            List<Future<?>> posted = new java.util.ArrayList<>();
            for (int from = 0; from < total; from += batch) {
                int first = from;
                int n = Math.min(batch, total - from);
                posted.add(posters.submit(() -> {
                    try {
                        if (post(httpPort, token, body(first, n)).statusCode() == 202) {
                            queued.addAndGet(n);
                        }
                    } catch (IOException e) {
                        // not queued: the count says so (a gateway that drops the connection under load)
                    }
                    return null;
                }));
            }
            for (Future<?> f : posted) {
                f.get();
            }
            return queued.get();
        } finally {
            posters.shutdownNow();
        }
    }

    /** Bulk SMS the outbox has handed to the SMSC (accepted, a message id recorded). */
    static long sent(String mysqlUrl) throws java.sql.SQLException {
        return Long.parseLong(TestStorage.row(mysqlUrl,
                "SELECT COUNT(*) FROM outbox_sms WHERE category = ? AND sent_at IS NOT NULL",
                "notify-" + CATEGORY.toLowerCase(java.util.Locale.ROOT)).get(0)); // as the API files them
    }

    private static String body(int first, int n) {
        JsonArray items = new JsonArray();
        for (int i = first; i < first + n; i++) {
            items.add(new JsonObject().put("msisdn", "62813%08d".formatted(i % RECIPIENTS))
                    .put("text", "Info pasar murah minggu ini di kelurahan Anda, pesan " + i).put("category", CATEGORY));
        }
        return new JsonObject().put("notifications", items).encode();
    }

    private static HttpResponse<String> post(int httpPort, String token, String body) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/api/v1/notifications"))
                .timeout(Duration.ofSeconds(60)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
