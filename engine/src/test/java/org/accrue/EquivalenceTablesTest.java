package org.accrue;

import org.accrue.result.AwardResult;
import org.accrue.result.CredentialResult;
import org.accrue.result.EquivalenceMatch;
import org.accrue.result.EvaluationResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Set;

import static org.accrue.Learners.credential;
import static org.accrue.Learners.learner;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Credit-transfer equivalence tables: specific credit from a matched row, general credit otherwise. */
class EquivalenceTablesTest {
    static final LocalDate AS_OF = LocalDate.of(2026, 11, 28);

    static Learners.C aberdeenMachineLearning(String issued) {
        return credential("ML").awardingBody("University of Aberdeen").scqf(20, 11).issued(issued);
    }

    static Learners.C withCode(Learners.C c, String code) {
        return c.code(code);
    }

    @Test
    void aMatchedRowGivesSpecificCreditAndGrantsItsPoints() {
        EvaluationResult r = DefaultRules.get().evaluate(learner(withCode(aberdeenMachineLearning("2024-06-01"), "CS5079")), AS_OF);
        CredentialResult c = r.credentials().get(0);
        assertEquals(new EquivalenceMatch("DS-ML11", "Transfer equivalences_11", new BigDecimal("15")), c.equivalence());
        assertEquals(new BigDecimal("15"), c.scqfPoints(), "the row grants 15 points in place of the stated 20");
        assertTrue(c.notes().contains("equivalence row 'Transfer equivalences_11' gives specific credit for module DS-ML11, granting 15 SCQF points"),
                c.notes()::toString);
    }

    @Test
    void specificCreditFillsTheRequirementThatNamesItsModule() {
        // no data-science tag: only the equivalence lets ML count toward core
        AwardResult r = DefaultRules.get().evaluate(learner(
                withCode(aberdeenMachineLearning("2024-06-01"), "CS5079"),
                credential("A").scqf(15, 11).subjects("data-science"),
                credential("B").scqf(15, 11).subjects("statistics"),
                credential("C").scqf(15, 11)), AS_OF, Set.of("pgcert-data-science")).award("pgcert-data-science").orElseThrow();
        assertTrue(r.eligible(), r::toString);
        assertEquals("core", r.counted().stream().filter(x -> x.credential().equals("ML")).findFirst().orElseThrow().requirement());
    }

    @Test
    void outsideTheRowsValidDatesThereIsOnlyGeneralCredit() {
        // evaluated after it was issued: a credential issued after the as-of date carries no credit at all
        EvaluationResult r = DefaultRules.get().evaluate(learner(withCode(aberdeenMachineLearning("2027-09-01"), "CS5079")),
                java.time.LocalDate.of(2028, 1, 1));
        CredentialResult c = r.credentials().get(0);
        assertNull(c.equivalence());
        assertEquals(new BigDecimal("20"), c.scqfPoints(), "general credit at its own points");
        assertTrue(c.creditBearing());
    }

    @Test
    void anotherCourseOfTheSameBodyDoesNotMatch() {
        assertNull(DefaultRules.get().evaluate(learner(withCode(aberdeenMachineLearning("2024-06-01"), "CS5080")), AS_OF)
                .credentials().get(0).equivalence());
    }

    @Test
    void csvTablesWorkLikeSpreadsheets(@TempDir Path dir) throws Exception {
        Path rules = TestRuleSets.copyOfShippedRules(dir);
        Files.delete(rules.resolve("rules/equivalences/transfer-equivalences.drl.xlsx"));
        Path csv = Path.of(getClass().getResource("/equivalences/transfer-equivalences.drl.csv").toURI());
        Files.copy(csv, rules.resolve("rules/equivalences/transfer-equivalences.drl.csv"));
        RuleSet fromCsv = TestRuleSets.load(rules);
        CredentialResult c = fromCsv.evaluate(learner(withCode(aberdeenMachineLearning("2024-06-01"), "CS5079")), AS_OF)
                .credentials().get(0);
        assertEquals("DS-ML11", c.equivalence().module());
        assertEquals("Transfer equivalences_11", c.equivalence().row());
    }

    @Test
    void twoRowsMatchingOneCredentialIsAnError(@TempDir Path dir) throws Exception {
        TestRuleSets.withRuleFile(dir, "rules/equivalences/again.drl", """
                import org.accrue.learner.Credential;
                rule "again"
                when
                    $c : Credential( code == "CS5079" )
                then
                    insert(new Equivalence($c.id(), "OTHER", null, "again"));
                end
                """);
        RuleSet rules = TestRuleSets.load(dir);
        var e = org.junit.jupiter.api.Assertions.assertThrows(org.accrue.EvaluationException.class,
                () -> rules.evaluate(learner(withCode(aberdeenMachineLearning("2024-06-01"), "CS5079")), AS_OF));
        assertTrue(e.getMessage().endsWith("both match credential 'ML'"), e::getMessage);
        assertFalse(e.getMessage().isBlank());
    }
}
