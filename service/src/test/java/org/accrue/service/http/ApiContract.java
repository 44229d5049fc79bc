package org.accrue.service.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.accrue.Outcome;
import org.accrue.RuleSet;
import org.accrue.io.Sha256;
import org.accrue.reading.LearnerFiles;
import org.accrue.report.JsonReport;
import org.accrue.service.TestService;
import org.accrue.service.accounts.Role;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The HTTP API against a running server on a random port, over a real database: SQLite and PostgreSQL each run
 * every test here ({@link SqliteApiTest}, {@link PostgresApiTest}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ApiContract {
    static final Path REPO = Path.of(System.getProperty("accrue.repo", ".."));
    static final String AS_OF = "2026-11-28";
    static final ObjectMapper JSON = new ObjectMapper();
    static final long MAX_BODY = 256 * 1024;

    TestService service;
    RuleSet ruleSet;

    abstract String kind();

    @BeforeAll
    void start() throws Exception {
        service = new TestService(org.accrue.service.ServiceConfig.defaults().withPort(0)
                .withDb(org.accrue.service.Databases.fresh(kind())).withMaxBody(MAX_BODY));
        ruleSet = RuleSet.loadDefault();
    }

    @AfterAll
    void stop() {
        service.close();
    }

    static List<Path> samples() throws Exception {
        try (Stream<Path> s = Files.walk(REPO.resolve("samples"))) {
            return s.filter(Files::isRegularFile).filter(LearnerFiles::isLearnerFileName).sorted().toList();
        }
    }

    static JsonNode json(HttpResponse<String> r) throws Exception {
        return JSON.readTree(r.body());
    }

    /** What evaluate --format json writes for the file, with the source the service gives. */
    JsonNode expected(Path file) throws Exception {
        Outcome o = ruleSet.evaluateFile(file, LocalDate.parse(AS_OF), List.of());
        ObjectNode n = (ObjectNode) JSON.readTree(JsonReport.line(((Outcome.Evaluated) o).result()));
        n.put("source", "request");
        return n;
    }

    HttpResponse<String> evaluate(Role role, byte[] body, String type, String query) {
        return service.send(role, "POST", "/v1/evaluations?asOf=" + AS_OF + query, body, type);
    }

    @Test
    void everySampleIsAnsweredAsEvaluateWritesItAndRecorded() throws Exception {
        List<Path> samples = samples();
        assertTrue(samples.size() >= 18, "the shipped samples: " + samples);
        for (Path sample : samples) {
            byte[] bytes = Files.readAllBytes(sample);
            HttpResponse<String> r = evaluate(Role.VIEWER, bytes, null, "");
            assertEquals(201, r.statusCode(), sample + ": " + r.body());
            JsonNode body = json(r);
            String id = body.get("decision").asText();
            assertEquals("/v1/evaluations/" + id, r.headers().firstValue("Location").orElseThrow());
            assertEquals(expected(sample), body.get("result"), sample.toString());

            JsonNode d = json(service.get(Role.VIEWER, "/v1/evaluations/" + id));
            assertEquals(id, d.get("id").asText());
            assertEquals("token-viewer", d.get("by").asText());
            assertEquals(AS_OF, d.get("asOf").asText());
            assertEquals(ruleSet.id(), d.get("ruleSet").asText());
            assertEquals(Sha256.hex(bytes), d.get("inputSha256").asText());
            assertEquals(body.get("result"), d.get("result"));
            assertEquals("evaluated", d.get("status").asText());
            assertTrue(d.get("at").asText().endsWith("Z"), d.get("at").asText());
        }
    }

    @Test
    void theResultIsByteForByteWhatEvaluateWrites() throws Exception {
        Path sample = REPO.resolve("samples/chen-allocation.yaml");
        HttpResponse<String> r = evaluate(Role.VIEWER, Files.readAllBytes(sample), "application/yaml", "");
        String expected = JsonReport.line(((Outcome.Evaluated) ruleSet.evaluateText(Files.readString(sample),
                "request", false, LocalDate.parse(AS_OF), List.of())).result());
        assertTrue(r.body().endsWith(",\"result\":" + expected + "}"), r.body());
    }

    @Test
    void awardsNamedInTheQueryAreTheOnlyOnesEvaluated() throws Exception {
        HttpResponse<String> r = evaluate(Role.VIEWER, Files.readAllBytes(REPO.resolve("samples/ben-pgcert-nearly.yaml")),
                null, "&award=scqf-pgcert&award=scqf-pgdip");
        assertEquals(201, r.statusCode(), r.body());
        List<String> awards = new ArrayList<>();
        json(r).get("result").get("awards").forEach(a -> awards.add(a.get("award").asText()));
        assertEquals(List.of("scqf-pgcert", "scqf-pgdip"), awards.stream().sorted().toList());

        HttpResponse<String> unknown = evaluate(Role.VIEWER, "x".getBytes(StandardCharsets.UTF_8), null,
                "&award=no-such-award");
        assertProblem(unknown, 400, "award: unknown award 'no-such-award'");
    }

    @Test
    void anUnreadableFileIs400WithTheCommandLinesMessageAndIsLoggedAsRejected() throws Exception {
        String text = "learner: {id: L-9}\ncredentials:\n  - {id: A, title: T, level: {framework: scqf, value: 13}}\n";
        HttpResponse<String> r = evaluate(Role.VIEWER, text.getBytes(StandardCharsets.UTF_8), "application/yaml", "");
        Outcome.Rejected cli = (Outcome.Rejected) ruleSet.evaluateText(text, "request", false,
                LocalDate.parse(AS_OF), List.of());
        assertProblem(r, 400, cli.message());
        String id = json(r).get("decision").asText();
        JsonNode d = json(service.get(Role.VIEWER, "/v1/evaluations/" + id));
        assertEquals("rejected", d.get("status").asText());
        assertEquals(cli.message(), d.get("reason").asText());
        assertTrue(d.get("result").isNull());
        assertEquals(Sha256.hex(text), d.get("inputSha256").asText());
    }

    @Test
    void aBodyThatIsNotTextIs415() throws Exception {
        assertProblem(evaluate(Role.VIEWER, new byte[]{(byte) 0xff, (byte) 0xfe, 0x41}, null, ""), 415,
                "request: body: is not UTF-8 text: invalid byte at offset 0");
        assertProblem(evaluate(Role.VIEWER, "learner: {id: X}".getBytes(StandardCharsets.UTF_8), "image/png", ""),
                415, "request: Content-Type image/png is not a learner file");
    }

    @Test
    void aBodyOverTheLimitIs413WithOrWithoutALength() throws Exception {
        byte[] big = new byte[(int) MAX_BODY + 1];
        java.util.Arrays.fill(big, (byte) ' ');
        assertProblem(evaluate(Role.VIEWER, big, "application/yaml", ""), 413, "larger than the limit of "
                + MAX_BODY + " bytes");
        HttpRequest chunked = HttpRequest.newBuilder(URI.create(service.base() + "/v1/evaluations"))
                .header("Authorization", "Bearer " + service.tokens.get(Role.VIEWER))
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big))).build();
        assertProblem(service.send(chunked), 413, "larger than the limit");
        byte[] justUnder = new byte[(int) MAX_BODY];
        java.util.Arrays.fill(justUnder, (byte) ' ');
        // at the limit the body is read: whitespace is no learner file, so 400, not 413
        assertEquals(400, evaluate(Role.VIEWER, justUnder, "application/yaml", "").statusCode());
    }

    @Test
    void badQueriesAre400() throws Exception {
        assertProblem(service.post(Role.VIEWER, "/v1/evaluations?asOf=28/11/2026", "x", null), 400,
                "asOf: '28/11/2026' is not a date YYYY-MM-DD");
        assertProblem(service.post(Role.VIEWER, "/v1/evaluations?ruleSet=sha256:abc", "x", null), 400,
                "ruleSet: no rule set sha256:abc is loaded");
        assertProblem(service.get(Role.VIEWER, "/v1/learners/L-1/evaluations?limit=0"), 400, "limit: between 1 and 500");
        assertProblem(service.get(Role.VIEWER, "/v1/learners/L-1/evaluations?limit=x"), 400, "limit: 'x' is not a number");
    }

    @Test
    void unknownThingsAre404AndWrongMethods405() throws Exception {
        assertProblem(service.get(Role.VIEWER, "/v1/evaluations/no-such-id"), 404, "no decision no-such-id");
        assertProblem(service.get(Role.VIEWER, "/v1/nothing"), 404, "no such endpoint: GET /v1/nothing");
        assertProblem(service.send(Role.VIEWER, "DELETE", "/v1/evaluations", null, null), 405,
                "DELETE is not allowed on /v1/evaluations");
        assertProblem(service.post(Role.APPROVER, "/v1/exceptions/nope/approve", null, null), 404, "no exception nope");
    }

    @Test
    void healthAndRuleSetsAndAwards() throws Exception {
        JsonNode h = json(service.get(null, "/health"));
        assertEquals("ok", h.get("status").asText());
        assertEquals(ruleSet.id(), h.get("ruleSets").get(0).asText());
        JsonNode sets = json(service.get(Role.VIEWER, "/v1/rulesets"));
        assertEquals(1, sets.size());
        assertTrue(sets.get(0).get("inForceToday").asBoolean());
        assertTrue(sets.get(0).get("inForceFrom").isNull());
        JsonNode awards = json(service.get(Role.VIEWER, "/v1/awards"));
        assertEquals(ruleSet.awards().size(), awards.size());
        for (int i = 0; i < awards.size(); i++) {
            assertEquals(JSON.readTree(JsonReport.json(ruleSet.awards().get(i))), awards.get(i));
        }
    }

    @Test
    void aLearnersDecisionsComeNewestFirstInPages() throws Exception {
        String learner = "L-PAGE-" + kind();
        String file = Files.readString(REPO.resolve("samples/max-no-credit.yaml")).replace("L-0013", learner);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            HttpResponse<String> r = evaluate(Role.VIEWER, file.getBytes(StandardCharsets.UTF_8), null, "");
            assertEquals(201, r.statusCode(), r.body());
            ids.add(0, json(r).get("decision").asText());
        }
        List<String> seen = new ArrayList<>();
        String after = null;
        int pages = 0;
        do {
            JsonNode page = json(service.get(Role.VIEWER, "/v1/learners/" + learner + "/evaluations?limit=2"
                    + (after == null ? "" : "&after=" + after)));
            page.get("decisions").forEach(d -> seen.add(d.get("id").asText()));
            after = page.get("next").isNull() ? null : page.get("next").asText();
            pages++;
        } while (after != null && pages < 10);
        assertEquals(ids, seen);
        assertEquals(3, pages);
    }

    @Test
    void replayGivesTheRecordedAnswerAgain() throws Exception {
        HttpResponse<String> r = evaluate(Role.VIEWER, Files.readAllBytes(REPO.resolve("samples/eli-transfer-cap.yaml")),
                null, "");
        String id = json(r).get("decision").asText();
        HttpResponse<String> replay = service.post(Role.VIEWER, "/v1/evaluations/" + id + "/replay", null, null);
        assertEquals(200, replay.statusCode(), replay.body());
        JsonNode p = json(replay);
        assertTrue(p.get("sameAsRecorded").asBoolean());
        assertEquals(0, p.get("changes").size());
        assertEquals(ruleSet.id(), p.get("ruleSet").asText());
    }

    @Test
    void exceptionsNeedFourEyesAndAreAppliedFromApproval() throws Exception {
        Path sample = REPO.resolve("samples/ben-pgcert-nearly.yaml");
        String learner = "L-FOUR-EYES-" + kind();
        byte[] file = Files.readString(sample).replaceFirst("id: L-\\d+", "id: " + learner)
                .getBytes(StandardCharsets.UTF_8);
        JsonNode before = json(evaluate(Role.VIEWER, file, null, "&award=scqf-pgcert")).get("result");
        assertFalse(before.get("awards").get(0).get("eligible").asBoolean(), "Ben is nearly, not yet, eligible");

        service.server.registry().accounts().addUser("olive-" + kind(), Role.APPROVER, "olive-password".toCharArray());
        String olive = basic("olive-" + kind(), "olive-password");
        String proposal = "{\"type\":\"waive\",\"award\":\"scqf-pgcert\",\"requirement\":\"total\","
                + "\"reason\":\"Accredited prior learning panel, minute 12\"}";
        HttpResponse<String> proposed = service.send(HttpRequest.newBuilder(URI.create(service.base()
                        + "/v1/learners/" + learner + "/exceptions")).header("Authorization", olive)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(proposal)).build());
        assertEquals(201, proposed.statusCode(), proposed.body());
        JsonNode e = json(proposed);
        assertEquals("pending", e.get("status").asText());
        assertEquals("olive-" + kind(), e.get("proposedBy").asText());
        String id = e.get("id").asText();

        // pending: not applied
        JsonNode pending = json(evaluate(Role.VIEWER, file, null, "&award=scqf-pgcert")).get("result");
        assertFalse(pending.get("awards").get(0).get("eligible").asBoolean());

        // the author may not approve it, though an approver
        HttpResponse<String> own = service.send(HttpRequest.newBuilder(URI.create(service.base() + "/v1/exceptions/"
                + id + "/approve")).header("Authorization", olive).POST(HttpRequest.BodyPublishers.noBody()).build());
        assertProblem(own, 403, "someone else must approve or reject it (four eyes)");

        HttpResponse<String> approved = service.post(Role.APPROVER, "/v1/exceptions/" + id + "/approve",
                "{\"note\":\"seen the minute\"}", "application/json");
        assertEquals(200, approved.statusCode(), approved.body());
        assertEquals("approved", json(approved).get("status").asText());
        assertEquals("token-approver", json(approved).get("decidedBy").asText());
        assertProblem(service.post(Role.ADMIN, "/v1/exceptions/" + id + "/reject", null, null), 409,
                "was already approved");

        HttpResponse<String> after = evaluate(Role.VIEWER, file, null, "&award=scqf-pgcert");
        JsonNode award = json(after).get("result").get("awards").get(0);
        assertTrue(award.get("eligible").asBoolean(), after.body());
        JsonNode applied = award.get("exceptions").get(0);
        assertEquals("token-approver", applied.get("authorisedBy").asText());
        assertEquals("olive-" + kind(), applied.get("proposedBy").asText());
        assertEquals("Accredited prior learning panel, minute 12", applied.get("reason").asText());
        JsonNode decision = json(service.get(Role.VIEWER, "/v1/evaluations/" + json(after).get("decision").asText()));
        assertEquals(id, decision.get("exceptions").get(0).asText());
        assertEquals("eligible", decision.get("verdicts").get("scqf-pgcert").asText());

        JsonNode listed = json(service.get(Role.VIEWER, "/v1/learners/" + learner + "/exceptions"));
        assertEquals(1, listed.size());
        assertEquals("seen the minute", listed.get(0).get("note").asText());
    }

    @Test
    void aRejectedProposalIsNeverApplied() throws Exception {
        String learner = "L-REJECTED-" + kind();
        HttpResponse<String> p = service.post(Role.OFFICER, "/v1/learners/" + learner + "/exceptions",
                "{\"type\":\"waive\",\"award\":\"scqf-pgcert\",\"requirement\":\"total\",\"reason\":\"r\"}",
                "application/json");
        String id = json(p).get("id").asText();
        assertEquals(200, service.post(Role.APPROVER, "/v1/exceptions/" + id + "/reject", null, null).statusCode());
        byte[] file = Files.readString(REPO.resolve("samples/ben-pgcert-nearly.yaml"))
                .replaceFirst("id: L-\\d+", "id: " + learner).getBytes(StandardCharsets.UTF_8);
        JsonNode award = json(evaluate(Role.VIEWER, file, null, "&award=scqf-pgcert")).get("result").get("awards").get(0);
        assertFalse(award.get("eligible").asBoolean());
        assertEquals(0, award.get("exceptions").size());
    }

    /** A finer exception goes through the same four eyes, keeps its minimum in the database, and is applied. */
    @Test
    void aModifiedMinimumIsProposedStoredApprovedAndApplied() throws Exception {
        String learner = "L-MODIFY-" + kind();
        String path = "/v1/learners/" + learner + "/exceptions";
        assertProblem(service.post(Role.OFFICER, path, "{\"type\":\"modify\",\"award\":\"scqf-pgcert\","
                + "\"requirement\":\"total\",\"reason\":\"r\"}", "application/json"), 400, "minimum: is missing");
        assertProblem(service.post(Role.OFFICER, path, "{\"type\":\"modify\",\"award\":\"scqf-pgcert\","
                + "\"requirement\":\"total\",\"minimum\":\"many\",\"reason\":\"r\"}", "application/json"), 400,
                "minimum: must be a number");
        assertProblem(service.post(Role.OFFICER, path, "{\"type\":\"allow-cap\",\"award\":\"scqf-pgcert\","
                + "\"credential\":\"BN-01\",\"minimum\":3,\"reason\":\"r\"}", "application/json"), 400,
                "minimum: only a modify changes a minimum");
        HttpResponse<String> p = service.post(Role.OFFICER, path, "{\"type\":\"modify\",\"award\":\"scqf-pgcert\","
                + "\"requirement\":\"total\",\"minimum\":45,\"reason\":\"Exam board, minute 7\"}", "application/json");
        assertEquals(201, p.statusCode(), p.body());
        assertEquals("modify", json(p).get("type").asText());
        assertEquals(45, json(p).get("minimum").asInt());
        String id = json(p).get("id").asText();
        assertEquals(200, service.post(Role.APPROVER, "/v1/exceptions/" + id + "/approve", null, null).statusCode());
        JsonNode listed = json(service.get(Role.VIEWER, path)).get(0);
        assertEquals(45, listed.get("minimum").asInt(), "the minimum was kept in the database");
        byte[] file = Files.readString(REPO.resolve("samples/ben-pgcert-nearly.yaml"))
                .replaceFirst("id: L-\\d+", "id: " + learner).getBytes(StandardCharsets.UTF_8);
        JsonNode award = json(evaluate(Role.VIEWER, file, null, "&award=scqf-pgcert")).get("result").get("awards").get(0);
        assertTrue(award.get("eligible").asBoolean(), award.toString());
        assertEquals("requirement 'total' minimum changed from 60 to 45 (it has 45)",
                award.get("exceptions").get(0).get("effect").asText());
        assertEquals(45, award.get("exceptions").get(0).get("minimum").asInt());
    }

    @Test
    void aProposalIsCheckedAgainstTheRuleSet() throws Exception {
        String path = "/v1/learners/L-1/exceptions";
        assertProblem(service.post(Role.OFFICER, path, "{\"type\":\"waive\",\"award\":\"scqf-pgcert\","
                + "\"requirement\":\"total\"}", "application/json"), 400, "reason: is missing");
        assertProblem(service.post(Role.OFFICER, path, "{\"type\":\"pardon\",\"award\":\"scqf-pgcert\",\"reason\":\"r\"}",
                "application/json"), 400, "type: unknown value 'pardon'");
        assertProblem(service.post(Role.OFFICER, path, "{\"type\":\"waive\",\"award\":\"no-award\","
                + "\"requirement\":\"total\",\"reason\":\"r\"}", "application/json"), 400, "award: unknown award 'no-award'");
        assertProblem(service.post(Role.OFFICER, path, "{\"type\":\"waive\",\"award\":\"scqf-pgcert\","
                + "\"requirement\":\"nothing\",\"reason\":\"r\"}", "application/json"), 400,
                "requirement: award 'scqf-pgcert' has no requirement 'nothing' to waive");
        assertProblem(service.post(Role.OFFICER, path, "{\"type\":\"allow\",\"award\":\"scqf-pgcert\",\"reason\":\"r\"}",
                "application/json"), 400, "credential: is missing");
        assertProblem(service.post(Role.OFFICER, path, "not json", "application/json"), 400, "the body is not JSON");
        assertProblem(service.post(Role.OFFICER, path, "{\"type\":\"waive\",\"extra\":1}", "application/json"), 400,
                "extra: unknown field");
    }

    @Test
    void noResponseEverCarriesAStackTrace() throws Exception {
        for (HttpResponse<String> r : List.of(
                evaluate(Role.VIEWER, "{".getBytes(StandardCharsets.UTF_8), "application/json", ""),
                evaluate(Role.VIEWER, "credentials: [".getBytes(StandardCharsets.UTF_8), null, ""),
                service.post(Role.OFFICER, "/v1/learners/x/exceptions", "[1,", "application/json"),
                service.get(Role.VIEWER, "/v1/evaluations/%00"))) {
            assertEquals("application/problem+json", r.headers().firstValue("Content-Type").orElse(""), r.body());
            assertFalse(r.body().contains("\tat ") || r.body().contains("Exception:"), r.body());
            JsonNode p = json(r);
            assertFalse(p.get("detail").asText().contains("\n"), r.body());
            assertEquals(r.statusCode(), p.get("status").asInt());
        }
    }

    static String basic(String user, String password) {
        return "Basic " + java.util.Base64.getEncoder().encodeToString((user + ":" + password)
                .getBytes(StandardCharsets.UTF_8));
    }

    static void assertProblem(HttpResponse<String> r, int status, String detailPart) throws Exception {
        assertEquals(status, r.statusCode(), r.body());
        assertEquals("application/problem+json", r.headers().firstValue("Content-Type").orElse(""));
        JsonNode p = JSON.readTree(r.body());
        assertEquals(status, p.get("status").asInt());
        assertNotNull(p.get("title"));
        assertTrue(p.get("detail").asText().contains(detailPart), "expected '" + detailPart + "' in " + r.body());
    }
}
