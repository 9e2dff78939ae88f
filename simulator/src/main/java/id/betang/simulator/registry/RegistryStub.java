package id.betang.simulator.registry;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;

/**
 * The province registry as WireMock, one mapping file per behaviour under
 * {@code registry-stub/mappings} (following shared/registry-api.yaml). Loopback only.
 */
public final class RegistryStub implements AutoCloseable {

    public static final String BASE_PATH = "/api/v1";
    private final WireMockServer server;
    private final ComplaintProgress progress = new ComplaintProgress();

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

    public WireMockServer server() {
        return server;
    }

    @Override
    public void close() {
        server.stop();
    }
}
