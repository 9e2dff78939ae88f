package id.betang.simulator.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

import id.betang.simulator.web.PhoneServer;
import io.vertx.core.Vertx;

/**
 * The web phone in a real browser (Debian's chromium, headless, driven by Debian's chromedriver): dial *777#
 * with the keyboard, reach a status screen with the keypad, file a complaint by SMS and see the ticket SMS.
 * Saves a screenshot as target/webphone.png (the README's picture is one of these).
 */
class WebPhoneBrowserIT {

    static Rig rig;
    static Vertx vertx;
    static PhoneServer web;
    static WebDriver browser;
    static Path profile;

    @BeforeAll
    static void start() throws Exception {
        rig = Rig.start("webphone");
        vertx = Vertx.vertx();
        web = new PhoneServer(vertx, rig.smsc).start(0);

        profile = Files.createTempDirectory("betang-chromium");
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + profile, "--window-size=1400,900");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File("/usr/bin/chromedriver")).usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
    }

    @AfterAll
    static void stop() throws Exception {
        if (browser != null) {
            browser.quit();
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

    static void until(String what, java.util.function.BooleanSupplier condition) {
        new WebDriverWait(browser, Duration.ofSeconds(15)).withMessage(what).until(d -> condition.getAsBoolean());
    }

    @Test
    void dialReadStatusAndFileAComplaintBySms() throws Exception {
        browser.get("http://127.0.0.1:" + web.port() + "/");
        until("the page loads", () -> browser.findElement(By.id("screen")).getText().contains("*777#"));

        // the keyboard works as a keypad: type the code, Enter calls
        browser.findElement(By.tagName("body")).sendKeys("*777#" + Keys.ENTER);
        until("the main menu", () -> screen().startsWith("Kartu Huma Betang Sejahtera\n1 Cek status bantuan"));

        // and so do the keys on screen
        browser.findElement(By.cssSelector("[data-key='1']")).click();
        browser.findElement(By.id("call")).click();
        until("the NIK prompt", () -> screen().equals("Masukkan NIK (16 angka):"));
        browser.findElement(By.tagName("body")).sendKeys("6271031203900004" + Keys.ENTER);
        until("the status screen", () -> screen().contains("BLT (bantuan tunai): Aktif"));
        assertTrue(screen().startsWith("Status 6271********0004 per 12 Nov 2026"), screen());

        browser.findElement(By.id("smsText")).sendKeys("ADUAN jalan ke kantor desa rusak parah");
        browser.findElement(By.cssSelector("#compose button")).click();
        until("the ticket SMS", () -> browser.findElements(By.cssSelector("#inbox li")).stream()
                .anyMatch(li -> li.getText().contains("Pengaduan diterima. Nomor tiket: HB")));
        until("the session log shows the PDUs", () -> browser.findElement(By.id("log")).getText()
                .contains("submit_sm USSD op=2"));

        Path shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
        Files.createDirectories(Path.of("target"));
        Files.copy(shot, Path.of("target", "webphone.png"), StandardCopyOption.REPLACE_EXISTING);
        assertTrue(Files.size(Path.of("target", "webphone.png")) > 10_000, "a real screenshot");
    }
}
