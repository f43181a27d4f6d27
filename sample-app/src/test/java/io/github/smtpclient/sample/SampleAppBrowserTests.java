package io.github.smtpclient.sample;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import io.github.smtpclient.outbox.OutboxEntry;
import io.github.smtpclient.outbox.OutboxState;
import io.github.smtpclient.outbox.SmtpOutbox;
import io.github.smtpclient.sample.embedded.ReceivedMessage;
import io.github.smtpclient.sample.embedded.ReceivedMessages;
import io.github.smtpclient.sample.embedded.RefusedRecipients;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.FluentWait;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Drives the sample page in a real headless Chromium: fills in the form, uploads an attachment, sends, and checks
 * that the page lists what the embedded server received, that the server bean has it and that the send metric moved;
 * then queues messages in the outbox and watches the Outbox panel: one delivered, one refused for good and one
 * deferred by the embedded server, retried and parked with the panel's buttons.
 * Needs Debian's {@code chromium} and {@code chromium-driver} (installed by {@code .ci/run}); skipped without them,
 * unless {@code -Dsample.browser-test.required=true} (set by {@code .ci/run}) makes their absence a failure.
 * The pages are saved as {@code target/browser-test/sample-page.png} and {@code outbox-panel.png} to look at.
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

    @Autowired
    private SmtpOutbox outbox;

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
        saveScreenshot("sample-page.png");

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

    @Test
    void outboxPanelShowsMessagesMoveThroughTheirStatesAndItsButtonsRetryAndParkThem() throws IOException {
        driver.get("http://localhost:" + port + "/");
        wait.until(ExpectedConditions.textToBe(By.id("outbox-state"), "live"));

        enqueue("frank@example.test", "Queued from the browser");
        awaitRow("Queued from the browser", "SENT", "1");
        // The received list reloads when the outbox delivers.
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("received-list"),
                "Queued from the browser"));
        assertThat(buttons("Queued from the browser")).isEmpty();

        String refused = "Refused from the browser";
        enqueue("nobody@" + RefusedRecipients.REFUSED_DOMAIN, refused);
        awaitRow(refused, "DEAD", "1");
        assertThat(cell(refused, "reply")).startsWith("550");
        assertThat(buttons(refused)).containsExactly("Retry", "Park");
        press(refused, "retry");
        awaitRow(refused, "DEAD", "2");
        press(refused, "park");
        awaitRow(refused, "PARKED", "2");
        assertThat(buttons(refused)).containsExactly("Retry");

        String deferred = "Deferred from the browser";
        enqueue("later@" + RefusedRecipients.DEFERRED_DOMAIN, deferred);
        awaitRow(deferred, "QUEUED", "1");
        assertThat(cell(deferred, "reply")).startsWith("451");
        press(deferred, "park");
        awaitRow(deferred, "PARKED", "1");
        press(deferred, "retry");
        awaitRow(deferred, "QUEUED", "2");
        ((ChromeDriver) driver).executeScript("document.getElementById('outbox').scrollIntoView()");
        saveScreenshot("outbox-panel.png");

        OutboxEntry parked = outbox.find(rowId(refused)).orElseThrow();
        assertThat(parked.state()).isEqualTo(OutboxState.PARKED);
        assertThat(parked.history()).extracting(OutboxEntry.Attempt::outcome)
                .containsExactly(OutboxState.DEAD, OutboxState.DEAD);
        assertThat(outbox.find(rowId(deferred)).orElseThrow().history()).hasSize(2);
        assertThat(receivedMessages.newestFirst()).extracting(ReceivedMessage::subject).doesNotContain(refused, deferred);
        wait.until(ExpectedConditions.textToBe(By.id("depth-PARKED"),
                "PARKED " + outbox.depths().get(OutboxState.PARKED)));
        // Its next attempt would send in the middle of another test of this application context.
        assertThat(outbox.park(rowId(deferred), "test cleanup")).isTrue();
    }

    /** Fills in the compose form and presses "Queue in outbox". */
    private void enqueue(String to, String subject) {
        driver.findElement(By.id("to")).clear();
        driver.findElement(By.id("subject")).clear();
        type("to", to);
        type("subject", subject);
        driver.findElement(By.id("enqueue")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("outbox-status"), "Queued "));
    }

    /** The panel redraws its rows when the outbox changes, so every lookup tolerates a row replaced under it. */
    private FluentWait<WebDriver> outboxWait() {
        return new WebDriverWait(driver, PATIENCE).ignoring(StaleElementReferenceException.class);
    }

    private void awaitRow(String subject, String state, String attempts) {
        outboxWait().withMessage(() -> subject + " should be " + state + " after " + attempts + " attempt(s)")
                .until(d -> cell(subject, "state").equals(state) && cell(subject, "attempts").equals(attempts));
    }

    private void press(String subject, String button) {
        outboxWait().until(d -> {
            d.findElement(By.xpath(row(subject) + "//button[@class='" + button + "']")).click();
            return true;
        });
    }

    private String cell(String subject, String cell) {
        return outboxWait().until(d -> d.findElement(By.xpath(row(subject) + "/td[@class='" + cell + "']")).getText());
    }

    private List<String> buttons(String subject) {
        return outboxWait().until(d -> d.findElements(By.xpath(row(subject) + "//button")).stream()
                .map(WebElement::getText).toList());
    }

    private UUID rowId(String subject) {
        return UUID.fromString(outboxWait().until(d -> d.findElement(By.xpath(row(subject))).getDomAttribute("data-id")));
    }

    private static String row(String subject) {
        return "//tbody[@id='outbox-list']/tr[td[@class='subject' and .='" + subject + "']]";
    }

    private void type(String field, String text) {
        driver.findElement(By.id(field)).sendKeys(text);
    }

    private void saveScreenshot(String name) throws IOException {
        Path target = Path.of("target", "browser-test", name);
        Files.createDirectories(target.getParent());
        Path shot = ((ChromeDriver) driver).getScreenshotAs(OutputType.FILE).toPath();
        Files.copy(shot, target, StandardCopyOption.REPLACE_EXISTING);
    }
}
