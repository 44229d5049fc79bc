package org.accrue;

import org.accrue.learner.CreditSystem;
import org.accrue.learner.LevelFramework;
import org.accrue.reading.InvalidInputException;
import org.accrue.reading.LearnerFiles;
import org.accrue.result.AwardResult;
import org.accrue.result.CredentialResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.LocalDate;

import static org.accrue.Learners.credential;
import static org.accrue.Learners.learner;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Grades on each shipped scale, at their boundaries (frameworks/grades.drl): a failed credential earns nothing. */
class GradesTest {
    static CredentialResult graded(String value, String scale, int scqfLevel) {
        return FrameworkRulesTest.one(credential("A").scqf(15, scqfLevel).hours("120").grade(value, scale));
    }

    @ParameterizedTest(name = "{1} {0} at SCQF {2}: passed {3}")
    @CsvSource({
            "A, ects, 11, true", "E, ects, 11, true", "e, ects, 11, true", "FX, ects, 11, false", "F, ects, 11, false",
            "39, uk-percent, 10, false", "40, uk-percent, 10, true", "39.99, uk-percent, 9, false",
            "49, uk-percent, 11, false", "50, uk-percent, 11, true", "49.5, uk-percent, 12, false",
            "5.4, nl-10, 11, false", "5.5, nl-10, 11, true", "'5,5', nl-10, 11, true", "10, nl-10, 11, true",
            "1.0, de-5, 11, true", "4.0, de-5, 11, true", "4.1, de-5, 11, false", "5.0, de-5, 11, false",
            "pass, pass-fail, 11, true", "Fail, pass-fail, 11, false",
    })
    void aGradeOnAShippedScaleIsJudgedAtItsBoundary(String value, String scale, int level, boolean passed) {
        CredentialResult c = graded(value, scale, level);
        assertEquals(passed, c.creditBearing(), c.excluded() + " " + c.notes());
        assertTrue(c.notes().stream().anyMatch(n -> n.startsWith(passed ? "passed (" : "failed (")), c.notes().toString());
        if (!passed) {
            assertTrue(c.excluded().get(0).startsWith("failed ("), c.excluded().toString());
            assertFalse(c.classifications().contains("cmf-microcredential"));
            assertFalse(c.classifications().contains("eu-microcredential"));
            assertTrue(c.unmet().stream().allMatch(u -> u.missing().contains("a passing grade")), c.unmet().toString());
        }
    }

    @Test
    void aFailedEctsGradeIsSaidInTheResult() {
        CredentialResult c = graded("F", "ects", 11);
        assertEquals("failed (grade F on the ECTS scale); credit is earned only for learning outcomes achieved",
                c.excluded().get(0));
    }

    @ParameterizedTest(name = "{0} on {1}: not judged, credit kept")
    @CsvSource(value = {"B+, null", "G, ects", "101, uk-percent", "0.5, nl-10", "6, de-5", "maybe, pass-fail",
            "3.7, us-gpa"}, nullValues = "null")
    void aGradeNoRuleCanReadIsNotJudgedAndKeepsItsCredit(String value, String scale) {
        CredentialResult c = graded(value, scale, 11);
        assertTrue(c.creditBearing(), c.excluded().toString());
        assertTrue(c.notes().stream().anyMatch(n -> n.contains("not judged")), c.notes().toString());
    }

    @Test
    void aGradeWrittenWithAnExponentIsNoNumberAndNeverBecomesOne() {
        // found by the fuzz test: 1e999999999 read as a number made a billion-digit message
        CredentialResult c = graded("1e999999999", "uk-percent", 11);
        assertTrue(c.creditBearing());
        assertTrue(c.notes().stream().anyMatch(n -> n.startsWith("grade '1e999999999' not judged")), c.notes().toString());
        CredentialResult longText = graded("x".repeat(5000), null, 11);
        assertTrue(longText.notes().stream().allMatch(n -> n.length() < 200), longText.notes().toString());
    }

    @Test
    void aPercentageMarkWithoutALevelIsNotJudged() {
        CredentialResult c = FrameworkRulesTest.one(credential("A").credit("15", CreditSystem.SCQF).noLevel()
                .grade("45", "uk-percent"));
        assertTrue(c.notes().stream().anyMatch(n -> n.startsWith("mark '45' not judged: a percentage mark's pass "
                + "mark depends on the level")), c.notes().toString());
    }

    @Test
    void aFailedModuleNoLongerMakesALearnerEligibleForThePgCert() {
        // 60 SCQF points at level 11: eligible for the PG Certificate, until one module is failed
        var passed = learner(credential("A").scqf(20, 11), credential("B").scqf(20, 11),
                credential("C").scqf(20, 11).grade("D", "ects"));
        var failed = learner(credential("A").scqf(20, 11), credential("B").scqf(20, 11),
                credential("C").scqf(20, 11).grade("F", "ects"));
        LocalDate asOf = LocalDate.of(2026, 11, 28);
        AwardResult before = DefaultRules.get().evaluate(passed, asOf, java.util.List.of("scqf-pgcert")).awards().get(0);
        AwardResult after = DefaultRules.get().evaluate(failed, asOf, java.util.List.of("scqf-pgcert")).awards().get(0);
        assertTrue(before.eligible());
        assertFalse(after.eligible());
        assertEquals(0, after.countedPoints().compareTo(java.math.BigDecimal.valueOf(40)));
    }

    @Test
    void theRecordTakesAGradeAsTextOrAsValueAndScale() throws Exception {
        var r = LearnerFiles.parse("""
                learner: {id: L}
                credentials:
                  - {id: A, title: A, grade: B+}
                  - {id: B, title: B, grade: {value: 62, scale: UK-Percent}}
                """, "g.yaml", false);
        assertEquals(new org.accrue.learner.StatedGrade("B+", null), r.credentials().get(0).grade());
        assertEquals(new org.accrue.learner.StatedGrade("62", "uk-percent"), r.credentials().get(1).grade());
        var bad = assertThrows(InvalidInputException.class, () -> LearnerFiles.parse("""
                learner: {id: L}
                credentials:
                  - {id: A, title: A, grade: {value: B, scale: "my scale!"}}
                """, "g.yaml", false));
        assertEquals("credentials[0].grade.scale", bad.where());
        var missing = assertThrows(InvalidInputException.class, () -> LearnerFiles.parse("""
                learner: {id: L}
                credentials:
                  - {id: A, title: A, grade: {scale: ects}}
                """, "g.yaml", false));
        assertEquals("credentials[0].grade.value", missing.where());
    }

    @Test
    void aCsvTranscriptGivesTheScaleInItsOwnColumn() throws Exception {
        var r = LearnerFiles.parseAny("""
                learnerId,id,title,grade,gradeScale
                L,A,Module A,FX,ects
                L,B,Module B,B+,
                """, "t.csv", false);
        assertEquals(new org.accrue.learner.StatedGrade("FX", "ects"), r.credentials().get(0).grade());
        assertEquals(new org.accrue.learner.StatedGrade("B+", null), r.credentials().get(1).grade());
        var bad = assertThrows(InvalidInputException.class, () -> LearnerFiles.parseAny("""
                learnerId,id,title,grade,gradeScale
                L,A,Module A,,ects
                """, "t.csv", false));
        assertEquals("line 2, column grade", bad.where());
    }

    @Test
    void aGradeOnLevelEqfIsJudgedByItsScqfLevel() {
        // EQF 7 is SCQF 11: postgraduate, so 45% fails
        CredentialResult c = FrameworkRulesTest.one(credential("A").credit("10", CreditSystem.ECTS)
                .level(LevelFramework.EQF, 7).grade("45", "uk-percent"));
        assertFalse(c.creditBearing());
    }
}
