package org.accrue;

import org.accrue.learner.CreditSystem;
import org.accrue.learner.LevelFramework;
import org.accrue.reading.LearnerFiles;
import org.accrue.result.CredentialResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;

import static org.accrue.Learners.credential;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The frameworks learners cross (frameworks/level-referencing.drl, frameworks/credit.drl): levels and credit. */
class CrossingFrameworksTest {
    @ParameterizedTest(name = "{0} {1} = SCQF {2}, EQF {3}")
    @CsvSource({
            "NFQ, 10, 12, 8", "NFQ, 9, 11, 7", "NFQ, 8, 9, 6", "NFQ, 7, 9, 6", "NFQ, 6, 7, 5", "NFQ, 5, 6, 4",
            "NFQ, 4, 5, 3", "NFQ, 3, 4, 2", "NFQ, 2, 3, 1", "NFQ, 1, 3, 1",
            "RQF, 8, 12, 8", "RQF, 7, 11, 7", "RQF, 6, 9, 6", "RQF, 5, 8, 5", "RQF, 4, 7, 5", "RQF, 3, 6, 4",
            "RQF, 2, 5, 3", "RQF, 1, 4, 2",
            "CQFW, 8, 12, 8", "CQFW, 6, 9, 6", "CQFW, 3, 6, 4", "CQFW, 1, 4, 2",
            "NZQF, 10, 12, 8", "NZQF, 9, 11, 7", "NZQF, 7, 9, 6", "NZQF, 6, 7, 5", "NZQF, 5, 7, 5", "NZQF, 4, 6, 4",
            "NZQF, 3, 6, 4", "NZQF, 2, 5, 3", "NZQF, 1, 4, 2",
    })
    void levelsAreReferencedToScqfThroughTheirPublishedReferencing(LevelFramework f, int level, int scqf, int eqf) {
        CredentialResult c = FrameworkRulesTest.one(credential("A").credit("15", CreditSystem.SCQF).level(f, level));
        assertEquals(scqf, c.scqfLevel());
        assertEquals(eqf, c.eqfLevel());
    }

    @Test
    void nzqf8AndAqfLevelsAreReadButNotReferenced() {
        for (var c : new CredentialResult[]{
                FrameworkRulesTest.one(credential("A").credit("15", CreditSystem.SCQF).level(LevelFramework.NZQF, 8)),
                FrameworkRulesTest.one(credential("A").credit("15", CreditSystem.SCQF).level(LevelFramework.AQF, 7))}) {
            assertNull(c.scqfLevel());
            assertTrue(c.notes().contains("no rule refers its level to SCQF"), c.notes().toString());
            assertTrue(c.creditBearing(), "credit without a level still counts where a level is not required");
        }
    }

    @Test
    void anIrishHonoursLevelTakesTheLowerOfItsTwoScqfLevelsAndSaysSo() {
        CredentialResult c = FrameworkRulesTest.one(credential("A").credit("5", CreditSystem.ECTS)
                .level(LevelFramework.NFQ, 8));
        assertTrue(c.notes().contains("NFQ level 8 corresponds to SCQF level 9 or 10; the lower, SCQF 9, is taken"),
                c.notes().toString());
    }

    @ParameterizedTest(name = "{0} {1} = {2} SCQF points")
    @CsvSource({"NZQF, 15, 15", "US_SEMESTER, 3, 12", "US_SEMESTER, 0.5, 2", "US_QUARTER, 4.5, 12",
            "US_QUARTER, 1, 2.66"})
    void creditIsConvertedAndTheRateIsSaid(CreditSystem system, String value, String points) {
        CredentialResult c = FrameworkRulesTest.one(credential("A").credit(value, system).level(LevelFramework.SCQF, 9));
        assertEquals(0, new BigDecimal(points).compareTo(c.scqfPoints()), c.notes().toString());
        if (system != CreditSystem.NZQF) {
            assertTrue(c.notes().get(0).endsWith("SCQF credit points (this registry's rate: 1 US semester hour = 2 "
                    + "ECTS)"), c.notes().get(0));
        }
    }

    @Test
    void theRecordAndABadgeNameTheNewFrameworksAndSystems() throws Exception {
        var r = LearnerFiles.parse("""
                learner: {id: L}
                credentials:
                  - {id: A, title: A, credit: {value: 3, system: us-semester}, level: {framework: nfq, value: 9}}
                """, "x.yaml", false);
        assertEquals(CreditSystem.US_SEMESTER, r.credentials().get(0).credit().system());
        assertEquals(LevelFramework.NFQ, r.credentials().get(0).level().framework());
        String badge = java.nio.file.Files.readString(java.nio.file.Path.of("../samples/formats/open-badge-ob3.json"))
                .replace("\"targetFramework\": \"SCQF\", \"targetCode\": \"11\"", "\"targetFramework\": \"NFQ\", \"targetCode\": \"9\"");
        var b = LearnerFiles.parseAny(badge, "b.json", true);
        assertEquals(LevelFramework.NFQ, b.credentials().get(0).level().framework());
        assertEquals(9, b.credentials().get(0).level().value());
    }

    static CredentialResult fromYaml(String credential) throws Exception {
        var r = LearnerFiles.parse("learner: {id: L}\ncredentials:\n  - " + credential + "\n", "x.yaml", false);
        return DefaultRules.get().evaluate(r, java.time.LocalDate.of(2026, 11, 28)).credentials().get(0);
    }

    @Test
    void aNationalLevelStatedBesideTheEqfLevelWins() throws Exception {
        String base = "{id: A, title: Honours module, credit: {value: 10, system: ECTS}, assessment: summative, "
                + "qualityAssurance: external, level: {framework: EQF, value: 6}";
        CredentialResult eqfAlone = fromYaml(base + "}");
        assertEquals(9, eqfAlone.scqfLevel(), "EQF 6 alone is SCQF 9, the lower of 9-10");
        CredentialResult scottish = fromYaml(base + ", nationalLevel: {framework: SCQF, value: 10}}");
        assertEquals(10, scottish.scqfLevel());
        assertEquals(6, scottish.eqfLevel());
        assertTrue(scottish.notes().contains("SCQF level 10 (the national level stated beside EQF 6 is taken)"),
                scottish.notes().toString());
        CredentialResult irish = fromYaml(base + ", nationalLevel: {framework: NFQ, value: 8}}");
        assertEquals(9, irish.scqfLevel(), "NFQ 8 is itself SCQF 9-10: the lower");
        var e = org.junit.jupiter.api.Assertions.assertThrows(org.accrue.reading.InvalidInputException.class,
                () -> fromYaml(base + ", nationalLevel: {framework: EQF, value: 6}}"));
        assertEquals("credentials[0].nationalLevel.framework", e.where());
    }
}
