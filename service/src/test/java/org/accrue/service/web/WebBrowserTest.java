package org.accrue.service.web;

import org.accrue.service.Databases;
import org.accrue.service.ServiceConfig;
import org.accrue.service.TestService;
import org.accrue.service.accounts.Role;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The officers' web page in a real browser (headless Chromium): sign in, upload a sample, read the verdicts and
 * what a missed award lacks; the same by keyboard alone; a bad file's message; axe-core on every page with no
 * serious or critical violation. Screenshots of each page go to {@code target/screenshots/}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WebBrowserTest {
    static final Path SAMPLES = Path.of(System.getProperty("accrue.repo", "..")).resolve("samples")
            .toAbsolutePath().normalize();
    TestService service;
    Chromium chromium;

    @BeforeAll
    void start() throws Exception {
        service = new TestService(ServiceConfig.defaults().withPort(0).withDb(Databases.fresh("sqlite"))
                .withCatalogue(SAMPLES.resolve("catalogue.yaml")));
        service.server.registry().accounts().addUser("olive", Role.OFFICER, "olive-password".toCharArray());
        service.server.registry().accounts().addUser("bob", Role.APPROVER, "bob-password-1".toCharArray());
        chromium = new Chromium();
    }

    @AfterAll
    void stop() throws Exception {
        if (chromium != null) {
            chromium.close();
        }
        service.close();
    }

    private void open(String path) {
        chromium.driver.get(service.base() + path);
    }

    private void signIn() {
        signIn("olive", "olive-password");
    }

    private void signIn(String name, String password) {
        chromium.driver.manage().deleteAllCookies();
        open("/");
        assertTrue(chromium.driver.getCurrentUrl().contains("/sign-in"), chromium.driver.getCurrentUrl());
        chromium.driver.findElement(By.id("name")).sendKeys(name);
        chromium.driver.findElement(By.id("password")).sendKeys(password);
        chromium.driver.findElement(By.cssSelector("form button[type=submit]")).click();
        waitFor(ExpectedConditions.presenceOfElementLocated(By.id("file")));
    }

    private <T> T waitFor(java.util.function.Function<? super org.openqa.selenium.WebDriver, T> condition) {
        return new WebDriverWait(chromium.driver, Duration.ofSeconds(30)).until(condition);
    }

    private void assertAccessible(String page) throws Exception {
        List<String> problems = chromium.accessibilityProblems();
        assertEquals(List.of(), problems, page + ": axe-core found serious or critical violations");
    }

    @Test
    void anOfficerChecksALearnerAndReadsWhy() throws Exception {
        chromium.driver.manage().deleteAllCookies();
        open("/");
        chromium.screenshot("sign-in");
        assertAccessible("sign-in");
        signIn();
        assertEquals("Check a learner's eligibility", chromium.driver.findElement(By.tagName("h1")).getText());
        chromium.screenshot("evaluate");
        assertAccessible("evaluate");

        chromium.driver.findElement(By.id("asOf")).sendKeys("");
        chromium.driver.findElement(By.id("file")).sendKeys(SAMPLES.resolve("ben-pgcert-nearly.yaml").toString());
        chromium.driver.findElement(By.xpath("//button[normalize-space()='Check eligibility']")).click();

        waitFor(ExpectedConditions.urlContains("/decisions/"));
        WebElement pgcert = chromium.driver.findElement(By.cssSelector("section[aria-labelledby='award-scqf-pgcert']"));
        assertTrue(pgcert.getText().contains("Not eligible"), pgcert.getText());
        assertTrue(pgcert.getText().contains("What is missing"), pgcert.getText());
        assertTrue(pgcert.getText().contains("more SCQF points"), pgcert.getText());
        chromium.screenshot("result");
        assertAccessible("result");
    }

    @Test
    void anOfficerPlansTheCheapestWayToTheAwardALearnerMissed() throws Exception {
        signIn();
        chromium.driver.findElement(By.id("file")).sendKeys(SAMPLES.resolve("ben-pgcert-nearly.yaml").toString());
        chromium.driver.findElement(By.xpath("//button[normalize-space()='Check eligibility']")).click();
        waitFor(ExpectedConditions.urlContains("/decisions/"));
        chromium.driver.findElement(By.linkText("Plan a pathway for this learner")).click();
        waitFor(ExpectedConditions.urlContains("/plan"));
        assertEquals("Plan a pathway", chromium.driver.findElement(By.tagName("h1")).getText());
        assertAccessible("plan form");
        new org.openqa.selenium.support.ui.Select(chromium.driver.findElement(By.id("award")))
                .selectByValue("pgcert-data-science");
        chromium.driver.findElement(By.id("asOf")).clear();
        chromium.driver.findElement(By.id("asOf")).sendKeys("11282026");
        chromium.driver.findElement(By.xpath("//button[normalize-space()='Plan']")).click();
        WebElement table = waitFor(ExpectedConditions.presenceOfElementLocated(By.cssSelector("table.govuk-table")));
        String caption = table.findElement(By.tagName("caption")).getText();
        assertTrue(caption.startsWith("Take 1 item: "), caption);
        assertTrue(table.getText().contains("counts 15 SCQF points as general credit"), table.getText());
        assertTrue(chromium.driver.findElement(By.tagName("main")).getText().contains("Alternatives"));
        chromium.screenshot("plan");
        assertAccessible("plan");
    }

    @Test
    void theMainFlowWorksByKeyboardAlone() throws Exception {
        chromium.driver.manage().deleteAllCookies();
        open("/");
        Actions keys = new Actions(chromium.driver);
        // from the top of the sign-in page: skip link, home link, then the form
        chromium.driver.findElement(By.id("name")).click();
        keys.sendKeys("olive").sendKeys(Keys.TAB).sendKeys("olive-password").sendKeys(Keys.ENTER).perform();
        waitFor(ExpectedConditions.presenceOfElementLocated(By.id("file")));
        assertEquals("Check a learner's eligibility", chromium.driver.findElement(By.tagName("h1")).getText());
        WebElement file = chromium.driver.findElement(By.id("file"));
        file.sendKeys(SAMPLES.resolve("chen-allocation.yaml").toString());
        // the submit button is reached and pressed from the keyboard
        WebElement submit = chromium.driver.findElement(By.xpath("//button[normalize-space()='Check eligibility']"));
        int tabs = 0;
        while (!submit.equals(chromium.driver.switchTo().activeElement()) && tabs++ < 80) {
            new Actions(chromium.driver).sendKeys(Keys.TAB).perform();
        }
        assertEquals(submit, chromium.driver.switchTo().activeElement(), "the submit button takes the focus");
        new Actions(chromium.driver).sendKeys(Keys.ENTER).perform();
        waitFor(ExpectedConditions.urlContains("/decisions/"));
        assertTrue(chromium.driver.findElement(By.className("govuk-panel__title")).getText()
                .contains("Eligible for 6 awards"));
    }

    @Test
    void aFileAccrueCannotReadIsExplainedBesideTheField() throws Exception {
        signIn();
        Path bad = Files.createTempFile("bad", ".yaml");
        Files.writeString(bad, "learner: {id: X}\ncredentials:\n  - {id: A, title: T, level: {framework: scqf, value: 13}}\n");
        chromium.driver.findElement(By.id("file")).sendKeys(bad.toString());
        chromium.driver.findElement(By.xpath("//button[normalize-space()='Check eligibility']")).click();
        String error = waitFor(ExpectedConditions.visibilityOfElementLocated(By.id("file-error"))).getText();
        assertTrue(error.contains("credentials[0].level.value: 13 is outside SCQF levels 1-12"), error);
        chromium.screenshot("evaluate-error");
        assertAccessible("evaluate with an error");
    }

    private String check(Path file) {
        open("/");
        chromium.driver.findElement(By.id("asOf")).clear();
        chromium.driver.findElement(By.id("asOf")).sendKeys("11282026");
        chromium.driver.findElement(By.id("file")).sendKeys(file.toString());
        chromium.driver.findElement(By.xpath("//button[normalize-space()='Check eligibility']")).click();
        waitFor(ExpectedConditions.urlContains("/decisions/"));
        return chromium.driver.findElement(By.cssSelector("section[aria-labelledby='award-scqf-pgcert']")).getText();
    }

    @Test
    void anExceptionProposedByOneOfficerAndApprovedByAnotherChangesTheVerdict() throws Exception {
        Path ben = Files.createTempFile("ben", ".yaml");
        Files.writeString(ben, Files.readString(SAMPLES.resolve("ben-pgcert-nearly.yaml"))
                .replaceFirst("id: L-\\d+", "id: L-BROWSER"));
        signIn();
        assertTrue(check(ben).contains("Not eligible"));

        open("/learners/L-BROWSER/exceptions/new");
        assertAccessible("propose an exception");
        new org.openqa.selenium.support.ui.Select(chromium.driver.findElement(By.id("award")))
                .selectByValue("scqf-pgcert");
        chromium.driver.findElement(By.id("requirement")).sendKeys("total");
        chromium.driver.findElement(By.id("reason")).sendKeys("Accredited prior learning panel, minute 12");
        chromium.screenshot("propose");
        chromium.driver.findElement(By.xpath("//button[normalize-space()='Propose']")).click();
        waitFor(ExpectedConditions.urlContains("/exceptions?done=proposed"));
        assertTrue(chromium.driver.getPageSource().contains("You proposed this exception"));

        signIn("bob", "bob-password-1");
        open("/exceptions");
        chromium.screenshot("exceptions");
        assertAccessible("exceptions");
        chromium.driver.findElement(By.xpath("//button[normalize-space()='Approve']")).click();
        waitFor(ExpectedConditions.urlContains("/exceptions?done=approved"));

        String after = check(ben);
        assertTrue(after.contains("Eligible") && !after.contains("Not eligible"), after);
        assertTrue(after.contains("Authorised by bob, proposed by olive"), after);

        open("/learners/L-BROWSER");
        assertAccessible("learner");
        List<WebElement> earlier = chromium.driver.findElements(By.cssSelector("input[name=a]"));
        List<WebElement> later = chromium.driver.findElements(By.cssSelector("input[name=b]"));
        assertEquals(2, earlier.size());
        earlier.get(1).click();
        later.get(0).click();
        chromium.driver.findElement(By.xpath("//button[normalize-space()='Compare']")).click();
        waitFor(ExpectedConditions.urlContains("/compare"));
        String changes = chromium.driver.findElement(By.tagName("table")).getText();
        assertTrue(changes.contains("scqf-pgcert verdict not eligible eligible"), changes);
        assertTrue(changes.contains("scqf-pgcert requirement total 45 of 60, not met 45 of 60, waived"), changes);
        chromium.screenshot("compare");
        assertAccessible("compare");

        open("/rulesets");
        chromium.screenshot("rulesets");
        assertAccessible("rule sets");
        open("/overview");
        chromium.screenshot("overview");
        assertAccessible("overview");
    }
}
