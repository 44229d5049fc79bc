package org.accrue.planning;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.accrue.RuleSet;
import org.accrue.learner.LearnerRecord;
import org.accrue.reading.Catalogues;
import org.accrue.reading.LearnerFiles;
import org.accrue.vocabulary.Award;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every shipped sample learner, every award, the shipped catalogue: a plan or a reason, each plan checked by
 * evaluating the learner with it, and the learner's text locked by a snapshot under
 * {@code engine/src/test/snapshots/plans} (rewrite with {@code -Daccrue.snapshots=update}, then review the diff).
 */
class SamplePlansTest {
    static final Path REPO = Path.of(System.getProperty("accrue.repo", ".."));
    static final Path SNAPSHOTS = REPO.resolve("engine/src/test/snapshots/plans");
    static final LocalDate AS_OF = LocalDate.of(2026, 11, 28);
    static RuleSet rules;
    static Catalogue catalogue;

    @BeforeAll
    static void load() throws Exception {
        rules = PlanningFixtures.rules();
        catalogue = Catalogues.read(REPO.resolve("samples/catalogue.yaml"));
    }

    static Stream<String> samples() throws Exception {
        try (Stream<Path> files = Files.list(REPO.resolve("samples"))) {
            return files.filter(LearnerFiles::isLearnerFileName).filter(Files::isRegularFile)
                    .map(f -> f.getFileName().toString()).sorted().toList().stream();
        }
    }

    static List<PlanResult> planAll(LearnerRecord learner) {
        return rules.plan(learner, catalogue, rules.awards().stream().map(Award::id)
                .map(a -> new PlanRequest(a, AS_OF, Objective.COST, null, 2)).toList());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void everySampleGetsAPlanOrAReasonForEveryAward(String sample) throws Exception {
        LearnerRecord learner = LearnerFiles.parseAny(Files.readString(REPO.resolve("samples").resolve(sample)),
                "samples/" + sample, false);
        List<PlanResult> results = planAll(learner);
        assertEquals(rules.awards().size(), results.size());
        StringBuilder text = new StringBuilder();
        for (PlanResult r : results) {
            if (r.plan() == null) {
                assertNotNull(r.reason(), r.award());
                assertFalse(r.eligibleNow());
            } else {
                assertNull(r.reason(), r.award());
                assertTrue(r.result().award(r.award()).orElseThrow().eligible(), r.award());
                assertEquals(r.plan().items().isEmpty(), r.eligibleNow());
                // the totals are the items' own
                BigDecimal cost = r.plan().items().stream().map(id -> catalogue.item(id).orElseThrow().price())
                        .reduce(BigDecimal.ZERO, BigDecimal::add);
                assertEquals(0, cost.compareTo(r.plan().cost()), r.award());
                for (Plan alternative : r.alternatives()) {
                    assertTrue(alternative.cost().compareTo(r.plan().cost()) >= 0, r.award());
                }
            }
            text.append(PlanReport.text(r, catalogue)).append('\n');
        }
        Path snapshot = SNAPSHOTS.resolve(sample + ".txt");
        if ("update".equals(System.getProperty("accrue.snapshots"))) {
            Files.createDirectories(SNAPSHOTS);
            Files.writeString(snapshot, text.toString());
        } else {
            assertEquals(Files.readString(snapshot), text.toString(), "snapshot " + snapshot);
        }
    }

    @Test
    void benNeedsOneMoreCourseAndItIsTheCheapestThatCounts() throws Exception {
        // Ben holds 45 of the 60 points of the PgCert in Data Science, core and methods met: any 15 points at
        // SCQF 11 (or 7 in FHEQ, EQF) complete it. The cheapest such item is the plan.
        LearnerRecord ben = LearnerFiles.read(REPO.resolve("samples/ben-pgcert-nearly.yaml"));
        PlanResult r = rules.plan(ben, catalogue, new PlanRequest("pgcert-data-science", AS_OF, Objective.COST, null, 2));
        assertEquals(1, r.plan().count());
        BigDecimal cheapest = catalogue.items().stream()
                .filter(i -> i.credential().credit().value().compareTo(BigDecimal.valueOf(15)) >= 0
                        || i.credential().credit().system() == org.accrue.learner.CreditSystem.ECTS
                        && i.credential().credit().value().compareTo(new BigDecimal("7.5")) >= 0)
                .filter(i -> r.plan().items().contains(i.id())).map(CatalogueItem::price).findFirst().orElseThrow();
        assertEquals(cheapest, r.plan().cost());
        JsonNode json = new ObjectMapper().readTree(PlanReport.json(r));
        assertEquals(List.of("learner", "award", "asOf", "ruleSet", "objective", "currency", "eligibleNow", "plan",
                "alternatives", "reason", "result"), iterate(json.fieldNames()));
        assertEquals("cost", json.get("objective").asText());
        assertEquals(List.of("items", "cost", "hours", "count"), iterate(json.get("plan").fieldNames()));
        assertEquals(2, json.get("alternatives").size());
    }

    @Test
    void aBudgetTooSmallSaysWhatTheCheapestPlanCosts() throws Exception {
        LearnerRecord ben = LearnerFiles.read(REPO.resolve("samples/ben-pgcert-nearly.yaml"));
        PlanResult free = rules.plan(ben, catalogue, new PlanRequest("pgcert-data-science", AS_OF, Objective.COST, null, 0));
        BigDecimal under = free.plan().cost().subtract(new BigDecimal("0.01"));
        PlanResult r = rules.plan(ben, catalogue, new PlanRequest("pgcert-data-science", AS_OF, Objective.COST, under, 0));
        assertNull(r.plan());
        assertEquals("no plan within the budget of " + under.toPlainString() + " GBP: the cheapest plan costs "
                + free.plan().cost().toPlainString() + " GBP", r.reason());
        PlanResult exact = rules.plan(ben, catalogue, new PlanRequest("pgcert-data-science", AS_OF, Objective.COST,
                free.plan().cost(), 0));
        assertEquals(free.plan(), exact.plan());
    }

    private static List<String> iterate(java.util.Iterator<String> it) {
        List<String> out = new java.util.ArrayList<>();
        it.forEachRemaining(out::add);
        return out;
    }
}
