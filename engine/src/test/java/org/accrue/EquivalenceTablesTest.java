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
import java.util.List;
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

    /** The CSV form shipped next to the spreadsheet is the same table: every sample's result is the same. */
    @Test
    void theShippedCsvFormGivesEverySampleTheSameResultAsTheSpreadsheet(@TempDir Path dir) throws Exception {
        Path rules = TestRuleSets.copyOfShippedRules(dir);
        Path equivalences = rules.resolve("rules/equivalences");
        Files.delete(equivalences.resolve("transfer-equivalences.drl.xlsx"));
        Files.move(equivalences.resolve("transfer-equivalences.drl.csv.example"),
                equivalences.resolve("transfer-equivalences.drl.csv"));
        RuleSet fromCsv = TestRuleSets.load(rules);
        try (var samples = Files.list(TestRuleSets.REPO.resolve("samples"))) {
            for (Path sample : samples.filter(p -> p.toString().endsWith(".yaml") && !p.endsWith("catalogue.yaml"))
                    .sorted().toList()) {
                var learner = org.accrue.reading.LearnerFiles.read(sample);
                var a = DefaultRules.get().evaluate(learner, AS_OF);
                var b = fromCsv.evaluate(learner, AS_OF);
                assertEquals(a.credentials().stream().map(c -> String.valueOf(c.equivalence())).toList(),
                        b.credentials().stream().map(c -> String.valueOf(c.equivalence())).toList(), sample.toString());
                assertEquals(a.awards(), b.awards(), sample.toString());
            }
        }
    }

    static RuleSetException csvProblem(Path dir, String edit, String replacement) throws Exception {
        Path rules = TestRuleSets.copyOfShippedRules(dir);
        Path equivalences = rules.resolve("rules/equivalences");
        Files.delete(equivalences.resolve("transfer-equivalences.drl.xlsx"));
        String csv = Files.readString(equivalences.resolve("transfer-equivalences.drl.csv.example"));
        assertTrue(csv.contains(edit), edit);
        Files.writeString(equivalences.resolve("my.drl.csv"), csv.replace(edit, replacement));
        return org.junit.jupiter.api.Assertions.assertThrows(RuleSetException.class, () -> TestRuleSets.load(rules));
    }

    /** The mistake a designer made first: the object type once, as a spreadsheet's merged cell would have it. */
    @Test
    void aCsvTableLayoutMistakeIsNamedAtItsRowAndColumnWithTheLayoutExpected(@TempDir Path dir) throws Exception {
        RuleSetException e = csvProblem(dir, "$c : Credential...,$c : Credential...,$c : Credential...,$c : Credential...",
                "$c : Credential,,,");
        RuleProblem p = e.problems().get(0);
        assertEquals(7, p.line(), e.getMessage());
        assertEquals(2, p.column(), e.getMessage());
        assertTrue(p.message().startsWith("column B: a CONDITION column's object type is missing; in a CSV table "
                + "every CONDITION column states it, ending '...'"), p.message());
        assertTrue(p.message().contains("then one row per entry: docs/authoring.md, 'The CSV form'"), p.message());

        e = csvProblem(dir.resolve("b"), "CONDITION,CONDITION,CONDITION,CONDITION,ACTION", "CONDITION,CONDTION,CONDITION,CONDITION,ACTION");
        assertEquals(List.of("column B: 'CONDTION' is no kind of column; CONDITION or ACTION"),
                e.problems().stream().map(x -> x.message().substring(0, x.message().indexOf(" (the layout"))).toList());
        assertEquals(6, e.problems().get(0).line());

        e = csvProblem(dir.resolve("c"), "$c : Credential...,$c : Credential...,$c : Credential...,$c : Credential...",
                "$c : Credential,$c : Credential,$c : Credential,$c : Credential");
        assertTrue(e.problems().get(0).message().startsWith("column A: '$c : Credential' is in several CONDITION "
                + "columns; end it with '...'"), e.getMessage());
    }

    /**
     * A 5-ECTS course (10 points) mapped to a 15-point internal module: a row that grants 15 points fills a 15-point
     * requirement; a row that exempts from the module fills a requirement the module meets, whatever the points.
     */
    @Test
    void aRowGrantsPointsOrExemptsFromTheModuleAndBothAreExpressible(@TempDir Path dir) throws Exception {
        Path rules = TestRuleSets.copyOfShippedRules(dir);
        Path equivalences = rules.resolve("rules/equivalences");
        Files.delete(equivalences.resolve("transfer-equivalences.drl.xlsx"));
        String csv = Files.readString(equivalences.resolve("transfer-equivalences.drl.csv.example"));
        Files.writeString(equivalences.resolve("t.drl.csv"), csv.replace("TU Delft,ML-7.5,2022-01-01,2030-12-31,\"DS-ETHICS11, 15\"",
                "TU Delft,ML-7.5,2022-01-01,2030-12-31,\"DS-ETHICS11, exempt\""));
        Files.writeString(rules.resolve("rules/ethics.dslr"), TestRuleSets.HEADER + """
                rule "ethics: Certificate in Responsible AI"
                when
                then
                    award "ethics" is the "Certificate in Responsible AI" at SCQF level 11
                    award "ethics" has requirement "ethics": module "DS-ETHICS11"
                    award "ethics" has requirement "points": at least 15 SCQF points of ethics credit
                end
                rule "ethics: any ethics credit"
                when
                    a credential
                    - is tagged "ethics"
                then
                    it may count toward requirement "points" of award "ethics"
                end
                """);
        RuleSet r = TestRuleSets.load(rules);
        var delft = credential("D").awardingBody("TU Delft").code("ML-7.5").credit("5", org.accrue.learner.CreditSystem.ECTS)
                .level(org.accrue.learner.LevelFramework.EQF, 7).issued("2024-01-10");
        var result = r.evaluate(learner(delft), AS_OF);
        CredentialResult d = result.credentials().get(0);
        assertEquals(new EquivalenceMatch("DS-ETHICS11", "Transfer equivalences_12", null), d.equivalence());
        assertTrue(d.notes().contains("equivalence row 'Transfer equivalences_12' gives specific credit for module "
                + "DS-ETHICS11, whatever its points (an exemption: its own credit counts)"), d.notes().toString());
        AwardResult ethics = result.award("ethics").orElseThrow();
        assertTrue(ethics.requirement("ethics").orElseThrow().met(), "exempt from the module: " + ethics);
        assertEquals("module DS-ETHICS11: a credential an equivalence row maps to it, whatever its points",
                ethics.requirement("ethics").orElseThrow().description());
        assertEquals(0, d.scqfPoints().compareTo(BigDecimal.TEN), "an exemption keeps the credential's own 10 points");

        // another course is not the module
        var other = credential("O").awardingBody("TU Delft").code("ML-9").credit("5", org.accrue.learner.CreditSystem.ECTS)
                .level(org.accrue.learner.LevelFramework.EQF, 7).subjects("ethics").issued("2024-01-10");
        AwardResult none = r.evaluate(learner(other), AS_OF).award("ethics").orElseThrow();
        assertFalse(none.requirement("ethics").orElseThrow().met());

        // a grant that is neither is an error naming the row
        Files.writeString(equivalences.resolve("t.drl.csv"), csv.replace("\"DS-ETHICS11, 15\"", "\"DS-ETHICS11, lots\""));
        RuleSet bad = TestRuleSets.load(rules);
        var e = org.junit.jupiter.api.Assertions.assertThrows(org.accrue.EvaluationException.class,
                () -> bad.evaluate(learner(delft), AS_OF));
        assertTrue(e.getMessage().contains("equivalence row 'Transfer equivalences_12' grants 'lots': a number of SCQF "
                + "points, or 'exempt'"), e.getMessage());
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
