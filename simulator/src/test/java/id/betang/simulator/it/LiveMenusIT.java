package id.betang.simulator.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import id.betang.gateway.Gateway;
import id.betang.gateway.MenuContract;
import id.betang.gateway.menu.MenuVersion;
import id.betang.gateway.testing.TestStorage;
import id.betang.simulator.smsc.SmscSimulator;
import io.vertx.core.json.JsonObject;

/**
 * Menus changed while two gateways on one MySQL and one Redis keep serving: a published version takes over new
 * dials on both (the other by its poll), a dialogue under way finishes on the version it began on, a broken menu is
 * refused with lint's findings and changes nothing, a rollback goes back one version, and /ready, the metric and
 * the admin overview name the version serving.
 */
class LiveMenusIT {

    private static final String BUNDLED = MenuContract.text(Gateway.MENU);
    private static final String TITLE = "Kartu Huma Betang Sejahtera";
    private static final String BYE = "Terima kasih. Sampai jumpa.";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    static SmscSimulator smsc;
    static String mysqlUrl;
    static Map<String, String> env;
    static InProcessGateway one;
    static InProcessGateway two;

    @BeforeAll
    static void start() throws Exception {
        smsc = new SmscSimulator(SmscSimulator.Options.defaults(GatewayProcess.freePort())).start();
        mysqlUrl = TestStorage.freshDatabase("live_menus");
        env = InProcessGateway.env(smsc.port(), mysqlUrl, TestStorage.freshRedisPrefix("live-menus"));
        one = InProcessGateway.start(env);
        two = InProcessGateway.start(env);
    }

    @AfterAll
    static void stop() throws Exception {
        for (AutoCloseable c : new AutoCloseable[] {one, two, smsc}) {
            if (c != null) {
                c.close();
            }
        }
        if (mysqlUrl != null) {
            TestStorage.dropDatabase(mysqlUrl);
        }
    }

    /** The bundled menu with another title, goodbye and help SMS: what a helpdesk's edit looks like. */
    private static String edited(String mark) {
        String yaml = BUNDLED.replace("text: \"" + TITLE + "\"", "text: \"" + TITLE + " " + mark + "\"")
                .replace(BYE, "Terima kasih " + mark + ".")
                .replace("\"Kartu Huma Betang: ", "\"Kartu Huma Betang " + mark + ": ");
        assertTrue(!yaml.equals(BUNDLED));
        return yaml;
    }

    @Test
    void aPublishedMenuServesNewDialsOnBothInstancesWhileDialoguesUnderWayFinishOnTheirs() throws Exception {
        rollBackToBundled();
        // a dialogue begins on the bundled menu, on the first instance
        assertEquals("CON " + TITLE, firstLine(step(one, "old-1", "6281200007001", "")));

        HttpResponse<String> published = admin(one, "/api/v1/admin/menus", edited("Baru"));
        assertEquals(200, published.statusCode(), published.body());
        JsonObject body = new JsonObject(published.body());
        String checksum = body.getString("checksum");
        assertEquals("published", body.getString("outcome"));
        assertTrue(checksum.startsWith("sha256:") && !checksum.equals(MenuVersion.checksum(BUNDLED)), checksum);

        // a new dial gets the new text at once on the publishing instance, and on the other after its poll
        assertEquals("CON " + TITLE + " Baru", firstLine(step(one, "new-1", "6281200007002", "")));
        Awaitility.await("the second instance follows").atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200)).until(() -> checksumOf(two).equals(checksum));
        assertEquals("CON " + TITLE + " Baru", firstLine(step(two, "new-2", "6281200007003", "")));

        // the dialogue begun before finishes on the old version, on whichever instance its next step lands
        assertEquals("END " + BYE, step(two, "old-1", "6281200007001", "0").body());
        // and one begun on the new version ends with the new goodbye
        assertEquals("END Terima kasih Baru.", step(one, "new-2", "6281200007003", "0").body());
        // the SMS the menu words change with it: HELP answers from the published version, whichever instance
        var phone = smsc.phone("6281200007009");
        phone.sendSms("7777", "HELP").get();
        assertTrue(phone.awaitSms(Duration.ofSeconds(60)).text().startsWith("Kartu Huma Betang Baru: "));

        // which version serves: /ready (with the token), the metric, the admin overview
        // (after the warm-up, which /ready waits for)
        Awaitility.await("ready's details").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> get(two, "/ready", GatewayProcess.API_TOKEN).body().contains("\"menu\""));
        JsonObject ready = new JsonObject(get(two, "/ready", GatewayProcess.API_TOKEN).body());
        assertEquals(checksum, ready.getJsonObject("menu").getString("checksum"), ready.encode());
        assertEquals(body.getString("version"), ready.getJsonObject("menu").getString("version"));
        String metrics = get(two, "/metrics", null).body();
        List<String> info = metrics.lines().filter(l -> l.startsWith("betang_menu_info{")).toList();
        assertEquals(List.of("betang_menu_info{checksum=\"" + checksum + "\",version=\"" + body.getString("version")
                + "\"} 1"), info.stream().map(l -> l.replaceAll(" 1\\.0$", " 1")).toList(), "one version at a time");
        String overview = get(two, "/api/v1/admin/overview", GatewayProcess.API_TOKEN).body();
        assertTrue(new JsonObject(overview).getString("menuVersion").startsWith(checksum), overview);
    }

    @Test
    void aBrokenMenuIsRefusedWithLintsFindingsAndTheServingOneStays() throws Exception {
        rollBackToBundled();
        String serving = checksumOf(one);
        String broken = edited("Rusak").replace("next: complaint.category }", "next: complaint.nowhere }");
        HttpResponse<String> refused = admin(one, "/api/v1/admin/menus", broken);
        assertEquals(422, refused.statusCode(), refused.body());
        JsonObject body = new JsonObject(refused.body());
        assertEquals("refused", body.getString("outcome"));
        assertEquals(serving, body.getString("checksum"), "the serving version is named");
        assertTrue(body.getJsonArray("errors").stream().map(String::valueOf)
                .anyMatch(e -> e.startsWith("menu.yaml:") && e.contains("complaint.nowhere")), body.encode());

        HttpResponse<String> notYaml = admin(one, "/api/v1/admin/menus", "menu: [unclosed");
        assertEquals(422, notYaml.statusCode(), notYaml.body());
        assertTrue(notYaml.body().contains("not valid YAML"), notYaml.body());

        assertEquals(serving, checksumOf(one));
        assertEquals("CON " + TITLE, firstLine(step(one, "after-broken", "6281200007010", "")));
        assertEquals("0", TestStorage.row(mysqlUrl, "SELECT COUNT(*) FROM menu_version WHERE checksum = ?",
                MenuVersion.checksum(broken)).get(0), "a refused menu is not stored");
    }

    @Test
    void rollbackGoesBackOneVersionOnEveryInstanceAndAKeptDialogueStillFinishes() throws Exception {
        rollBackToBundled();
        assertEquals(200, admin(one, "/api/v1/admin/menus", edited("Satu")).statusCode());
        HttpResponse<String> second = admin(one, "/api/v1/admin/menus", edited("Dua"));
        assertEquals(200, second.statusCode(), second.body());
        assertEquals("CON " + TITLE + " Dua", firstLine(step(one, "dua-1", "6281200007020", "")));

        HttpResponse<String> back = admin(two, "/api/v1/admin/menus/rollback", "");
        assertEquals(200, back.statusCode(), back.body());
        String satu = new JsonObject(back.body()).getString("checksum");
        assertEquals(satu, checksumOf(two), "the instance asked switches at once");
        assertEquals("CON " + TITLE + " Satu", firstLine(step(two, "satu-1", "6281200007021", "")));
        Awaitility.await("the other instance follows the rollback").atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200)).until(() -> checksumOf(one).equals(satu));
        assertEquals("CON " + TITLE + " Satu", firstLine(step(one, "satu-2", "6281200007022", "")));
        // the dialogue begun on the version rolled back from still ends on it
        assertEquals("END Terima kasih Dua.", step(one, "dua-1", "6281200007020", "0").body());

        // back to the bundled menu, and then there is nothing more to roll back
        rollBackToBundled();
        assertEquals("CON " + TITLE, firstLine(step(one, "bundled-1", "6281200007023", "")));
        HttpResponse<String> nothing = admin(one, "/api/v1/admin/menus/rollback", "");
        assertEquals(409, nothing.statusCode(), nothing.body());
        assertTrue(TestStorage.row(mysqlUrl, "SELECT COUNT(*) FROM operator_action WHERE action = ?",
                "menu.rollback").get(0).compareTo("1") >= 0, "rollbacks are audited");
    }

    @Test
    void aDialogueWhoseVersionIsNoLongerKeptStartsOverOnTheServingOne() throws Exception {
        rollBackToBundled();
        assertEquals(200, admin(one, "/api/v1/admin/menus", edited("A")).statusCode());
        assertEquals("CON " + TITLE + " A", firstLine(step(one, "gone-1", "6281200007030", "")));
        for (String mark : new String[] {"B", "C", "D"}) {
            assertEquals(200, admin(one, "/api/v1/admin/menus", edited(mark)).statusCode());
        }
        // version A's engine is gone: the dialogue is rebuilt from its transcript on D, as a dial of *777*0#
        HttpResponse<String> over = step(one, "gone-1", "6281200007030", "0");
        assertEquals("END Terima kasih D.", over.body());
    }

    // --- helpers

    /** Each test starts from the bundled menu, whatever the one before left active. */
    private static void rollBackToBundled() throws Exception {
        for (int i = 0; i < 20 && admin(one, "/api/v1/admin/menus/rollback", "").statusCode() == 200; i++) {
            // one version back per call
        }
        String bundled = MenuVersion.checksum(BUNDLED);
        assertEquals(bundled, checksumOf(one));
        Awaitility.await("both instances on the bundled menu").atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200)).until(() -> checksumOf(two).equals(bundled));
    }

    private static String checksumOf(InProcessGateway g) throws Exception {
        return new JsonObject(get(g, "/api/v1/admin/menus", GatewayProcess.API_TOKEN).body()).getString("checksum");
    }

    private static String firstLine(HttpResponse<String> response) {
        assertEquals(200, response.statusCode(), response.body());
        return response.body().lines().findFirst().orElse("");
    }

    private static HttpResponse<String> step(InProcessGateway g, String session, String phone, String text)
            throws Exception {
        String body = "sessionId=" + session + "&serviceCode=" + URLEncoder.encode("*777#", StandardCharsets.UTF_8)
                + "&phoneNumber=" + phone + "&text=" + URLEncoder.encode(text, StandardCharsets.UTF_8);
        return HTTP.send(HttpRequest.newBuilder(uri(g, "/ussd/africastalking")).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Authorization", "Bearer " + GatewayProcess.AGGREGATOR_TOKEN)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> admin(InProcessGateway g, String path, String yaml) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(uri(g, path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/yaml; charset=utf-8")
                .header("Authorization", "Bearer " + GatewayProcess.API_TOKEN)
                .header("X-Operator", "helpdesk ana")
                .POST(HttpRequest.BodyPublishers.ofString(yaml, StandardCharsets.UTF_8)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(InProcessGateway g, String path, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(g, path)).timeout(Duration.ofSeconds(30));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static URI uri(InProcessGateway g, String path) {
        return URI.create("http://127.0.0.1:" + g.gateway().httpPort() + path);
    }
}
