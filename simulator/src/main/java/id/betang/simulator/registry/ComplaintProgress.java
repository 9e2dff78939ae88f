package id.betang.simulator.registry;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.github.tomakehurst.wiremock.extension.Parameters;
import com.github.tomakehurst.wiremock.extension.ServeEventListener;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;

import io.vertx.core.json.JsonObject;

/**
 * Makes the stub registry work on complaints as the real one would, so the demo shows SMS updates: after a
 * complaint is accepted (201), it moves to IN_REVIEW and then RESOLVED, each step reported to the gateway's
 * webhook, signed as registry-api.yaml says (HMAC-SHA256 of "timestamp.body"). Off until {@link #reportTo}.
 */
public final class ComplaintProgress implements ServeEventListener {

    private static final Logger LOG = LoggerFactory.getLogger(ComplaintProgress.class);

    /** One step of the story, and the note the complainant reads. */
    private record Step(String status, String note) {
    }

    private static final List<Step> STORY = List.of(
            new Step("IN_REVIEW", "Petugas dinas sosial sedang memeriksa pengaduan Anda."),
            new Step("RESOLVED", "Sudah ditindaklanjuti. Terima kasih atas laporannya."));

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "registry-stub-webhooks");
        t.setDaemon(true);
        return t;
    });
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private volatile URI hook;
    private volatile String secret;
    private volatile Duration every = Duration.ofSeconds(5);

    @Override
    public String getName() {
        return "complaint-progress";
    }

    /** Starts reporting to the gateway's {@code /hooks/complaints}, a step every {@code every}. */
    public void reportTo(URI hook, String secret, Duration every) {
        this.hook = hook;
        this.secret = secret;
        this.every = every;
    }

    @Override
    public void afterComplete(ServeEvent event, Parameters parameters) {
        if (hook == null || !event.getRequest().getUrl().startsWith(RegistryStub.BASE_PATH + "/complaints")
                || !"POST".equals(event.getRequest().getMethod().getName()) || event.getResponse().getStatus() != 201) {
            return;
        }
        String ticket = event.getRequest().getHeader("Idempotency-Key");
        for (int i = 0; i < STORY.size(); i++) {
            Step step = STORY.get(i);
            timer.schedule(() -> report(ticket, step), every.toMillis() * (i + 1), TimeUnit.MILLISECONDS);
        }
    }

    private void report(String ticket, Step step) {
        String body = new JsonObject().put("eventId", ticket + "-" + step.status()).put("ticketId", ticket)
                .put("status", step.status()).put("note", step.note())
                .put("updatedAt", OffsetDateTime.now(ZoneOffset.ofHours(7)).toString()).encode();
        String timestamp = String.valueOf(System.currentTimeMillis() / 1000);
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            String signature = HexFormat.of().formatHex(mac.doFinal((timestamp + "." + body).getBytes(StandardCharsets.UTF_8)));
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(hook).timeout(Duration.ofSeconds(5))
                    .header("Content-Type", "application/json").header("X-Timestamp", timestamp)
                    .header("X-Signature", "sha256=" + signature)
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            LOG.info("registry stub: complaint {} is {} (webhook answered {})", ticket, step.status(), response.statusCode());
        } catch (Exception e) {
            LOG.warn("registry stub: webhook for {} failed: {}", ticket, e.toString());
        }
    }
}
