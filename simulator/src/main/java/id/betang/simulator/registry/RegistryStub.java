package id.betang.simulator.registry;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;

/**
 * The province registry as WireMock, one mapping file per behaviour under
 * {@code registry-stub/mappings} (following shared/registry-api.yaml). Loopback only.
 */
public final class RegistryStub implements AutoCloseable {

    public static final String BASE_PATH = "/api/v1";
    private final WireMockServer server;
    private final ComplaintProgress progress = new ComplaintProgress();
    /** While set, the mapping that answers every request 503 (an outage), ahead of all others. */
    private StubMapping outage;

    public RegistryStub(int port) {
        this(port, false);
    }

    /** @param journal keep every request, for tests that count calls (the demo does not, to stay small) */
    public RegistryStub(int port, boolean journal) {
        var options = options().bindAddress("127.0.0.1").port(port).usingFilesUnderClasspath("registry-stub")
                .extensions(progress);
        server = new WireMockServer(journal ? options : options.disableRequestJournal());
    }

    public RegistryStub start() {
        server.start();
        return this;
    }

    public int port() {
        return server.port();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port() + BASE_PATH;
    }

    /** From now on, complaints move on (IN_REVIEW, then RESOLVED) and the gateway's webhook hears of it. */
    public RegistryStub reportComplaintsTo(java.net.URI hook, String webhookSecret, java.time.Duration every) {
        progress.reportTo(hook, webhookSecret, every);
        return this;
    }

    /**
     * An outage: while on, every request is answered 503 with a Retry-After, as a registry behind a load
     * balancer with no healthy backend answers; off, the registry answers as before.
     */
    public synchronized RegistryStub unavailable(boolean on) {
        if (on && outage == null) {
            outage = server.stubFor(any(anyUrl()).atPriority(1).willReturn(aResponse().withStatus(503)
                    .withHeader("Retry-After", "5").withHeader("Content-Type", "application/json")
                    .withBody("{\"error\":\"service unavailable\"}")));
        } else if (!on && outage != null) {
            server.removeStub(outage);
            outage = null;
        }
        return this;
    }

    public WireMockServer server() {
        return server;
    }

    @Override
    public void close() {
        server.stop();
    }
}
