package org.accrue;

import org.accrue.reading.LearnerFiles;
import org.accrue.result.AwardResult;
import org.accrue.result.EvaluationResult;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import static org.accrue.Learners.credential;
import static org.accrue.Learners.learner;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A programme and its courses are not counted twice. */
class PartsAndWholesTest {
    static final LocalDate AS_OF = LocalDate.of(2026, 11, 28);

    @Test
    void whenTheCoursesArePresentTheProgrammeCarriesNoCreditOfItsOwn() {
        EvaluationResult r = DefaultRules.get().evaluate(learner(
                credential("P").scqf(60, 11),
                credential("A").scqf(30, 11).partOf("P"),
                credential("B").scqf(30, 11).partOf("P")), AS_OF);
        assertFalse(r.credential("P").orElseThrow().creditBearing());
        assertEquals(List.of("its parts are in the record and carry its credit; a programme and its courses are not "
                + "counted twice"), r.credential("P").orElseThrow().excluded());
        AwardResult pgdip = r.award("scqf-pgdip").orElseThrow();
        assertEquals(new BigDecimal("60"), pgdip.countedPoints(), "60, not 120");
        assertFalse(pgdip.eligible());
    }

    @Test
    void aProgrammeWithoutItsCoursesCounts() {
        EvaluationResult r = DefaultRules.get().evaluate(learner(credential("P").scqf(60, 11)), AS_OF);
        assertTrue(r.credential("P").orElseThrow().creditBearing());
    }

    @Test
    void theClrSampleIsEligibleOnItsCoursesAlone() throws Exception {
        EvaluationResult r = DefaultRules.get().evaluate(LearnerFiles.read(TestRuleSets.REPO.resolve(
                "samples/formats/clr-programme.json")), AS_OF);
        AwardResult a = r.award("pgcert-data-science").orElseThrow();
        assertTrue(a.eligible(), a::toString);
        assertEquals(new BigDecimal("60"), a.countedPoints());
    }
}
