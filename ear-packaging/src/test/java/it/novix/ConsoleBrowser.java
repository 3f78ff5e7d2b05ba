package it.novix;

import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Debian's chromium, headless, driven through Debian's chromedriver (Selenium Manager never
 * downloads a browser or driver here), with axe-core (from npm, pinned in src/test/axe) for the
 * accessibility scan. Waits are on page conditions, never on time.
 */
final class ConsoleBrowser implements AutoCloseable {

    static final String CHROMIUM = System.getProperty("novix.test.chromium", "/usr/bin/chromium");
    static final String CHROMEDRIVER = System.getProperty("novix.test.chromedriver", "/usr/bin/chromedriver");
    /** Where the screenshots shown in the README go (the repository's docs/console). */
    static final Path SCREENSHOTS = Path.of(System.getProperty("novix.console.screenshots", "../docs/console"));

    private static String axe;

    final ChromeDriver driver;
    final WebDriverWait wait;
    final String base;

    ConsoleBrowser(String base) {
        this.base = base;
        assertTrue(new File(CHROMIUM).canExecute(), "Debian's chromium is required (apt install chromium chromium-driver): " + CHROMIUM);
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--window-size=1280,900",
                "--lang=en-US", "--force-device-scale-factor=1");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(CHROMEDRIVER))
                .usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
        driver.manage().window().setSize(new Dimension(1280, 900));
        wait = new WebDriverWait(driver, Duration.ofSeconds(20));
    }

    void open(String path) {
        driver.get(base + path);
    }

    /** Signs in with a token at /console/login and waits for the console's first page. */
    void signInWithToken(String token) {
        open("/console/login");
        type(By.id("token"), token);
        driver.findElement(By.cssSelector("#token-form button[type=submit]")).click();
        waitForPage("Overview");
    }

    /** Waits until the page's heading is {@code title} and its content has loaded. */
    void waitForPage(String title) {
        try {
            wait.until(ExpectedConditions.textToBe(By.cssSelector("main > h1"), title));
        } catch (org.openqa.selenium.TimeoutException e) {
            String text = driver.findElement(By.tagName("body")).getText();
            throw new AssertionError("no page '" + title + "' at " + driver.getCurrentUrl() + " (cookies "
                    + driver.manage().getCookies().stream().map(c -> c.getName() + " path " + c.getPath() + " sameSite " + c.getSameSite()).toList()
                    + ", who-am-I " + fetch("GET", "/sso/session") + "): " + (text.length() > 600 ? text.substring(0, 600) : text), e);
        }
        wait.until(d -> d.findElements(By.xpath("//main/p[text()='Loading…']")).isEmpty());
    }

    void go(String route, String title) {
        driver.findElement(By.cssSelector("#nav a[href='#/" + route + "']")).click();
        waitForPage(title);
    }

    List<String> nav() {
        return driver.findElements(By.cssSelector("#nav a")).stream().map(WebElement::getText).toList();
    }

    void type(By by, String text) {
        WebElement e = wait.until(ExpectedConditions.visibilityOfElementLocated(by));
        e.clear();
        e.sendKeys(text);
    }

    /** Keys sent to whatever has the focus, as a person at a keyboard would. */
    void keys(CharSequence... keys) {
        new org.openqa.selenium.interactions.Actions(driver).sendKeys(keys).perform();
    }

    WebElement active() {
        return driver.switchTo().activeElement();
    }

    WebElement field(String label) {
        WebElement l = wait.until(ExpectedConditions.presenceOfElementLocated(By.xpath("//label[normalize-space(text())='" + label + "']")));
        return driver.findElement(By.id(l.getAttribute("for")));
    }

    Object script(String js, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(js, args);
    }

    /** A same-origin fetch from the page (the session cookie goes with it): "status body". */
    String fetch(String method, String path) {
        return (String) ((JavascriptExecutor) driver).executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                + "const csrf = (document.cookie.split('; ').find(c => c.startsWith('novix_csrf=')) || '=').split('=')[1];"
                + "fetch(arguments[1], {method: arguments[0], credentials: 'same-origin', headers: {'X-Novix-CSRF': csrf}})"
                + ".then(r => r.text().then(t => done(r.status + ' ' + t))).catch(e => done('0 ' + e));", method, path);
    }

    /** axe-core's WCAG 2.1 A/AA scan of the page as it is: the serious and critical violations, as "id: target". */
    List<String> seriousViolations() throws IOException, InterruptedException {
        ((JavascriptExecutor) driver).executeScript(axeSource());
        String result = (String) ((JavascriptExecutor) driver).executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                + "axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})"
                + ".then(r => done(r.violations.filter(v => v.impact === 'serious' || v.impact === 'critical')"
                + ".map(v => v.id + ': ' + v.nodes.map(n => n.target.join(' ')).join(', ')).join('\\n')))"
                + ".catch(e => done('axe failed: ' + e));");
        return result.isEmpty() ? List.of() : List.of(result.split("\n"));
    }

    void screenshot(String name) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        File shot = driver.getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }

    void width(int width, int height) {
        driver.manage().window().setSize(new Dimension(width, height));
    }

    /**
     * What sticks out of the window on the right (empty: the page fits; a table scrolling inside its
     * own box does not count), as "tag.class#id width".
     */
    List<String> overflowing() {
        @SuppressWarnings("unchecked")
        List<String> out = (List<String>) script("const w = document.documentElement.clientWidth; const seen = [];"
                + "if (document.documentElement.scrollWidth <= w) return seen;"
                + "for (const e of document.querySelectorAll('body *')) { const r = e.getBoundingClientRect();"
                + "  if (r.right > w + 1 && !e.closest('.card table')) seen.push(e.tagName.toLowerCase() + '.' + e.className + '#' + e.id + ' ' + Math.round(r.width)); }"
                + "return seen.slice(0, 10);");
        return out;
    }

    private static synchronized String axeSource() throws IOException, InterruptedException {
        if (axe == null) {
            Path dir = Npm.install(Path.of("src/test/axe"), Path.of("target/axe"), List.of("package.json"),
                    "node_modules/axe-core/axe.min.js");
            axe = Files.readString(dir.resolve("node_modules/axe-core/axe.min.js"));
        }
        return axe;
    }

    WebDriver driver() {
        return driver;
    }

    @Override
    public void close() {
        driver.quit();
    }
}
