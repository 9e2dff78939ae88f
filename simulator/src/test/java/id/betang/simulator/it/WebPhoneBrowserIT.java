package id.betang.simulator.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import id.betang.simulator.demo.SampleData;
import id.betang.simulator.web.PhoneServer;
import io.vertx.core.Vertx;

/**
 * The web phone in a real browser (Debian's chromium, headless, driven by Debian's chromedriver): a resident
 * files a whole complaint by USSD with keyboard and keypad, the ticket's update arrives by SMS, and the
 * session log shows the PDUs a telco engineer needs (deliver_sm, submit_sm, their TLVs, hex on demand),
 * filtered per phone. Saves a screenshot as target/webphone.png (the README's picture is one of these).
 */
class WebPhoneBrowserIT {

    static final Duration PATIENCE = Duration.ofSeconds(30);
    static final String BUDI = "6281234567890";
    static final String BUDI_NIK = "6271031203900004";
    static final String SITI = "6281311112222";

    static Rig rig;
    static Vertx vertx;
    static PhoneServer web;
    static HeadlessChromium chromium;
    static WebDriver browser;

    @BeforeAll
    static void start() throws Exception {
        rig = Rig.start("webphone");
        // as in the demo: the registry moves complaints on, and the gateway tells the resident by SMS
        rig.registry.reportComplaintsTo(URI.create(rig.url("/hooks/complaints")), GatewayProcess.WEBHOOK_SECRET,
                Duration.ofSeconds(1));
        vertx = Vertx.vertx();
        web = new PhoneServer(vertx, rig.smsc).start(0);

        chromium = HeadlessChromium.start("1500,1000");
        browser = chromium.browser;
    }

    @AfterAll
    static void stop() throws Exception {
        if (chromium != null) {
            chromium.close();
        }
        if (vertx != null) {
            vertx.close().await(10, TimeUnit.SECONDS);
        }
        if (rig != null) {
            rig.close();
        }
    }

    static String screen() {
        return browser.findElement(By.id("screen")).getText();
    }

    static void until(String what, BooleanSupplier condition) {
        new WebDriverWait(browser, PATIENCE).withMessage(what).ignoring(StaleElementReferenceException.class)
                .until(d -> condition.getAsBoolean());
    }

    static void type(String keys) {
        browser.findElement(By.tagName("body")).sendKeys(keys);
    }

    /** Answers the screen shown and waits until the phone shows another one. */
    static String answer(String input) {
        String before = screen();
        type(input + Keys.ENTER);
        until("a new screen after answering '" + input + "' on: " + before,
                () -> !screen().equals(before) && !screen().equals("…"));
        return screen();
    }

    static List<WebElement> logItems() {
        return browser.findElements(By.cssSelector("#log > li"));
    }

    static Set<String> logPhones() {
        return logItems().stream().map(li -> li.getDomAttribute("data-msisdn")).collect(Collectors.toSet());
    }

    @Test
    void aComplaintByUssdItsTicketSmsAndThePduLog() throws Exception {
        browser.get("http://127.0.0.1:" + web.port() + "/");
        until("the page loads", () -> screen().contains("*777#"));

        // every sample phone and NIK is on the page, from the simulator's sample data
        until("the sample residents", () -> browser.findElements(By.cssSelector("#sampleTable tbody tr")).size()
                == SampleData.SAMPLES.size());
        String samples = browser.findElement(By.id("sampleTable")).getText();
        for (SampleData.Sample s : SampleData.SAMPLES) {
            assertTrue(samples.contains(s.msisdn()) && samples.contains(s.nik()), s + " on the page: " + samples);
        }
        browser.findElement(By.cssSelector("#sampleTable tr[data-msisdn='" + BUDI + "'] .use-phone")).click();
        assertEquals(BUDI, browser.findElement(By.id("msisdn")).getDomProperty("value"));

        // the keyboard works as a keypad: type the code, Enter calls; the keys on screen work too
        type("*777#" + Keys.ENTER);
        until("the main menu", () -> screen().startsWith("Kartu Huma Betang Sejahtera\n1 Cek status bantuan"));
        String before = screen();
        browser.findElement(By.cssSelector("[data-key='4']")).click();
        browser.findElement(By.id("call")).click();
        until("the complaint categories", () -> !screen().equals(before) && screen().contains("Jenis pengaduan:"));

        String shown = fileTheComplaint(screen());
        Matcher ticket = Pattern.compile("Nomor tiket: (HB[2-9A-HJ-NP-Z]{6})").matcher(shown);
        assertTrue(ticket.find(), shown);

        until("the SMS about ticket " + ticket.group(1), () -> browser.findElements(By.cssSelector("#inbox li"))
                .stream().anyMatch(li -> li.getText().contains("Pengaduan " + ticket.group(1) + ": Sedang ditinjau")));

        // the SMS composer: a status request by SMS, answered in the inbox
        browser.findElement(By.id("smsText")).sendKeys("CEK " + BUDI_NIK);
        browser.findElement(By.cssSelector("#compose button")).click();
        until("the status SMS", () -> browser.findElements(By.cssSelector("#inbox li")).stream()
                .anyMatch(li -> li.getText().contains("BLT (bantuan tunai): Aktif")));

        // the PDU log, for Budi's phone only
        new Select(browser.findElement(By.id("logPhone"))).selectByValue(BUDI);
        until("Budi's deliver_sm and submit_sm in the log", () -> {
            String log = browser.findElement(By.id("log")).getText();
            return log.contains("deliver_sm") && log.contains("submit_sm_resp") && log.contains("deliver_sm_resp")
                    && log.contains("Sedang ditinjau");
        });
        WebElement dial = browser.findElements(By.cssSelector("#log > li[data-command='deliver_sm']")).stream()
                .filter(li -> li.getText().contains("“*777#”")).findFirst().orElseThrow();
        String dialText = dial.getText();
        assertTrue(dialText.contains("ussd_service_op len 1 = 1 (PSSR indication)"), dialText);
        assertTrue(dialText.contains("its_session_info len 2"), dialText);
        assertTrue(dialText.contains("sequence 0, end 0"), dialText);
        assertTrue(dialText.contains("service_type=USSD"), dialText);
        assertTrue(dialText.contains("data_coding=0x00"), dialText);
        WebElement menu = browser.findElements(By.cssSelector("#log > li[data-command='submit_sm']")).stream()
                .filter(li -> li.getText().contains("Cek status bantuan")).findFirst().orElseThrow();
        assertTrue(menu.getText().contains("(USSR request)"), menu.getText());
        assertTrue(menu.getText().contains("esm_class=0x00"), menu.getText());
        // the last USSD screen, not the ticket SMS that carries the same words (either may be logged first)
        WebElement last = browser.findElements(By.cssSelector("#log > li[data-command='submit_sm']")).stream()
                .filter(li -> li.getText().contains("Nomor tiket") && li.getText().contains("service_type=USSD"))
                .findFirst().orElseThrow();
        assertTrue(last.getText().contains("(PSSR response)") && last.getText().contains("end 1"), last.getText());

        // the octets only on demand
        WebElement hex = dial.findElement(By.cssSelector("details.hex pre"));
        assertFalse(hex.isDisplayed(), "hex is folded away");
        dial.findElement(By.cssSelector("details.hex summary")).click();
        until("the hex unfolds", hex::isDisplayed);
        assertTrue(hex.getText().startsWith("00 00 00"), hex.getText());
        assertTrue(hex.getText().contains("00 00 00 05"), "deliver_sm's command_id: " + hex.getText());
        assertEquals(Set.of(BUDI), logPhones(), "only Budi's PDUs");
        ((JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView({block: 'end'})", hex);
        screenshot();

        // another phone: its traffic stays out of Budi's view and shows in its own and in 'all'
        browser.findElement(By.cssSelector("#sampleTable tr[data-msisdn='" + SITI + "'] .use-phone")).click();
        type("*777#" + Keys.ENTER);
        until("Siti's main menu", () -> screen().startsWith("Kartu Huma Betang Sejahtera"));
        browser.findElement(By.id("hang")).click();
        new Select(browser.findElement(By.id("logPhone"))).selectByValue(SITI);
        until("Siti's PDUs alone", () -> logPhones().equals(Set.of(SITI))
                && browser.findElement(By.id("log")).getText().contains("deliver_sm"));
        new Select(browser.findElement(By.id("logPhone"))).selectByValue("");
        until("every phone and the link in 'all'", () -> logPhones().containsAll(Set.of(BUDI, SITI, "")));

    }

    /** The picture of the ticket screen, its SMS and Budi's PDUs, for the README (docs/webphone.png). */
    static void screenshot() throws Exception {
        Path shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
        Files.createDirectories(Path.of("target"));
        Files.copy(shot, Path.of("target", "webphone.png"), StandardCopyOption.REPLACE_EXISTING);
        assertTrue(Files.size(Path.of("target", "webphone.png")) > 10_000, "a real screenshot");
    }

    /**
     * Answers whatever the complaint flow asks, as a resident reading the screen would, until the ticket: so
     * the walk holds when a step is added (a summary to confirm) or skipped (the district the NIK names).
     */
    static String fileTheComplaint(String first) {
        String shown = first;
        for (int step = 0; step < 12; step++) {
            if (shown.contains("Nomor tiket")) {
                return shown;
            }
            if (shown.contains("1 Kirim")) {
                shown = answer("1");
            } else if (shown.contains("Jenis pengaduan:")) {
                shown = answer("3");
            } else if (shown.contains("NIK")) {
                // typed by clicking the sample's NIK on the page, sent with the call key
                String before = shown;
                browser.findElement(By.cssSelector("#sampleTable tr[data-msisdn='" + BUDI + "'] .type-nik")).click();
                until("the NIK typed", () -> browser.findElement(By.id("entry")).getText().equals(BUDI_NIK));
                browser.findElement(By.id("call")).click();
                until("the screen after the NIK", () -> !screen().equals(before) && !screen().equals("…"));
                shown = screen();
            } else if (shown.contains("Kabupaten/kota")) {
                Matcher option = Pattern.compile("(?m)^(\\d+) ").matcher(shown);
                assertTrue(option.find(), shown);
                shown = answer(option.group(1));
            } else if (shown.contains("desa/kelurahan")) {
                shown = answer("Langkai");
            } else if (shown.contains("Ceritakan")) {
                shown = answer("Keluarga kami layak tetapi tidak terdaftar");
            } else {
                fail("a screen the complaint walk does not know: " + shown);
            }
        }
        fail("no ticket after 12 steps; last screen: " + shown);
        return shown;
    }
}
