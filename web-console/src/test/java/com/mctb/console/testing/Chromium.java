package com.mctb.console.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium driven through Debian's chromedriver (packages {@code chromium} and
 * {@code chromium-driver}; {@code .ci/run} installs them). Nothing is downloaded: both paths are given, so Selenium
 * Manager is never asked for a driver or a browser. Override with {@code -Dmctb.chromium=} and
 * {@code -Dmctb.chromedriver=}.
 */
public final class Chromium {

    public static final Path BINARY = Path.of(System.getProperty("mctb.chromium", "/usr/bin/chromium"));
    public static final Path DRIVER = Path.of(System.getProperty("mctb.chromedriver", "/usr/bin/chromedriver"));

    private Chromium() {
    }

    /** Skips the calling test class, saying why, when Chromium or its driver is not installed. */
    public static void assumeInstalled() {
        Assumptions.assumeTrue(Files.isExecutable(BINARY) && Files.isExecutable(DRIVER),
                "browser tests skipped: " + BINARY + " or " + DRIVER + " is missing; install Debian's packages "
                        + "with `apt-get install -y chromium chromium-driver` (.ci/run does this)");
    }

    /** A new headless session at desktop size; quit it when done. */
    public static ChromeDriver start() {
        // Selenium's own logging is chatty at INFO (CDP version notes, driver start-up lines).
        Logger.getLogger("org.openqa.selenium").setLevel(Level.WARNING);
        System.setProperty("webdriver.chrome.driver", DRIVER.toString());
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort()
                .build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(BINARY.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--disable-background-networking", "--disable-component-update", "--disable-extensions",
                "--disable-default-apps", "--no-first-run", "--no-default-browser-check", "--mute-audio",
                "--autoplay-policy=no-user-gesture-required", "--lang=en-US", "--window-size=1280,900",
                "--hide-scrollbars", "--force-color-profile=srgb");
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(10));
        return driver;
    }

    /** Waits up to 20 s (a loaded build machine), looking every 50 ms. */
    public static WebDriverWait waiting(ChromeDriver driver) {
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(20));
        wait.pollingEvery(Duration.ofMillis(50));
        // The page re-renders a list when its data comes back: an element read a moment before may be gone.
        wait.ignoring(StaleElementReferenceException.class);
        return wait;
    }

    /**
     * The whole page (not only the viewport) as PNG at {@code width} CSS pixels, laid out as a phone lays it out when
     * {@code mobile}; the viewport is put back afterwards.
     */
    @SuppressWarnings("unchecked")
    public static void fullPageScreenshot(ChromeDriver driver, int width, boolean mobile, Path file) throws IOException {
        try {
            driver.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                    Map.of("width", width, "height", 900, "deviceScaleFactor", 1, "mobile", mobile));
            // Layout settles at the new width before the page is measured.
            ((JavascriptExecutor) driver).executeAsyncScript(
                    "const done = arguments[arguments.length - 1];"
                            + "requestAnimationFrame(() => requestAnimationFrame(() => done(true)));");
            Map<String, Object> metrics = driver.executeCdpCommand("Page.getLayoutMetrics", Map.of());
            Map<String, Object> content = (Map<String, Object>) metrics.get("cssContentSize");
            int height = (int) Math.ceil(((Number) content.get("height")).doubleValue());
            driver.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                    Map.of("width", width, "height", height, "deviceScaleFactor", 1, "mobile", mobile));
            Map<String, Object> shot = driver.executeCdpCommand("Page.captureScreenshot", Map.of("format", "png",
                    "captureBeyondViewport", true,
                    "clip", Map.of("x", 0, "y", 0, "width", width, "height", height, "scale", 1)));
            Files.createDirectories(file.getParent());
            Files.write(file, Base64.getDecoder().decode((String) shot.get("data")));
        } finally {
            driver.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
        }
    }

    /** A picture of one element as laid out at {@code width} CSS pixels (desktop, scale 1). */
    public static void elementScreenshot(ChromeDriver driver, org.openqa.selenium.WebElement element, int width,
            Path file) throws IOException {
        try {
            driver.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                    Map.of("width", width, "height", 900, "deviceScaleFactor", 1, "mobile", false));
            ((JavascriptExecutor) driver).executeAsyncScript(
                    "const done = arguments[arguments.length - 1];"
                            + "requestAnimationFrame(() => requestAnimationFrame(() => done(true)));");
            Files.createDirectories(file.getParent());
            Files.write(file, element.getScreenshotAs(org.openqa.selenium.OutputType.BYTES));
        } finally {
            driver.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
        }
    }
}
