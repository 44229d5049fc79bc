package org.accrue;

import org.accrue.learner.LearnerRecord;
import org.accrue.result.AwardResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

import static org.accrue.Learners.credential;
import static org.accrue.Learners.learner;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The SCQF ladder, each award at its boundaries, checked by hand against the SCQF table. */
class ScqfAwardsTest {
    static final LocalDate AS_OF = LocalDate.of(2026, 11, 28);

    static AwardResult award(String id, LearnerRecord learner) {
        return DefaultRules.get().evaluate(learner, AS_OF, Set.of(id)).award(id).orElseThrow();
    }

    @Test
    void theRuleSetDefinesTheLadderAndTheStackedAward() {
        List<String> ids = DefaultRules.get().awards().stream().map(a -> a.id()).sorted().toList();
        assertEquals(List.of("fheq-certhe", "fheq-diphe", "fheq-foundation-degree", "fheq-graduate-certificate",
                "fheq-graduate-diploma", "fheq-honours-degree", "fheq-integrated-masters", "fheq-masters",
                "fheq-ordinary-degree", "fheq-pgcert", "fheq-pgdip",
                "pgcert-data-science", "pgcert-sustainable-energy", "scqf-certhe", "scqf-diphe", "scqf-doctorate", "scqf-graduate-certificate",
                "scqf-graduate-certificate-10", "scqf-graduate-diploma", "scqf-graduate-diploma-10",
                "scqf-honours-degree", "scqf-integrated-masters", "scqf-masters", "scqf-ordinary-degree",
                "scqf-pgcert", "scqf-pgdip"), ids);
    }

    /** England's awards speak of credits and FHEQ levels, as the credit framework does; Scotland's of SCQF points. */
    @Test
    void englishAwardsAreWordedInFheqTermsAndCountTheSameNumbers() {
        LearnerRecord l = learner(credential("A").scqf(200, 8), credential("B").scqf(80, 9), credential("C").scqf(50, 10));
        AwardResult english = award("fheq-honours-degree", l);
        assertEquals("at least 360 credits in all", english.requirement("total").orElseThrow().description());
        assertEquals("at least 90 credits at FHEQ level 6 (SCQF 9) or above",
                english.requirement("level-9-or-above").orElseThrow().description());
        assertEquals(List.of("30 more credits in all (have 330, need 360)"), english.missing());
        AwardResult scottish = award("scqf-ordinary-degree", l);
        assertEquals("at least 360 SCQF points in all", scottish.requirement("total").orElseThrow().description());
        assertEquals(List.of("30 more SCQF points in all (have 330, need 360)"), scottish.missing());
        AwardResult pg = award("fheq-pgcert", learner(credential("A").scqf(30, 11), credential("B").scqf(30, 10)));
        assertEquals(List.of("10 more credits at FHEQ level 7 (SCQF 11) or above (have 30, need 40)"), pg.missing());
    }

    /** PG Certificate: 60 in all, 40 of them at SCQF 11 or above. */
    @ParameterizedTest(name = "{0} at SCQF 11 + {1} at SCQF {2}: eligible {3}")
    @CsvSource({
            "40, 20, 10, true",    // exactly 60 in all and 40 at 11
            "40, 19, 10, false",   // 59 in all
            "39, 21, 10, false",   // 60 in all, 39 at 11
            "40, 19.5, 10, false", // 59.5 in all
            "60, 0, 10, true",
            "20, 40, 12, true",    // level 12 counts as level 11 or above
            "0, 60, 10, false",    // level 10 is not 11
    })
    void pgCertificate(String at11, String other, int otherLevel, boolean eligible) {
        AwardResult r = award("scqf-pgcert", learner(credential("A").scqf(at11, 11), credential("B").scqf(other, otherLevel)));
        assertEquals(eligible, r.eligible(), () -> r.toString());
    }

    @Test
    void pgCertificateReportsHaveAndNeedAndWhatIsMissing() {
        AwardResult r = award("scqf-pgcert", learner(credential("A").scqf(30, 11), credential("B").scqf(29, 10)));
        assertFalse(r.eligible());
        assertEquals(new BigDecimal("59"), r.requirement("total").orElseThrow().have());
        assertEquals(new BigDecimal("60"), r.requirement("total").orElseThrow().need());
        assertEquals(new BigDecimal("30"), r.requirement("level-11-or-above").orElseThrow().have());
        assertEquals(List.of("1 more SCQF points in all (have 59, need 60)",
                "10 more SCQF points at SCQF level 11 or above (have 30, need 40)"), r.missing());
    }

    @ParameterizedTest(name = "PG Diploma: {0} at 11 + {1} at 10: {2}")
    @CsvSource({"90, 30, true", "89, 31, false", "90, 29, false", "120, 0, true"})
    void pgDiploma(int at11, int at10, boolean eligible) {
        assertEquals(eligible, award("scqf-pgdip",
                learner(credential("A").scqf(at11, 11), credential("B").scqf(at10, 10))).eligible());
    }

    @ParameterizedTest(name = "Masters: {0} at 11 + {1} at 10: {2}")
    @CsvSource({"150, 30, true", "149, 31, false", "150, 29, false", "180, 0, true"})
    void masters(int at11, int at10, boolean eligible) {
        assertEquals(eligible, award("scqf-masters",
                learner(credential("A").scqf(at11, 11), credential("B").scqf(at10, 10))).eligible());
    }

    @ParameterizedTest(name = "CertHE: {0} at 7 + {1} at 6: {2}")
    @CsvSource({"90, 30, true", "89, 31, false", "90, 29, false", "120, 0, true"})
    void certificateOfHigherEducation(int at7, int at6, boolean eligible) {
        assertEquals(eligible, award("scqf-certhe",
                learner(credential("A").scqf(at7, 7), credential("B").scqf(at6, 6))).eligible());
    }

    @Test
    void certificateOfHigherEducationCountsCreditAboveLevel7TowardItsLevelRule() {
        AwardResult r = award("scqf-certhe", learner(credential("A").scqf(60, 7), credential("B").scqf(30, 9),
                credential("C").scqf(30, 5)));
        assertTrue(r.eligible());
        assertEquals(new BigDecimal("90"), r.requirement("level-7-or-above").orElseThrow().have());
    }

    @ParameterizedTest(name = "DipHE: {0} at 8 + {1} at 7: {2}")
    @CsvSource({"90, 150, true", "89, 151, false", "90, 149, false"})
    void diplomaOfHigherEducation(int at8, int at7, boolean eligible) {
        assertEquals(eligible, award("scqf-diphe",
                learner(credential("A").scqf(at8, 8), credential("B").scqf(at7, 7))).eligible());
    }

    @ParameterizedTest(name = "Ordinary degree: {0} at 9 + {1} at 8: {2}")
    @CsvSource({"60, 300, true", "59, 301, false", "60, 299, false"})
    void ordinaryDegree(int at9, int at8, boolean eligible) {
        assertEquals(eligible, award("scqf-ordinary-degree",
                learner(credential("A").scqf(at9, 9), credential("B").scqf(at8, 8))).eligible());
    }

    /** Honours: 480 in all; at least 180 at 9 or above, of which at least 90 at 10 or above. */
    @ParameterizedTest(name = "Honours: {0} at 10, {1} at 9, {2} at 8: {3}")
    @CsvSource({
            "90, 90, 300, true",
            "89, 91, 300, false",   // 180 at 9+, but only 89 at 10+
            "90, 89, 301, false",   // 90 at 10+, but only 179 at 9+
            "90, 90, 299, false",   // 479 in all
            "180, 0, 300, true",    // 180 at 10 is also 180 at 9 or above
            "0, 180, 300, false",   // the one-line reading "180 at 9+" is not enough
    })
    void honoursDegreeHasTwoPartLevelRule(int at10, int at9, int at8, boolean eligible) {
        AwardResult r = award("scqf-honours-degree",
                learner(credential("A").scqf(at10, 10), credential("B").scqf(at9, 9), credential("C").scqf(at8, 8)));
        assertEquals(eligible, r.eligible(), r::toString);
    }

    @ParameterizedTest(name = "Graduate Certificate: {0} at 9 + {1} at 8: {2}")
    @CsvSource({"60, 0, true", "45, 15, false", "59, 60, false"})
    void graduateCertificateCountsOnlyLevel9OrAbove(int at9, int at8, boolean eligible) {
        AwardResult r = award("scqf-graduate-certificate",
                learner(credential("A").scqf(at9, 9), credential("B").scqf(at8, 8)));
        assertEquals(eligible, r.eligible());
        if (at8 > 0) {
            assertEquals("no rule of this award lets it count (SCQF level 8)",
                    r.notCounted().stream().filter(n -> n.credential().equals("B")).findFirst().orElseThrow().reason());
        }
    }

    @ParameterizedTest(name = "Graduate Diploma: {0} at 10 + {1} at 9 + {2} at 8: {3}")
    @CsvSource({"60, 60, 0, true", "60, 59, 30, false"})
    void graduateDiplomaCountsOnlyLevel9OrAbove(int at10, int at9, int at8, boolean eligible) {
        assertEquals(eligible, award("scqf-graduate-diploma", learner(credential("A").scqf(at10, 10),
                credential("B").scqf(at9, 9), credential("C").scqf(at8, 8))).eligible());
    }

    @Test
    void creditOfUnknownLevelCountsTowardTotalsButNoLevelRule() {
        AwardResult r = award("scqf-pgcert", learner(credential("A").scqf(40, 11), credential("B").scqf(20, 11).noLevel()));
        assertTrue(r.eligible());
        assertEquals(new BigDecimal("60"), r.requirement("total").orElseThrow().have());
        assertEquals(new BigDecimal("40"), r.requirement("level-11-or-above").orElseThrow().have());
    }
}
