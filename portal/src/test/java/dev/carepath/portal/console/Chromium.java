package dev.carepath.portal.console;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * One headless Chromium for all browser tests, driven by Playwright for Java. Playwright never downloads a browser
 * here ({@code PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD}): it drives the system's Chromium ({@code /usr/bin/chromium}, Debian's
 * package; {@code deploy/local/test.sh} installs it when missing; {@code -Dcarepath.chromium=<path>} names another).
 * Each test gets a fresh context (no cookies of another test) at 1280×800, the console's smallest desktop size.
 * Screenshots go to {@code target/console-screenshots}, or with {@code -Dcarepath.console.screenshots=<dir>} to
 * another directory, e.g. {@code ../docs/console} to refresh the committed ones.
 */
final class Chromium implements AutoCloseable {

    static final String EXECUTABLE = System.getProperty("carepath.chromium", "/usr/bin/chromium");

    /** What Chromium needs to run headless as root in a container, and what keeps it off the network on its own. */
    private static final List<String> ARGUMENTS = List.of("--headless", "--no-sandbox", "--disable-gpu",
            "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run");

    private final Playwright playwright;
    private final Browser browser;
    private final Path screenshots;

    private Chromium(Playwright playwright, Browser browser, Path screenshots) {
        this.playwright = playwright;
        this.browser = browser;
        this.screenshots = screenshots;
    }

    static Chromium launch() {
        // Pages of Operaton's webapps and the console load slowly on a busy machine: assertions wait up to 30 s.
        PlaywrightAssertions.setDefaultAssertionTimeout(30_000);
        if (!Files.isExecutable(Path.of(EXECUTABLE))) {
            throw new IllegalStateException("no Chromium at " + EXECUTABLE
                    + ": install Debian's package (apt-get install -y chromium); deploy/local/test.sh does it");
        }
        Playwright playwright = Playwright.create(new Playwright.CreateOptions()
                .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        try {
            Browser browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                    .setExecutablePath(Path.of(EXECUTABLE))
                    .setHeadless(true)
                    .setArgs(ARGUMENTS));
            return new Chromium(playwright, browser,
                    Path.of(System.getProperty("carepath.console.screenshots", "target/console-screenshots")));
        } catch (RuntimeException e) {
            playwright.close();
            throw e;
        }
    }

    /** A fresh browser context (its own cookies) at 1280×800 with one page. */
    Page newPage() {
        BrowserContext context = browser.newContext(new Browser.NewContextOptions().setViewportSize(1280, 800));
        context.setDefaultTimeout(30_000);
        return context.newPage();
    }

    /** A full-page PNG of what the page shows now, named {@code <name>.png}. */
    void screenshot(Page page, String name) {
        try {
            Files.createDirectories(screenshots);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        page.screenshot(new Page.ScreenshotOptions().setPath(screenshots.resolve(name + ".png")).setFullPage(true));
    }

    @Override
    public void close() {
        try {
            browser.close();
        } finally {
            playwright.close();
        }
    }
}
