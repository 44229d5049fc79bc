package org.accrue;

import org.accrue.learner.CreditSystem;
import org.accrue.learner.LevelFramework;
import org.accrue.result.CredentialResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.accrue.Learners.credential;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The CMF and EU classifications as their texts say: size by hours or by credit, and what is not checked. */
class ClassificationReadingsTest {
    static CredentialResult cmf(String value, CreditSystem system, String hours) {
        var c = credential("A").credit(value, system).level(LevelFramework.EQF, 7);
        return FrameworkRulesTest.one(hours == null ? c : c.hours(hours));
    }

    @ParameterizedTest(name = "{0} {1}, hours {2}: CMF {3}")
    @CsvSource(value = {
            "5, ECTS, null, true", "4, ECTS, null, true", "6, ECTS, null, true", "6.5, ECTS, null, false",
            "3.5, ECTS, null, false", "10, SCQF, null, true", "15, FHEQ, null, true", "16, SCQF, null, false",
            "9, FHEQ, null, false",
            // hours, when stated, decide: a 6-ECTS course of 180 hours is outside 100-150
            "6, ECTS, 180, false", "6, ECTS, 150, true", "20, SCQF, 100, true", "5, ECTS, 99, false"},
            nullValues = "null")
    void theCmfSizeIsHoursOrWithoutThemItsCreditEquivalent(String value, CreditSystem system, String hours,
                                                          boolean classified) {
        CredentialResult c = cmf(value, system, hours);
        assertEquals(classified, c.classifications().contains("cmf-microcredential"), c.unmet().toString());
        if (classified && hours == null) {
            assertTrue(c.notes().stream().anyMatch(n -> n.startsWith("CMF size: no study hours stated; met by its "
                    + "credit, " + value + " " + system)), c.notes().toString());
        }
    }

    @Test
    void aCmfMicroCredentialSaysWhatCouldNotBeChecked() {
        CredentialResult c = cmf("5", CreditSystem.ECTS, "125");
        assertTrue(c.classifications().contains("cmf-microcredential"));
        assertTrue(c.notes().contains("CMF: 'counts towards at least one degree programme' not checked: a learner "
                + "record cannot show it"), c.notes().toString());
    }

    @Test
    void aWholeDegreeWithEveryEuElementIsLabelledWithAQualifier() {
        CredentialResult degree = FrameworkRulesTest.one(credential("A").credit("180", CreditSystem.ECTS)
                .level(LevelFramework.EQF, 6));
        assertTrue(degree.classifications().contains("eu-microcredential"));
        assertTrue(degree.notes().stream().anyMatch(n -> n.startsWith("EU micro-credential, with a qualifier: its "
                + "volume, 180 ECTS, is above the 60 ECTS")), degree.notes().toString());
        CredentialResult small = FrameworkRulesTest.one(credential("A").credit("60", CreditSystem.ECTS)
                .level(LevelFramework.EQF, 6));
        assertFalse(small.notes().stream().anyMatch(n -> n.startsWith("EU micro-credential, with a qualifier")),
                small.notes().toString());
    }
}
