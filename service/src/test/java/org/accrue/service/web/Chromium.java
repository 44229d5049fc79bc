package org.accrue.service.web;

import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A real browser for the web page's tests: Debian's headless Chromium driven through its chromedriver by
 * Selenium (no driver is downloaded: there is no internet), and axe-core, the accessibility checker, from npm.
 * {@code .ci/run} installs both when missing; so does this class, for axe-core, with the machine's npm.
 */
final class Chromium implements AutoCloseable {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final Path REPO = Path.of(System.getProperty("accrue.repo", "..")).toAbsolutePath().normalize();
    static final String AXE_VERSION = "4.14.1";
    static final Path SCREENSHOTS = Path.of("target/screenshots");

    final ChromeDriver driver;
    private final Path profile;

    Chromium() throws IOException {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            throw new IllegalStateException("the browser tests need Debian's chromium and chromium-driver: "
                    + "apt-get install -y chromium chromium-driver (.ci/run does)");
        }
        profile = Files.createTempDirectory("accrue-chromium");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1280,1600", "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(60));
    }

    /** Writes a screenshot of the page as it is to {@code target/screenshots/NAME.png}. */
    Path screenshot(String name) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
        Path to = SCREENSHOTS.resolve(name + ".png");
        Files.copy(shot.toPath(), to, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        return to;
    }

    /**
     * Runs axe-core on the page and returns its serious and critical violations, one line each (rule: help, the
     * first element). WebDriver's scripts are not the page's: the page's policy of no script does not stop them.
     */
    @SuppressWarnings("unchecked")
    List<String> accessibilityProblems() throws IOException, InterruptedException {
        String axe = Files.readString(axe(), StandardCharsets.UTF_8);
        JavascriptExecutor js = driver;
        js.executeScript(axe);
        Object result = js.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                axe.run(document, {resultTypes: ['violations']}).then(r => done(r.violations.map(v => ({
                    id: v.id, impact: v.impact, help: v.help,
                    target: v.nodes.length ? String(v.nodes[0].target) : ''}))), e => done([{id: 'axe-error',
                    impact: 'critical', help: String(e), target: ''}]));
                """);
        List<String> problems = new ArrayList<>();
        for (Map<String, Object> v : (List<Map<String, Object>>) result) {
            Object impact = v.get("impact");
            if ("serious".equals(impact) || "critical".equals(impact)) {
                problems.add(v.get("id") + " (" + impact + "): " + v.get("help") + " at " + v.get("target"));
            }
        }
        return problems;
    }

    /** axe-core's script, installed with npm into {@code build/npm} when it is not there yet. */
    static synchronized Path axe() throws IOException, InterruptedException {
        Path prefix = REPO.resolve("build/npm");
        Path script = prefix.resolve("node_modules/axe-core/axe.min.js");
        if (!Files.isRegularFile(script)) {
            Files.createDirectories(prefix);
            Process npm = new ProcessBuilder("npm", "install", "--no-audit", "--no-fund", "--no-save", "--prefix",
                    prefix.toString(), "axe-core@" + AXE_VERSION).redirectErrorStream(true).start();
            String out = new String(npm.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (npm.waitFor() != 0 || !Files.isRegularFile(script)) {
                throw new IllegalStateException("axe-core could not be installed with npm: " + out);
            }
        }
        return script;
    }

    @Override
    public void close() throws IOException {
        driver.quit();
        try (var files = Files.walk(profile)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
    }
}
