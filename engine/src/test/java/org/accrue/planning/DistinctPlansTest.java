package org.accrue.planning;

import org.accrue.reading.Catalogues;
import org.accrue.reading.LearnerFiles;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Planning for an award that counts distinct modules and different awarding bodies, and asks for a minimum grade: the
 * cheapest plan by credit alone (the same module again, from the same provider) is not offered; the plan that meets
 * the award is, its course counted as passed with the grade the core asks.
 */
class DistinctPlansTest {
    static final LocalDate AS_OF = LocalDate.of(2026, 11, 28);

    static String item(String id, String code, String body, int points, int price) {
        return "  - {id: " + id + ", code: " + code + ", title: " + id + ", awardingBody: " + body + ", credit: {value: "
                + points + ", system: SCQF}, level: {framework: SCQF, value: 11}, assessment: summative, "
                + "qualityAssurance: external, cost: {amount: " + price + ", currency: GBP}, route: transfer}\n";
    }

    @Test
    void theCheapestPlanByCreditAloneIsNotOfferedWhenItRepeatsAModuleFromOneProvider() throws Exception {
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
        PlanResult r = org.accrue.DefaultRules.get().plan(learner, catalogue,
                new PlanRequest("pgcert-sustainable-energy", AS_OF, Objective.COST, null, 3));
        assertTrue(r.plan() != null, r.toString());
        assertEquals(List.of("delft"), r.plan().items(), r.toString());
        assertEquals(List.of(), r.alternatives(), "taking the same module again is no plan, even as an alternative");
        // the core asks for C or better: a course not yet taken is counted as passed as asked, and says so
        var delft = r.result().credentials().stream().filter(c -> c.id().equals("delft")).findFirst().orElseThrow();
        assertTrue(delft.notes().contains("planned, not yet graded: counted as passed with any minimum grade a rule "
                + "asks, which it must then be passed with"), delft.notes().toString());
        assertTrue(r.result().awards().get(0).counted().stream().anyMatch(c -> c.credential().equals("delft")
                && "core".equals(c.requirement())), r.result().awards().get(0).counted().toString());
    }
}
