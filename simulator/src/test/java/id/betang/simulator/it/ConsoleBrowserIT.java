package id.betang.simulator.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;

import id.betang.gateway.console.AdminCli;
import id.betang.gateway.testing.TestStorage;

/**
 * The operator console as an operator uses it, in headless Chromium against a gateway bound to the simulator:
 * sign in with the API token and a name, see the bind and the queues, requeue a failed SMS (the phone gets it)
 * and retry a complaint the registry had refused (the registry gets it), each action audited with the name. Around
 * it: nothing without a session, no repair posted from another origin, the admin API and its CLI behind the token.
 * Saves target/console.png (the README's picture is one of these).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleBrowserIT {

    static final String PHONE = "6281366667777";
    static final String TICKET = "HB7K3Q9P";
    static final HttpClient HTTP = HttpClient.newHttpClient();

    static Rig rig;
    static HeadlessChromium chromium;
    static WebDriver browser;
    static long failedSms;

    @BeforeAll
    static void start() throws Exception {
        rig = Rig.start("console");
        // an SMS the SMSC refused for good, with a reason that must stay text, and a complaint the registry refused
        TestStorage.execute(rig.mysqlUrl, "INSERT INTO outbox_sms (msisdn, body, category, status, attempts, failure)"
                + " VALUES ('" + PHONE + "', 'Bantuan cair Senin di Kantor Pos Kasongan', 'notice', 'FAILED', 5,"
                + " 'submit_sm 0x58 <b>throttled</b>')");
        failedSms = Long.parseLong(TestStorage.row(rig.mysqlUrl, "SELECT id FROM outbox_sms WHERE msisdn = ?", PHONE).get(0));
        TestStorage.execute(rig.mysqlUrl, "INSERT INTO complaint (ticket_id, category, channel, msisdn, body)"
                + " VALUES ('" + TICKET + "', 'OTHER', 'SMS', '6281300000006', 'bantuan belum sampai')");
        TestStorage.execute(rig.mysqlUrl, "INSERT INTO complaint_forward (ticket_id, status, attempts, last_error)"
                + " VALUES ('" + TICKET + "', 'ATTENTION', 1, '422 region unknown')");
        chromium = HeadlessChromium.start("1300,1100");
        browser = chromium.browser;
    }

    @AfterAll
    static void stop() throws Exception {
        if (chromium != null) {
            chromium.close();
        }
        if (rig != null) {
            rig.close();
        }
    }

    static String page() {
        return browser.findElement(By.tagName("body")).getText();
    }

    static void click(String buttonText) {
        browser.findElements(By.tagName("button")).stream().filter(b -> b.getText().equals(buttonText)).findFirst()
                .orElseThrow(() -> new AssertionError("no button " + buttonText + " in\n" + page())).click();
    }

    @Test
    @Order(1)
    void withoutASessionOnlyTheSignInFormShowsAndAWrongTokenIsRefused() {
        browser.get(rig.url("/console"));
        assertTrue(page().contains("API token"), page());
        assertFalse(page().contains(TICKET));
        browser.findElement(By.name("operator")).sendKeys("Sari");
        browser.findElement(By.name("token")).sendKeys("not-the-token");
        click("Open the console");
        assertTrue(page().contains("Token or name not accepted"), page());
    }

    @Test
    @Order(2)
    void anOperatorSeesTheLinkAndTheQueues() throws Exception {
        browser.get(rig.url("/console"));
        browser.findElement(By.name("operator")).sendKeys("Sari");
        browser.findElement(By.name("token")).sendKeys(GatewayProcess.API_TOKEN);
        click("Open the console");
        String page = page();
        assertTrue(page.contains("Signed in as Sari"), page);
        assertTrue(page.contains("betang#1 BOUND"), page);
        assertTrue(page.contains("menu sha256:"), page);
        assertTrue(page.contains("62813*****777"), "the failed SMS, its phone masked: " + page);
        assertFalse(page.contains(PHONE), "never the full number");
        assertFalse(page.contains("Kasongan"), "never the message text");
        assertTrue(page.contains("submit_sm 0x58 <b>throttled</b>"), "a reason is shown as text, not markup: " + page);
        assertTrue(page.contains(TICKET) && page.contains("422 region unknown"), page);
        Path shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
        Files.copy(shot, Path.of("target", "console.png"), StandardCopyOption.REPLACE_EXISTING);
        assertTrue(Files.size(Path.of("target", "console.png")) > 10_000, "a real screenshot");
    }

    @Test
    @Order(3)
    void requeueSendsTheSmsAndRetryHandsTheComplaintToTheRegistryBothAudited() throws Exception {
        click("Requeue");
        assertTrue(page().contains("Last action: done"), page());
        assertEquals("Bantuan cair Senin di Kantor Pos Kasongan",
                rig.smsc.phone(PHONE).awaitSms(Duration.ofSeconds(60)).text());

        click("Retry");
        assertTrue(page().contains("Last action: done"), page());
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> TestStorage.row(rig.mysqlUrl,
                "SELECT status FROM complaint_forward WHERE ticket_id = ?", TICKET).get(0).equals("ACCEPTED"));

        browser.get(rig.url("/console"));
        String page = page();
        assertTrue(page.contains("Sari@127.0.0.1 sms.requeue " + failedSms + " done"), page);
        assertTrue(page.contains("Sari@127.0.0.1 complaint.retry " + TICKET + " done"), page);
    }

    @Test
    @Order(4)
    void repairsNeedTheSessionAndTheConsolesOwnOrigin() throws Exception {
        String cookie = ConsoleCookie.of(browser);
        assertEquals(403, post("/console/sms/" + failedSms + "/requeue", List.of()).statusCode(), "no session");
        assertEquals(403, post("/console/sms/" + failedSms + "/requeue",
                List.of("Cookie", cookie, "Origin", "https://evil.example")).statusCode(), "another site's form");
        assertEquals(401, post("/api/v1/admin/sms/" + failedSms + "/requeue", List.of("X-Operator", "x")).statusCode());
        assertEquals(401, HTTP.send(HttpRequest.newBuilder(URI.create(rig.url("/api/v1/admin/overview"))).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode());
    }

    @Test
    @Order(5)
    void theCliDoesTheSameThroughTheAuditedApi(@TempDir Path dir) throws Exception {
        Path token = dir.resolve("token");
        Files.writeString(token, GatewayProcess.API_TOKEN + "\n");
        List<String> base = List.of("--url", rig.url(""), "--token-file", token.toString(), "--operator", "ops-script");

        Cli overview = Cli.run(base, "overview");
        assertEquals(0, overview.code, overview.err);
        assertTrue(overview.out.contains("\"betang#1\"") && overview.out.contains("\"BOUND\""), overview.out);

        Cli again = Cli.run(base, "retry", TICKET);
        assertEquals(1, again.code, "already accepted: nothing to retry");
        assertEquals("not-attention", again.out.strip());
        assertEquals(1, Cli.run(base, "requeue", "999999").code, "no such failed SMS");
        assertEquals(2, Cli.run(List.of("--url", rig.url("")), "requeue", "abc").code, "usage error");
        assertTrue(TestStorage.row(rig.mysqlUrl, "SELECT COUNT(*) FROM operator_action WHERE operator LIKE ?"
                + " AND outcome <> 'done'", "ops-script@%").get(0).equals("2"), "refusals are audited too");
    }

    HttpResponse<String> post(String path, List<String> headers) throws Exception {
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(rig.url(path))).POST(HttpRequest.BodyPublishers.noBody());
        for (int i = 0; i < headers.size(); i += 2) {
            r.header(headers.get(i), headers.get(i + 1));
        }
        return HTTP.send(r.build(), HttpResponse.BodyHandlers.ofString());
    }

    record Cli(int code, String out, String err) {
        static Cli run(List<String> base, String... command) {
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            List<String> args = new java.util.ArrayList<>(base);
            args.addAll(List.of(command));
            int code = AdminCli.run(args.toArray(new String[0]), new PrintWriter(out, true), new PrintWriter(err, true));
            return new Cli(code, out.toString(), err.toString());
        }
    }

    /** The browser's console session, as a Cookie header another client would send. */
    static final class ConsoleCookie {
        static String of(WebDriver browser) {
            var c = browser.manage().getCookieNamed("betang_console");
            assertTrue(c != null, "signed in");
            return c.getName() + "=" + c.getValue();
        }
    }
}
