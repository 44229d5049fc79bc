package org.accrue.planning;

import org.accrue.reading.Catalogues;
import org.accrue.reading.LearnerFiles;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Planning for an award that counts distinct modules and different awarding bodies: the cheapest plan by credit
 * alone (the same module again, from the same provider) is not offered; the plan that meets the award is.
 */
class DistinctPlansTest {
    static final LocalDate AS_OF = LocalDate.of(2026, 11, 28);

    static String item(String id, String code, String body, int points, int price) {
        return "  - {id: " + id + ", code: " + code + ", title: " + id + ", awardingBody: " + body + ", credit: {value: "
                + points + ", system: SCQF}, level: {framework: SCQF, value: 11}, assessment: summative, "
                + "qualityAssurance: external, cost: {amount: " + price + ", currency: GBP}, route: transfer}\n";
    }

    /**
     * The shipped award without its minimum grade: a planned course has no grade yet, so it can meet no minimum
     * grade (the planner then says no plan; a note of this session's says so too).
     */
    static org.accrue.RuleSet withoutMinimumGrade(java.nio.file.Path dir) throws Exception {
        org.accrue.TestRuleSets.copyOfShippedRules(dir);
        java.nio.file.Path award = dir.resolve("rules/pgcert-sustainable-energy.dslr");
        java.nio.file.Files.writeString(award, java.nio.file.Files.readString(award)
                .replace("    - has a grade of at least \"C\"\n", ""));
        return org.accrue.TestRuleSets.load(dir);
    }

    @Test
    void theCheapestPlanByCreditAloneIsNotOfferedWhenItRepeatsAModuleFromOneProvider(
            @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        var learner = LearnerFiles.parse("""
                learner: {id: L-PL}
                credentials:
                  - {id: EF, title: Energy Finance, code: EF-901, awardingBody: University of Strathclyde, issued: 2025-06-30,
                     credit: {value: 30, system: SCQF}, level: {framework: SCQF, value: 11}, assessment: summative,
                     qualityAssurance: external, grade: {value: B, scale: ects}}
                """, "l.yaml", false);
        // the same module again (cheap) cannot be the second core module; Delft's can
        var catalogue = Catalogues.parse("name: test\ncurrency: GBP\nitems:\n"
                + item("again", "EF-901", "University of Strathclyde", 30, 100)
                + item("delft", "ESM-7", "TU Delft", 30, 900), "c.yaml", "yaml");
        PlanResult r = withoutMinimumGrade(dir).plan(learner, catalogue,
                new PlanRequest("pgcert-sustainable-energy", AS_OF, Objective.COST, null, 3));
        assertTrue(r.plan() != null, r.toString());
        assertEquals(List.of("delft"), r.plan().items(), r.toString());
    }
}
