package org.accrue;

import org.accrue.learner.Assessment;
import org.accrue.learner.CreditSystem;
import org.accrue.learner.LevelFramework;
import org.accrue.learner.Participation;
import org.accrue.learner.QualityAssurance;
import org.accrue.result.CredentialResult;
import org.accrue.result.UnmetClassification;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import static org.accrue.Learners.credential;
import static org.accrue.Learners.learner;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Credit and level normalisation, exclusions and classifications, from the framework rule files. */
class FrameworkRulesTest {
    static CredentialResult one(Learners.C c) {
        return DefaultRules.get().evaluate(learner(c), LocalDate.of(2026, 11, 28)).credentials().get(0);
    }

    @ParameterizedTest(name = "{0} {1} = {2} SCQF points")
    @CsvSource({"SCQF, 15, 15", "FHEQ, 20, 20", "ECTS, 5, 10", "ECTS, 7.5, 15", "ECTS, 2.25, 4.5", "SCQF, 0, 0"})
    void creditIsNormalisedToScqfPoints(CreditSystem system, String value, String points) {
        CredentialResult c = one(credential("A").credit(value, system).level(LevelFramework.SCQF, 11));
        assertTrue(c.creditBearing());
        assertEquals(new BigDecimal(points), c.scqfPoints());
    }

    @Test
    void ectsNoteExplainsTheConvention() {
        CredentialResult c = one(credential("A").credit("7.5", CreditSystem.ECTS).level(LevelFramework.EQF, 7));
        assertEquals("7.5 ECTS x 2 = 15 SCQF credit points (UK convention)", c.notes().get(0));
    }

    @ParameterizedTest(name = "{0} {1} = SCQF {2}, EQF {3}")
    @CsvSource({
            "SCQF, 12, 12, 8", "SCQF, 11, 11, 7", "SCQF, 10, 10, 6", "SCQF, 9, 9, 6", "SCQF, 7, 7, 5",
            "SCQF, 3, 3, 1",
            "EQF, 8, 12, 8", "EQF, 7, 11, 7", "EQF, 6, 9, 6", "EQF, 5, 7, 5", "EQF, 4, 6, 4", "EQF, 1, 3, 1",
            "FHEQ, 8, 12, 8", "FHEQ, 7, 11, 7", "FHEQ, 6, 9, 6", "FHEQ, 5, 8, 5", "FHEQ, 4, 7, 5",
    })
    void levelsAreReferencedToScqf(LevelFramework framework, int level, int scqf, int eqf) {
        CredentialResult c = one(credential("A").credit("15", CreditSystem.SCQF).level(framework, level));
        assertEquals(scqf, c.scqfLevel());
        assertEquals(eqf, c.eqfLevel());
    }

    @Test
    void scqfLevels1And2HaveNoEqfLevel() {
        CredentialResult c = one(credential("A").scqf(10, 2));
        assertEquals(2, c.scqfLevel());
        assertNull(c.eqfLevel());
    }

    @Test
    void aLevelThatMapsToTwoTakesTheLowerAndSaysSo() {
        CredentialResult eqf = one(credential("A").credit("10", CreditSystem.ECTS).level(LevelFramework.EQF, 6));
        assertEquals("EQF level 6 corresponds to SCQF level 9 or 10; the lower, SCQF 9, is taken", eqf.notes().get(1));
        CredentialResult fheq = one(credential("A").credit("20", CreditSystem.FHEQ).level(LevelFramework.FHEQ, 6));
        assertEquals("FHEQ level 6 corresponds to SCQF level 9 or 10; the lower, SCQF 9, is taken", fheq.notes().get(1));
    }

    @Test
    void formativeAssessmentCarriesNoCredit() {
        CredentialResult c = one(credential("A").scqf(15, 11).assessment(Assessment.FORMATIVE));
        assertFalse(c.creditBearing());
        assertEquals(List.of("assessment is formative; only summative assessment carries credit"), c.excluded());
        assertEquals(new BigDecimal("15"), c.scqfPoints(), "the stated points are still reported");
    }

    @Test
    void everyReasonForCarryingNoCreditIsListed() {
        CredentialResult c = one(credential("A").noCredit().level(LevelFramework.SCQF, 9)
                .assessment(null).qa(QualityAssurance.NONE));
        assertFalse(c.creditBearing());
        assertEquals(List.of("is not quality assured; credit needs internal or external quality assurance",
                "states no assessment; only summative assessment carries credit",
                "states no credit value"), c.excluded());
    }

    @Test
    void creditWithNoValueCarriesNoCredit() {
        CredentialResult c = one(credential("A").credit(null, CreditSystem.SCQF).level(LevelFramework.SCQF, 9));
        assertEquals(List.of("states no credit value"), c.excluded());
    }

    @Test
    void unstatedQualityAssuranceCarriesNoCredit() {
        CredentialResult c = one(credential("A").scqf(15, 9).qa(null));
        assertEquals(List.of("states no quality assurance; credit needs internal or external quality assurance"),
                c.excluded());
    }

    /** A complete micro-credential: 125 hours, EQF 6 via SCQF 9, summative, ID-verified, outcomes, credit. */
    static Learners.C microcredential() {
        return credential("M").scqf(15, 9).hours("125");
    }

    @Test
    void aCompleteMicroCredentialMeetsBothClassifications() {
        CredentialResult c = one(microcredential());
        assertEquals(List.of("cmf-microcredential", "eu-microcredential"), c.classifications());
        assertEquals(List.of(), c.unmet());
    }

    @ParameterizedTest(name = "{0} hours: CMF {1}")
    @CsvSource({"99, false", "100, true", "150, true", "150.5, false", "151, false"})
    void cmfNeeds100To150Hours(String hours, boolean cmf) {
        assertEquals(cmf, one(microcredential().hours(hours)).classifications().contains("cmf-microcredential"));
    }

    @ParameterizedTest(name = "{0} {1} with {2} credit: CMF {3}")
    @CsvSource({
            "EQF, 7, ECTS, true", "EQF, 6, ECTS, true", "EQF, 8, ECTS, false",
            "EQF, 5, ECTS, true", "EQF, 4, ECTS, true", "EQF, 5, SCQF, false", "EQF, 3, ECTS, false",
            "SCQF, 11, SCQF, true", "SCQF, 8, SCQF, false", "SCQF, 12, SCQF, false", "FHEQ, 6, FHEQ, true",
    })
    void cmfLevelIsEqf6Or7OrEqf4To5WithEcts(LevelFramework f, int level, CreditSystem system, boolean cmf) {
        CredentialResult c = one(microcredential().credit("6", system).level(f, level));
        assertEquals(cmf, c.classifications().contains("cmf-microcredential"), c::toString);
    }

    @Test
    void cmfListsEveryMissedCriterion() {
        CredentialResult c = one(microcredential().hours(null).credit("20", CreditSystem.SCQF).identityVerified(false)
                .outcomes().assessment(Assessment.FORMATIVE));
        assertEquals(List.of(new UnmetClassification("cmf-microcredential", List.of(
                        "awards academic credit", "identity verified at assessment", "learning outcomes stated",
                        "study hours not stated (needs 100-150), nor credit of 4-6 ECTS or 10-15 UK credits",
                        "summative assessment"), List.of("academic-credit",
                        "identity-verified", "learning-outcomes", "study-hours", "summative-assessment")),
                new UnmetClassification("eu-microcredential", List.of("learning outcomes"), List.of("learning-outcomes"))),
                c.unmet());
    }

    @Test
    void euMicroCredentialListsEveryMissingMandatoryElement() {
        CredentialResult c = one(credential("A").noCredit().noLevel().awardingBody(null).country(null)
                .issued(null).outcomes().participation(null).assessment(Assessment.NONE).qa(QualityAssurance.NONE));
        UnmetClassification eu = c.unmet().stream().filter(u -> u.classification().equals("eu-microcredential"))
                .findFirst().orElseThrow();
        assertEquals(List.of("awarding body", "country or region of the issuer", "date of issue", "form of participation",
                "learning outcomes", "level", "notional workload (hours or credit)", "type of assessment",
                "type of quality assurance"), eu.missing());
        assertFalse(c.classifications().contains("eu-microcredential"));
    }

    @Test
    void hoursAloneAreANotionalWorkload() {
        CredentialResult c = one(microcredential().noCredit().hours("40").participation(Participation.BLENDED));
        assertTrue(c.classifications().contains("eu-microcredential"), c::toString);
    }
}
