package org.accrue.service.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.accrue.RuleSet;
import org.accrue.learner.LearnerRecord;
import org.accrue.planning.Catalogue;
import org.accrue.planning.Objective;
import org.accrue.planning.PlanReport;
import org.accrue.planning.PlanRequest;
import org.accrue.planning.PlanResult;
import org.accrue.reading.Catalogues;
import org.accrue.reading.LearnerFiles;
import org.accrue.service.Databases;
import org.accrue.service.ServiceConfig;
import org.accrue.service.TestService;
import org.accrue.service.accounts.Role;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** POST /v1/plans and POST /v1/what-if on a running server with the shipped catalogue, against the engine in-process. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PlansApiTest {
    static final Path REPO = Path.of(System.getProperty("accrue.repo", ".."));
    static final Path CATALOGUE = REPO.resolve("samples/catalogue.yaml");
    static final ObjectMapper JSON = new ObjectMapper();
    TestService service;
    String ben;

    @BeforeAll
    void start() throws Exception {
        service = new TestService(ServiceConfig.defaults().withPort(0).withDb(Databases.fresh("sqlite"))
                .withCatalogue(CATALOGUE));
        ben = Files.readString(REPO.resolve("samples/ben-pgcert-nearly.yaml"));
    }

    @AfterAll
    void stop() {
        service.close();
    }

    @Test
    void aPlanOverHttpIsThePlanTheEngineMakes() throws Exception {
        HttpResponse<String> r = service.post(Role.VIEWER, "/v1/plans?award=pgcert-data-science&asOf=2026-11-28"
                + "&objective=hours&alternatives=1", ben, "application/yaml");
        assertEquals(200, r.statusCode(), r.body());
        assertEquals("application/json", r.headers().firstValue("Content-Type").orElse(""));
        JsonNode plans = JSON.readTree(r.body()).get("plans");
        assertEquals(1, plans.size());

        LearnerRecord learner = LearnerFiles.parseAny(ben, "request", false);
        Catalogue catalogue = Catalogues.read(CATALOGUE);
        PlanResult expected = RuleSet.loadDefault().plan(learner, catalogue,
                new PlanRequest("pgcert-data-science", LocalDate.of(2026, 11, 28), Objective.HOURS, null, 1));
        assertEquals(JSON.readTree(PlanReport.json(expected)), plans.get(0));
        // a plan is not a decision: nothing is on the log for Ben
        HttpResponse<String> log = service.get(Role.VIEWER, "/v1/learners/L-0002/evaluations");
        assertEquals(0, JSON.readTree(log.body()).get("decisions").size(), log.body());
    }

    @Test
    void everyAwardWhenNoneIsNamedAndABudgetThatIsTooSmall() throws Exception {
        HttpResponse<String> all = service.post(Role.VIEWER, "/v1/plans?asOf=2026-11-28&budget=10", ben,
                "application/yaml");
        assertEquals(200, all.statusCode(), all.body());
        JsonNode plans = JSON.readTree(all.body()).get("plans");
        assertEquals(RuleSet.loadDefault().awards().size(), plans.size());
        for (JsonNode p : plans) {
            assertTrue(p.get("plan").isNull(), p.toString());
            assertTrue(p.get("reason").asText().startsWith("no plan"), p.get("reason").asText());
        }
    }

    @Test
    void badRequestsAreProblemsWithTheField() throws Exception {
        HttpResponse<String> objective = service.post(Role.VIEWER, "/v1/plans?objective=fun", ben, "application/yaml");
        assertEquals(400, objective.statusCode());
        assertEquals("application/problem+json", objective.headers().firstValue("Content-Type").orElse(""));
        assertEquals("objective: 'fun' is not cost, hours or count", JSON.readTree(objective.body()).get("detail").asText());

        HttpResponse<String> budget = service.post(Role.VIEWER, "/v1/plans?budget=-3", ben, "application/yaml");
        assertEquals(400, budget.statusCode());
        assertTrue(JSON.readTree(budget.body()).get("detail").asText().startsWith("budget: '-3' is not an amount"));

        HttpResponse<String> award = service.post(Role.VIEWER, "/v1/plans?award=phd", ben, "application/yaml");
        assertEquals(400, award.statusCode());
        assertTrue(JSON.readTree(award.body()).get("detail").asText().startsWith("award: unknown award 'phd'"));

        HttpResponse<String> learner = service.post(Role.VIEWER, "/v1/plans", "learner: {id: x}\ncredentials: [{id: a}]\n",
                "application/yaml");
        assertEquals(400, learner.statusCode());
        assertEquals("request: credentials[0].title: is missing", JSON.readTree(learner.body()).get("detail").asText());

        HttpResponse<String> item = service.post(Role.VIEWER, "/v1/what-if?item=nope", ben, "application/yaml");
        assertEquals(400, item.statusCode());
        assertEquals("item: no item 'nope' in the catalogue", JSON.readTree(item.body()).get("detail").asText());
    }

    @Test
    void whatIfAddsCatalogueItems() throws Exception {
        Catalogue catalogue = Catalogues.read(CATALOGUE);
        String id = catalogue.items().stream().filter(i -> i.credential().credit().value()
                .compareTo(BigDecimal.valueOf(15)) >= 0 && i.credential().level().value() == 11).findFirst()
                .orElseThrow().id();
        HttpResponse<String> r = service.post(Role.VIEWER, "/v1/what-if?asOf=2026-11-28&award=scqf-pgcert&item=" + id,
                ben, "application/yaml");
        assertEquals(200, r.statusCode(), r.body());
        JsonNode w = JSON.readTree(r.body());
        assertEquals(id, w.get("added").get(0).asText());
        JsonNode change = w.get("changes").get(0);
        assertEquals("scqf-pgcert", change.get("award").asText());
        assertEquals(false, change.get("eligibleBefore").asBoolean());
        assertEquals(true, change.get("eligibleAfter").asBoolean());
    }

    @Test
    void withoutACatalogueThereIsNothingToPlanWith() throws Exception {
        try (TestService bare = new TestService("sqlite")) {
            HttpResponse<String> r = bare.post(Role.VIEWER, "/v1/plans", ben, "application/yaml");
            assertEquals(409, r.statusCode());
            assertTrue(JSON.readTree(r.body()).get("detail").asText().startsWith("catalogue: this registry has no "
                    + "catalogue to plan with"), r.body());
        }
    }
}
