package org.accrue.service.web;

import org.accrue.service.Databases;
import org.accrue.service.ServiceConfig;
import org.accrue.service.TestService;
import org.accrue.service.accounts.Role;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.ByteArrayOutputStream;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The officers' web page over real HTTP with a cookie-keeping client, as a browser without script would use it:
 * sign in with a CSRF token, upload a sample, read the verdicts; a bad file's message beside the upload field;
 * sign-in required and then back where the officer was; the security headers. (Tests in a real browser, with
 * axe, are the next step of the web page's issue.)
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WebPageTest {
    static final Path SAMPLES = Path.of(System.getProperty("accrue.repo", "..")).resolve("samples");
    TestService service;

    @BeforeAll
    void start() throws Exception {
        service = new TestService(ServiceConfig.defaults().withPort(0).withDb(Databases.fresh("sqlite")));
        service.server.registry().accounts().addUser("olive", Role.OFFICER, "olive-password".toCharArray());
    }

    @AfterAll
    void stop() {
        service.close();
    }

    /** A browser's worth of state: cookies, no redirects followed unless asked. */
    final class Browser {
        final HttpClient client = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).build();

        HttpResponse<String> get(String path) throws Exception {
            return client.send(HttpRequest.newBuilder(URI.create(service.base() + path)).build(),
                    HttpResponse.BodyHandlers.ofString());
        }

        HttpResponse<String> post(String path, String form) throws Exception {
            return client.send(HttpRequest.newBuilder(URI.create(service.base() + path))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        }

        HttpResponse<String> upload(String csrf, String asOf, String fileName, byte[] file) throws Exception {
            return upload(csrf, asOf, fileName, file, null);
        }

        /** The check form as a browser posts it: a file (none when null), or a learner id from the log. */
        HttpResponse<String> upload(String csrf, String asOf, String fileName, byte[] file, String learner)
                throws Exception {
            String boundary = "----accrue" + System.nanoTime();
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            for (String[] field : new String[][]{{"csrf", csrf}, {"asOf", asOf}, {"learner", learner}}) {
                if (field[1] == null) {
                    continue;
                }
                body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field[0] + "\"\r\n\r\n"
                        + field[1] + "\r\n").getBytes(StandardCharsets.UTF_8));
            }
            if (file != null) {
                body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
                        + fileName + "\"\r\nContent-Type: application/octet-stream\r\n\r\n")
                        .getBytes(StandardCharsets.UTF_8));
                body.write(file);
                body.write("\r\n".getBytes(StandardCharsets.UTF_8));
            }
            body.write(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
            return client.send(HttpRequest.newBuilder(URI.create(service.base() + "/evaluate"))
                    .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(),
                    HttpResponse.BodyHandlers.ofString());
        }

        /** Signs in as olive from the sign-in page, going on to {@code next}. */
        HttpResponse<String> signIn(String next, String password) throws Exception {
            HttpResponse<String> page = get("/sign-in?next=" + URLEncoder.encode(next, StandardCharsets.UTF_8));
            assertEquals(200, page.statusCode());
            return post("/sign-in", "csrf=" + csrf(page.body()) + "&name=olive&password=" + password + "&next="
                    + URLEncoder.encode(next, StandardCharsets.UTF_8));
        }
    }

    static String csrf(String html) {
        Matcher m = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"").matcher(html);
        assertTrue(m.find(), "a CSRF token in the form");
        return m.group(1);
    }

    @Test
    void anOfficerSignsInUploadsASampleAndReadsTheVerdicts() throws Exception {
        Browser b = new Browser();
        HttpResponse<String> first = b.get("/");
        assertEquals(303, first.statusCode());
        assertEquals("/sign-in?next=%2F", first.headers().firstValue("Location").orElseThrow());

        HttpResponse<String> signedIn = b.signIn("/", "olive-password");
        assertEquals(303, signedIn.statusCode(), signedIn.body());
        assertEquals("/", signedIn.headers().firstValue("Location").orElseThrow());

        HttpResponse<String> form = b.get("/");
        assertEquals(200, form.statusCode());
        assertTrue(form.body().contains("Check a learner&#39;s eligibility") || form.body().contains("Check a learner's eligibility"));
        assertTrue(form.body().contains("olive (officer)"));

        HttpResponse<String> uploaded = b.upload(csrf(form.body()), "2026-11-28", "chen-allocation.yaml",
                Files.readAllBytes(SAMPLES.resolve("chen-allocation.yaml")));
        assertEquals(303, uploaded.statusCode(), uploaded.body());
        String location = uploaded.headers().firstValue("Location").orElseThrow();
        assertTrue(location.startsWith("/decisions/"), location);

        String result = b.get(location).body();
        assertTrue(result.contains("Chen Wei (L-0003)"), result);
        assertTrue(result.contains("Eligible for 6 awards"), result);
        // the six awards Chen is eligible for come first, then the others, each with its verdict in words
        int pgcert = result.indexOf("Postgraduate Certificate in Data Science");
        int notEligible = result.indexOf(">Not eligible<");
        assertTrue(pgcert > 0 && notEligible > pgcert, "eligible awards first");
        assertTrue(result.contains("What is missing"), "the missed awards say what is missing");
        assertTrue(result.contains("CH-01: 15 SCQF points at level 11, toward methods"), result);

        // the decision is the API's decision: same log, same result, its source the uploaded file's name
        String id = location.substring("/decisions/".length());
        HttpResponse<String> api = service.get(Role.VIEWER, "/v1/evaluations/" + id);
        assertTrue(api.body().contains("\"by\":\"olive\""), api.body());
        assertTrue(api.body().contains("\"source\":\"chen-allocation.yaml\""), api.body());
        HttpResponse<String> replay = service.post(Role.VIEWER, "/v1/evaluations/" + id + "/replay", null, null);
        assertTrue(replay.body().contains("\"sameAsRecorded\":true"), replay.body());
    }

    @Test
    void aFileAccrueCannotReadIsExplainedBesideTheUploadField() throws Exception {
        Browser b = new Browser();
        b.signIn("/", "olive-password");
        String form = b.get("/").body();
        HttpResponse<String> bad = b.upload(csrf(form), "2026-11-28", "bad.yaml",
                "learner: {id: X}\ncredentials:\n  - {id: A, title: T, level: {framework: scqf, value: 13}}\n"
                        .getBytes(StandardCharsets.UTF_8));
        assertEquals(400, bad.statusCode());
        assertTrue(bad.body().contains("id=\"file-error\""), bad.body());
        assertTrue(bad.body().contains("bad.yaml: credentials[0].level.value: 13 is outside SCQF levels 1-12"),
                bad.body());
        assertFalse(bad.body().contains("at org.") || bad.body().matches("(?s).*\\w+Exception:.*"), "no stack trace");
    }

    @Test
    void aFormWithoutTheSessionsTokenIsRefused() throws Exception {
        Browser b = new Browser();
        b.signIn("/", "olive-password");
        HttpResponse<String> forged = b.upload("not-the-token", "2026-11-28", "x.yaml", "x".getBytes());
        assertEquals(403, forged.statusCode());
        assertTrue(forged.body().contains("did not come from this site"), forged.body());
        HttpResponse<String> noToken = new Browser().post("/sign-in", "name=olive&password=olive-password");
        assertEquals(403, noToken.statusCode());
    }

    @Test
    void aWrongPasswordStaysOnTheSignInPage() throws Exception {
        HttpResponse<String> wrong = new Browser().signIn("/", "not-her-password");
        assertEquals(401, wrong.statusCode());
        assertTrue(wrong.body().contains("The user name or password is not right"), wrong.body());
    }

    @Test
    void afterSignInTheOfficerIsBackWhereTheyWereAndNeverSentElsewhere() throws Exception {
        Browser b = new Browser();
        HttpResponse<String> page = b.get("/decisions/some-id");
        assertEquals("/sign-in?next=%2Fdecisions%2Fsome-id", page.headers().firstValue("Location").orElseThrow());
        assertEquals("/decisions/some-id", b.signIn("/decisions/some-id", "olive-password").headers()
                .firstValue("Location").orElseThrow());
        assertEquals("/", new Browser().signIn("//evil.example/", "olive-password").headers().firstValue("Location")
                .orElseThrow());
        assertEquals("/", Web.safeNext("https://evil.example/"));
        assertEquals("/", Web.safeNext("/\\evil.example"));
    }

    @Test
    void signingOutEndsTheSession() throws Exception {
        Browser b = new Browser();
        b.signIn("/", "olive-password");
        String form = b.get("/").body();
        assertEquals(303, b.post("/sign-out", "csrf=" + csrf(form)).statusCode());
        assertEquals(303, b.get("/").statusCode(), "signed out: back to sign-in");
    }

    @Test
    void everyPageAndAssetCarriesTheSecurityHeadersAndNoScript() throws Exception {
        Browser b = new Browser();
        HttpResponse<String> signIn = b.get("/sign-in");
        assertEquals(Web.CSP, signIn.headers().firstValue("Content-Security-Policy").orElseThrow());
        assertTrue(Web.CSP.contains("script-src 'none'"));
        assertEquals("DENY", signIn.headers().firstValue("X-Frame-Options").orElseThrow());
        String cookie = signIn.headers().firstValue("Set-Cookie").orElseThrow();
        assertTrue(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"), cookie);
        assertFalse(signIn.body().contains("<script"), "no script, inline or not");
        for (String asset : new String[]{"/static/govuk-frontend.min.css", "/static/accrue.css",
                "/assets/images/favicon.ico"}) {
            HttpResponse<String> r = b.get(asset);
            assertEquals(200, r.statusCode(), asset);
            assertEquals(Web.CSP, r.headers().firstValue("Content-Security-Policy").orElse(""), asset);
        }
        assertEquals(404, b.get("/static/govuk-frontend.min.js").statusCode(), "no script is served");
    }

    /** Signs in, uploads a sample, and returns the result page's HTML. */
    private String resultOf(String sample) throws Exception {
        Browser b = new Browser();
        b.signIn("/", "olive-password");
        HttpResponse<String> uploaded = b.upload(csrf(b.get("/").body()), "2026-11-28", sample,
                Files.readAllBytes(SAMPLES.resolve(sample)));
        assertEquals(303, uploaded.statusCode(), uploaded.body());
        return b.get(uploaded.headers().firstValue("Location").orElseThrow()).body();
    }

    @Test
    void eachCredentialSaysWhatItCarriesAndWhatItMisses() throws Exception {
        String lea = resultOf("lea-microcredentials.yaml");
        assertTrue(lea.contains("10 SCQF points at SCQF level 7"), lea);
        assertTrue(lea.contains("5 ECTS x 2 = 10 SCQF credit points (UK convention)"), lea);
        assertTrue(lea.contains("Is: cmf-microcredential, eu-microcredential"), lea);
        assertTrue(lea.contains("Not cmf-microcredential: identity verified at assessment, study hours 80 outside "
                + "100-150"), lea);
        String max = resultOf("max-no-credit.yaml");
        assertTrue(max.contains("No credit: assessment is formative; only summative assessment carries credit"), max);
    }

    @Test
    void aBadgesVerificationIsShownAndALearnerRecordsIsNot() throws Exception {
        String badge = resultOf("formats/open-badge-ob3.json");
        assertTrue(badge.contains("Not verified: unsigned</strong> it carries no proof to check offline (Open Badges "
                + "3.0)"), badge);
        String lea = resultOf("lea-microcredentials.yaml");
        assertFalse(lea.contains("Not verified"), lea);
        assertFalse(lea.contains(">Verified<"), lea);
    }

    @Test
    void theCreditChartsAreDrawnOnTheServerWithTheirFiguresInWords() throws Exception {
        String lea = resultOf("lea-microcredentials.yaml");
        assertTrue(lea.contains("<svg role=\"img\" aria-labelledby=\"by-level-title by-level-desc\""), lea);
        // LM-01: 10 points at level 7; LM-02 (6) and LM-03 (8) at level 9
        assertTrue(lea.contains("<desc id=\"by-level-desc\">SCQF 7: 10; SCQF 9: 14</desc>"), lea);
        assertTrue(lea.contains("<desc id=\"by-subject-desc\">"), lea);
        assertTrue(lea.contains("marketing: 10"), lea);
    }

    @Test
    void theRuleSetsPageStatesEachAwardsRequirementsInWords() throws Exception {
        Browser b = new Browser();
        b.signIn("/rulesets", "olive-password");
        String page = b.get("/rulesets").body();
        assertTrue(page.contains(service.server.registry().ruleSets().all().get(0).ruleSet().id()), page);
        assertTrue(page.contains("the beginning"), page);
        assertTrue(page.contains("Postgraduate Certificate"), page);
        assertTrue(page.contains("at least 60 SCQF points in all"), page);
        assertTrue(page.contains("at least 40 SCQF points at SCQF level 11 or above"), page);
    }

    @Test
    void theOverviewCountsTheLogsVerdicts() throws Exception {
        Browser b = new Browser();
        b.signIn("/overview", "olive-password");
        long before = service.server.registry().log().verdicts().size();
        resultOf("chen-allocation.yaml");
        String page = b.get("/overview").body();
        long after = service.server.registry().log().verdicts().size();
        assertEquals(before + 1, after);
        assertTrue(page.contains(after + " learner" + (after == 1 ? "" : "s") + " checked"), page);
        assertTrue(page.contains("<desc id=\"per-month-desc\">"), page);
        java.util.regex.Matcher m = Pattern.compile("<td class=\"govuk-table__cell\">pgcert-data-science</td>\\s*"
                + "<td[^>]*>(\\d+)</td>").matcher(page);
        assertTrue(m.find(), page);
        long eligible = service.server.registry().log().verdicts().stream()
                .filter(v -> "eligible".equals(v.verdicts().get("pgcert-data-science"))).count();
        assertEquals(eligible, Long.parseLong(m.group(1)));
        assertTrue(eligible >= 1, "Chen is eligible for pgcert-data-science");
    }

    @Test
    void aLearnerOnTheLogIsCheckedAgainFromTheirFile() throws Exception {
        resultOf("chen-allocation.yaml");
        Browser b = new Browser();
        b.signIn("/", "olive-password");
        HttpResponse<String> again = b.upload(csrf(b.get("/").body()), "2026-11-28", null, null, "L-0003");
        assertEquals(303, again.statusCode(), again.body());
        String page = b.get(again.headers().firstValue("Location").orElseThrow()).body();
        assertTrue(page.contains("Chen Wei (L-0003)") && page.contains("Eligible for 6 awards"), page);
        String id = again.headers().firstValue("Location").orElseThrow().substring("/decisions/".length());
        assertTrue(service.get(Role.VIEWER, "/v1/evaluations/" + id).body()
                .contains("\"source\":\"chen-allocation.yaml\""));
        HttpResponse<String> nobody = b.upload(csrf(b.get("/").body()), "2026-11-28", null, null, "L-NOBODY");
        assertEquals(400, nobody.statusCode());
        assertTrue(nobody.body().contains("No learner L-NOBODY with a file on the log"), nobody.body());
    }

    @Test
    void aSessionThatExpiredDuringAFormReturnsToThatFormAfterSignIn() throws Exception {
        Browser b = new Browser();
        HttpResponse<String> posted = b.post("/learners/L-1/exceptions", "csrf=x&type=waive");
        assertEquals(303, posted.statusCode());
        assertEquals("/sign-in?next=%2Flearners%2FL-1%2Fexceptions%2Fnew", posted.headers().firstValue("Location")
                .orElseThrow());
        assertEquals("/sign-in?next=%2Fexceptions", b.post("/exceptions/e1/decide", "csrf=x").headers()
                .firstValue("Location").orElseThrow());
        assertEquals("/sign-in?next=%2F", b.post("/evaluate", "csrf=x").headers().firstValue("Location")
                .orElseThrow());
    }

    @Test
    void aComparisonShowsChangedCredentialsToo() {
        String earlier = "{\"learner\":{\"id\":\"L\",\"name\":null},\"source\":\"s\",\"asOf\":\"2026-01-01\","
                + "\"ruleset\":\"r\",\"awards\":[],\"credentials\":[{\"id\":\"A\",\"title\":\"T\",\"scqfPoints\":15,"
                + "\"scqfLevel\":11,\"creditBearing\":true,\"excluded\":[],\"classifications\":[],\"unmet\":[],"
                + "\"notes\":[]}]}";
        String later = earlier.replace("\"scqfPoints\":15,\"scqfLevel\":11,\"creditBearing\":true,\"excluded\":[]",
                "\"scqfPoints\":null,\"scqfLevel\":null,\"creditBearing\":false,\"excluded\":[\"too old\"]");
        Comparison c = Comparison.of("L", ResultView.of("d1", "x", "t1", earlier), ResultView.of("d2", "x", "t2", later));
        assertEquals(java.util.List.of(new Comparison.Change("credential A", "credit", "15 SCQF points at level 11",
                "no credit: too old")), c.changes());
        assertEquals(java.util.List.of(), Comparison.of("L", ResultView.of("d1", "x", "t1", earlier),
                ResultView.of("d2", "x", "t2", earlier)).changes());
    }
}
