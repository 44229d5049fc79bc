package org.accrue;

import org.accrue.reading.InvalidInputException;
import org.accrue.reading.LearnerFiles;
import org.accrue.result.AwardResult;
import org.accrue.result.EvaluationResult;
import org.accrue.result.NotCounted;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Credit is used once: what an award already conferred used counts toward no other award unless its rules share it. */
class ConferredAwardsTest {
    static final Path SAMPLES = Path.of(System.getProperty("accrue.repo", "..")).resolve("samples");
    static final LocalDate AS_OF = LocalDate.of(2026, 11, 28);

    static List<String> eligible(EvaluationResult r) {
        return r.awards().stream().filter(AwardResult::eligible).map(AwardResult::award).sorted().toList();
    }

    @Test
    void theHonoursGraduatesCreditNoLongerMakesEveryAwardBelowIt() throws Exception {
        String hana = Files.readString(SAMPLES.resolve("hana-honours.yaml"));
        EvaluationResult before = DefaultRules.get().evaluate(LearnerFiles.parse(hana, "h.yaml", false), AS_OF);
        assertTrue(eligible(before).size() >= 5, "the five-award learner: " + eligible(before));
        String conferred = hana + "conferred:\n  - {award: scqf-honours-degree, date: 2025-07-01, "
                + "credentials: [HK-Y1, HK-Y2, HK-Y3, HK-Y4]}\n";
        EvaluationResult after = DefaultRules.get().evaluate(LearnerFiles.parse(conferred, "h.yaml", false), AS_OF);
        assertEquals(List.of("scqf-honours-degree"), eligible(after));
        AwardResult ordinary = after.award("scqf-ordinary-degree").orElseThrow();
        assertEquals(4, ordinary.notCounted().stream().filter(n -> n.code() == NotCounted.Reason.ALREADY_USED).count());
        assertTrue(ordinary.notCounted().get(0).reason().startsWith("its credit was used for scqf-honours-degree, "
                + "conferred on 2025-07-01"), ordinary.notCounted().get(0).reason());
    }

    @Test
    void aLadderSharesTheCreditOfTheAwardsBelow() throws Exception {
        EvaluationResult tomas = DefaultRules.get().evaluate(LearnerFiles.read(SAMPLES.resolve(
                "tomas-conferred-pgcert.yaml")), AS_OF);
        AwardResult pgdip = tomas.award("scqf-pgdip").orElseThrow();
        assertTrue(pgdip.eligible(), "the PgDip shares the conferred PgCert's credit");
        assertEquals(0, pgdip.countedPoints().compareTo(java.math.BigDecimal.valueOf(120)));
        AwardResult gradCert = tomas.award("scqf-graduate-certificate").orElseThrow();
        assertTrue(gradCert.notCounted().stream().anyMatch(n -> n.credential().equals("TS-01")
                && n.code() == NotCounted.Reason.ALREADY_USED), gradCert.notCounted().toString());
        assertTrue(gradCert.counted().stream().noneMatch(c -> c.credential().startsWith("TS-0")
                && c.credential().compareTo("TS-05") < 0), gradCert.counted().toString());
        assertFalse(tomas.award("scqf-masters").orElseThrow().eligible());
    }

    @Test
    void aConferredAwardNamingACredentialNotInTheFileIsRefusedAtItsField() {
        var e = assertThrows(InvalidInputException.class, () -> LearnerFiles.parse("""
                learner: {id: L}
                credentials: [{id: A, title: A}]
                conferred:
                  - {award: scqf-pgcert, credentials: [A, B]}
                """, "c.yaml", false));
        assertEquals("conferred[0].credentials[1]", e.where());
        assertEquals("no credential 'B' in this file", e.problem());
    }

    /** The designer's sentence for sharing: without it the conferred PgCert's credit is used; with it, it counts. */
    @Test
    void aDesignerSaysInASentenceWhichConferredAwardsCreditAnAwardShares(@org.junit.jupiter.api.io.TempDir Path dir)
            throws Exception {
        String rule = """
                rule "pgcert-energy: Postgraduate Certificate in Energy"
                when
                then
                    award "pgcert-energy" is the "Postgraduate Certificate in Energy" at SCQF level 11
                    award "pgcert-energy" counts any credit as general credit
                    award "pgcert-energy" needs at least 60 SCQF points in all
                %s
                end
                """;
        String learner = """
                learner: {id: L-S}
                credentials:
                  - {id: A, title: Energy 1, credit: {value: 30, system: SCQF}, level: {framework: SCQF, value: 11},
                     assessment: summative, qualityAssurance: external, issued: 2025-01-10}
                  - {id: B, title: Energy 2, credit: {value: 30, system: SCQF}, level: {framework: SCQF, value: 11},
                     assessment: summative, qualityAssurance: external, issued: 2025-06-10}
                conferred:
                  - {award: scqf-pgcert, date: 2025-07-01, credentials: [A, B]}
                """;
        TestRuleSets.withRuleFile(dir, "rules/energy.dslr", rule.formatted(""));
        AwardResult without = TestRuleSets.load(dir).evaluate(LearnerFiles.parse(learner, "l.yaml", false), AS_OF)
                .award("pgcert-energy").orElseThrow();
        assertFalse(without.eligible());
        assertEquals(2, without.notCounted().stream().filter(n -> n.code() == NotCounted.Reason.ALREADY_USED).count());

        Path shared = dir.resolveSibling(dir.getFileName() + "-shared");
        TestRuleSets.withRuleFile(shared, "rules/energy.dslr", rule.formatted(
                "    award \"pgcert-energy\" shares the credit of award \"scqf-pgcert\""));
        AwardResult with = TestRuleSets.load(shared).evaluate(LearnerFiles.parse(learner, "l.yaml", false), AS_OF)
                .award("pgcert-energy").orElseThrow();
        assertTrue(with.eligible(), with.toString());
        assertEquals(0, with.countedPoints().compareTo(java.math.BigDecimal.valueOf(60)));
    }
}
