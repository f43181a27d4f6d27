package io.github.smtpclient.sample;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Random;

import io.github.smtpclient.sample.embedded.ReceivedMessage;
import io.github.smtpclient.sample.embedded.ReceivedMessages;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Drives the sample page in a real headless Chromium: fills in the form, uploads an attachment, sends, and checks
 * that the page lists what the embedded server received, that the server bean has it and that the send metric moved.
 * Needs Debian's {@code chromium} and {@code chromium-driver} (installed by {@code .ci/run}); skipped without them,
 * unless {@code -Dsample.browser-test.required=true} (set by {@code .ci/run}) makes their absence a failure.
 * The page is saved as {@code target/browser-test/sample-page.png} to look at.
 */
@EnabledIf(value = "browserInstalledOrRequired",
        disabledReason = "Browser test skipped: " + SampleAppBrowserTests.MISSING)
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class SampleAppBrowserTests {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final String REQUIRED_PROPERTY = "sample.browser-test.required";
    static final String MISSING = "/usr/bin/chromium or /usr/bin/chromedriver is missing;"
            + " install them with 'apt-get install chromium chromium-driver'";

    @LocalServerPort
    private int port;

    @Autowired
    private ReceivedMessages receivedMessages;

    @Autowired
    private MeterRegistry meterRegistry;

    @TempDir
    private Path temp;

    private WebDriver driver;

    private WebDriverWait wait;

    /** Runs where the browser is installed, and where it is required, so that its absence fails there. */
    static boolean browserInstalledOrRequired() {
        return browserInstalled() || Boolean.getBoolean(REQUIRED_PROPERTY);
    }

    private static boolean browserInstalled() {
        return Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    }

    @BeforeAll
    static void browserIsInstalled() {
        assertThat(browserInstalled()).as("-D%s=true, but %s", REQUIRED_PROPERTY, MISSING).isTrue();
    }

    @BeforeEach
    void startBrowser() {
        // The local driver and browser, named explicitly, so Selenium Manager never looks for (or downloads) one.
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--window-size=1280,1000", "--user-data-dir=" + temp.resolve("chromium-profile"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
        wait = new WebDriverWait(driver, PATIENCE);
    }

    @AfterEach
    void stopBrowser() {
        if (driver != null) {
            driver.quit();
        }
    }

    @Test
    void messageComposedOnThePageWithAnAttachmentReachesTheEmbeddedServer() throws IOException {
        Path attachment = temp.resolve("site-survey.bin");
        byte[] content = new byte[2 * 1024 * 1024];
        new Random(7).nextBytes(content);
        Files.write(attachment, content);
        long sendsBefore = SendMetrics.sendCount(meterRegistry);

        driver.get("http://localhost:" + port + "/");
        wait.until(ExpectedConditions.textToBe(By.id("log-state"), "live"));
        type("to", "bob@example.test");
        type("cc", "carol@example.test");
        type("subject", "Survey from the browser");
        type("text", "The survey is attached.");
        type("html", "<p>The survey is <b>attached</b>.</p>");
        driver.findElement(By.id("attachments")).sendKeys(attachment.toString());
        driver.findElement(By.id("send")).click();

        wait.until(ExpectedConditions.attributeToBe(By.id("status"), "class", "ok"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("received-list"),
                "Survey from the browser"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("log-lines"), "Message accepted"));
        saveScreenshot();

        WebElement row = driver.findElement(By.cssSelector("#received-list tr"));
        assertThat(row.getText()).contains("bob@example.test, carol@example.test", "site-survey.bin", "MiB");
        assertThat(driver.findElement(By.id("upload-progress")).getDomProperty("value")).isEqualTo("100");
        assertThat(driver.findElement(By.id("log-lines")).getText())
                .contains("C: RCPT TO:<bob@example.test>", "C: DATA");
        ReceivedMessage received = receivedMessages.newestFirst().get(0);
        assertThat(received.subject()).isEqualTo("Survey from the browser");
        assertThat(received.to()).containsExactly("bob@example.test", "carol@example.test");
        assertThat(received.attachments()).containsExactly("site-survey.bin");
        assertThat(SendMetrics.sendCount(meterRegistry)).isEqualTo(sendsBefore + 1);

        driver.findElement(By.id("link-metrics")).click();
        assertThat(driver.findElement(By.tagName("body")).getText()).contains("\"name\":\"smtp.client.send\"");
    }

    private void type(String field, String text) {
        driver.findElement(By.id(field)).sendKeys(text);
    }

    private void saveScreenshot() throws IOException {
        Path target = Path.of("target", "browser-test", "sample-page.png");
        Files.createDirectories(target.getParent());
        Path shot = ((ChromeDriver) driver).getScreenshotAs(OutputType.FILE).toPath();
        Files.copy(shot, target, StandardCopyOption.REPLACE_EXISTING);
    }
}
