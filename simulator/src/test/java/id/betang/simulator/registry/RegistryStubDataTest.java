package id.betang.simulator.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import id.betang.simulator.Ports;
import id.betang.simulator.demo.SampleData;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** The demo's registry stub covers what operators need to try: every district, programme and status. */
class RegistryStubDataTest {

    static RegistryStub stub;
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        stub = new RegistryStub(Ports.free()).start();
    }

    @AfterAll
    static void stop() {
        stub.close();
    }

    static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(stub.baseUrl() + path))
                .header("Authorization", "Bearer demo").build(), HttpResponse.BodyHandlers.ofString());
    }

    static void collect(String nik, Set<String> programmes, Set<String> statuses) throws Exception {
        new JsonObject(get("/residents/" + nik + "/benefits").body()).getJsonArray("benefits").forEach(b -> {
            programmes.add(((JsonObject) b).getString("program"));
            statuses.add(((JsonObject) b).getString("status"));
        });
    }

    @Test
    void everyDistrictHasAMarketSchedule() throws Exception {
        JsonArray regions = new JsonArray(get("/regions").body());
        assertEquals(14, regions.size());
        for (Object r : regions) {
            String code = ((JsonObject) r).getString("code");
            assertFalse(new JsonArray(get("/market-schedules?region=" + code).body()).isEmpty(), "market days in " + code);
        }
    }

    @Test
    void theSampleResidentsCoverEveryProgrammeAndStatus() throws Exception {
        Set<String> programmes = new HashSet<>();
        Set<String> statuses = new HashSet<>();
        int residents = 0;
        for (SampleData.Sample s : SampleData.SAMPLES) {
            if (s.nik().isEmpty() || get("/residents/" + s.nik()).statusCode() == 404) {
                continue; // the agent, and the one who is not in the registry
            }
            residents++;
            collect(s.nik(), programmes, statuses);
            JsonObject resident = new JsonObject(get("/residents/" + s.nik()).body());
            assertTrue(resident.getJsonArray("msisdns").contains(s.msisdn()), s.who());
        }
        for (String nik : List.of("6202024505880003", "6206015012920002", "6205010303800005", "6212010101700003",
                "6207011210650002", "6209015505950001", "6210012020600006")) {
            residents++;
            collect(nik, programmes, statuses);
        }
        assertTrue(residents >= 12, "a dozen residents: " + residents);
        assertEquals(Set.of("ACTIVE", "PENDING_VERIFICATION", "SUSPENDED", "ENDED", "NOT_ENROLLED"), statuses);
        assertEquals(12, programmes.size(), programmes.toString());
        assertEquals(2, new JsonObject(get("/residents/6206015012920002").body()).getJsonArray("msisdns").size(),
                "a household with several phones");
        assertEquals(404, get("/residents/6207011508950001").statusCode(), "someone not in the registry");
        assertEquals(200, get("/agents/6281199990000").statusCode(), "an agent");
    }
}
