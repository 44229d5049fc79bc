package org.accrue.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.accrue.RuleSet;
import org.accrue.TestRuleSets;
import org.accrue.service.accounts.Role;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two rule sets by date in force, as a configuration file names them: last year's regulations (the packaged
 * rule set) and this year's (the same, but a Postgraduate Certificate needs 75 points, not 60, from 1 August
 * 2026). An evaluation uses the rule set in force on its as-of date, to the day; replay compares with today's.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RuleSetsByDateTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final Path AMIRA = TestRuleSets.REPO.resolve("samples/amira-pgcert-data-science.yaml");

    Path dir;
    TestService service;
    String packaged;
    String regs2026;

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        this.dir = dir;
        Path regs = TestRuleSets.copyOfShippedRules(Files.createDirectories(dir.resolve("regs-2026")));
        Path pgcert = regs.resolve("rules/scqf-pgcert.dslr");
        String text = Files.readString(pgcert);
        assertTrue(text.contains("needs at least 60 SCQF points in all"));
        Files.writeString(pgcert, text.replace("needs at least 60 SCQF points in all", "needs at least 75 SCQF points in all"));
        Path config = dir.resolve("accrue.yaml");
        Files.writeString(config, """
                # last year's regulations, and this year's from 1 August 2026
                port: 0
                db: %s
                maxBody: 1MB
                catalogue: offers.catalogue.yaml
                ruleSets:
                  - rules: packaged
                  - rules: [regs-2026/frameworks, regs-2026/rules]
                    inForceFrom: 2026-08-01
                """.formatted(Databases.fresh("sqlite")));
        Files.copy(Path.of(System.getProperty("accrue.repo", "..")).resolve("samples/catalogue.yaml"),
                dir.resolve("offers.catalogue.yaml"));
        ServiceConfig c = ServiceConfig.read(config);
        assertEquals(dir.resolve("offers.catalogue.yaml"), c.catalogue());
        assertEquals(2, c.ruleSets().size());
        assertEquals(List.of(dir.resolve("regs-2026/frameworks"), dir.resolve("regs-2026/rules")),
                c.ruleSets().get(1).folders());
        assertEquals(1 << 20, c.maxBody());
        service = new TestService(c);
        packaged = RuleSet.loadDefault().id();
        regs2026 = service.server.registry().ruleSets().on(LocalDate.of(2026, 8, 1)).orElseThrow().ruleSet().id();
        assertNotEquals(packaged, regs2026);
        assertEquals(132, service.server.registry().catalogue().items().size());
    }

    @AfterAll
    void stop() {
        service.close();
    }

    private JsonNode evaluate(String asOf, String extra) throws Exception {
        HttpResponse<String> r = service.send(Role.VIEWER, "POST", "/v1/evaluations?award=scqf-pgcert&asOf=" + asOf
                + extra, Files.readAllBytes(AMIRA), "application/yaml");
        assertEquals(201, r.statusCode(), r.body());
        return JSON.readTree(r.body());
    }

    @Test
    void theRuleSetInForceOnTheAsOfDateDecidesToTheDay() throws Exception {
        JsonNode before = evaluate("2026-07-31", "").get("result");
        assertEquals(packaged, before.get("ruleset").asText());
        assertTrue(before.get("awards").get(0).get("eligible").asBoolean(), "60 points were enough until 31 July");
        JsonNode from = evaluate("2026-08-01", "").get("result");
        assertEquals(regs2026, from.get("ruleset").asText());
        assertFalse(from.get("awards").get(0).get("eligible").asBoolean(), "75 are needed from 1 August");
        assertEquals(75, from.get("awards").get(0).get("requirements").get(0).get("need").asInt());
    }

    @Test
    void aRequestMayNameTheRuleSet() throws Exception {
        JsonNode named = evaluate("2026-09-01", "&ruleSet=" + packaged).get("result");
        assertEquals(packaged, named.get("ruleset").asText());
        assertTrue(named.get("awards").get(0).get("eligible").asBoolean());
    }

    @Test
    void theRuleSetsAreListedWithTheOneInForceToday() throws Exception {
        JsonNode sets = JSON.readTree(service.get(Role.VIEWER, "/v1/rulesets").body());
        assertEquals(2, sets.size());
        assertEquals(packaged, sets.get(0).get("id").asText());
        assertTrue(sets.get(0).get("inForceFrom").isNull());
        assertEquals("2026-08-01", sets.get(1).get("inForceFrom").asText());
        boolean newInForce = !LocalDate.now(java.time.ZoneOffset.UTC).isBefore(LocalDate.of(2026, 8, 1));
        assertEquals(newInForce, sets.get(1).get("inForceToday").asBoolean());
        assertEquals(!newInForce, sets.get(0).get("inForceToday").asBoolean());
    }

    @Test
    void replayShowsWhatTodaysRegulationsWouldChange() throws Exception {
        String id = evaluate("2026-07-31", "").get("decision").asText();
        JsonNode replay = JSON.readTree(service.post(Role.VIEWER, "/v1/evaluations/" + id + "/replay", null, null).body());
        assertTrue(replay.get("sameAsRecorded").asBoolean());
        assertEquals(packaged, replay.get("recordedRuleSet").asText());
        assertEquals(regs2026, replay.get("ruleSet").asText());
        assertEquals(1, replay.get("changes").size());
        JsonNode change = replay.get("changes").get(0);
        assertEquals("scqf-pgcert", change.get("award").asText());
        assertEquals("eligible", change.get("was").asText());
        assertEquals("not-eligible", change.get("now").asText());
    }

    @Test
    void aDecisionWhoseRuleSetIsNoLongerLoadedIsReplayedOnlyAgainstToday() throws Exception {
        String id = evaluate("2026-07-31", "").get("decision").asText();
        ServiceConfig onlyNew = ServiceConfig.defaults().withPort(0).withDb(service.db).withRuleSets(List.of(
                new RuleSets.Spec(List.of(dir.resolve("regs-2026")), RuleSets.ALWAYS)));
        try (TestService later = new TestService(onlyNew)) {
            JsonNode replay = JSON.readTree(later.post(Role.VIEWER, "/v1/evaluations/" + id + "/replay", null, null)
                    .body());
            assertFalse(replay.get("recordedRuleSetLoaded").asBoolean());
            assertTrue(replay.get("sameAsRecorded").isNull());
            assertEquals("not-eligible", replay.get("changes").get(0).get("now").asText());
        }
    }

    @Test
    void configurationErrorsNameTheFileAndTheField() throws Exception {
        Path bad = dir.resolve("bad.yaml");
        Files.writeString(bad, "port: 8080\nlisten: 0.0.0.0\n");
        assertEquals(bad + ": listen: unknown setting; expected one of bind, catalogue, db, maxBody, port, requireVerified, ruleSets, trust",
                assertThrows(IllegalArgumentException.class, () -> ServiceConfig.read(bad)).getMessage());
        Files.writeString(bad, "ruleSets:\n  - rules: packaged\n    inForceFrom: 1 August\n");
        assertEquals(bad + ": ruleSets[0].inForceFrom: '1 August' is not a date YYYY-MM-DD",
                assertThrows(IllegalArgumentException.class, () -> ServiceConfig.read(bad)).getMessage());
        Files.writeString(bad, "maxBody: lots\n");
        assertEquals(bad + ": maxBody: 'lots' is not a size (5MB, 512KB, 100000)",
                assertThrows(IllegalArgumentException.class, () -> ServiceConfig.read(bad)).getMessage());
        Files.writeString(bad, "port: 70000\n");
        assertEquals(bad + ": port: expected a number from 0 to 65535",
                assertThrows(IllegalArgumentException.class, () -> ServiceConfig.read(bad)).getMessage());
        assertEquals("two rule sets come into force on 2026-08-01; give each its own date",
                assertThrows(IllegalArgumentException.class, () -> RuleSets.load(List.of(
                        new RuleSets.Spec(List.of(), LocalDate.of(2026, 8, 1)),
                        new RuleSets.Spec(List.of(), LocalDate.of(2026, 8, 1))))).getMessage());
    }

    @Test
    void anAsOfBeforeEveryRuleSetIsRefused() throws Exception {
        ServiceConfig late = ServiceConfig.defaults().withPort(0).withDb(Databases.fresh("sqlite")).withRuleSets(
                List.of(new RuleSets.Spec(List.of(), LocalDate.of(2020, 1, 1))));
        try (TestService s = new TestService(late)) {
            HttpResponse<String> r = s.send(Role.VIEWER, "POST", "/v1/evaluations?asOf=2019-12-31",
                    Files.readAllBytes(AMIRA), null);
            assertEquals(400, r.statusCode());
            assertTrue(r.body().contains("asOf: no rule set is in force on 2019-12-31; the first comes into force on "
                    + "2020-01-01"), r.body());
            assertEquals(201, s.send(Role.VIEWER, "POST", "/v1/evaluations?asOf=2020-01-01",
                    Files.readAllBytes(AMIRA), null).statusCode());
        }
    }
}
