package org.accrue;

import org.accrue.reading.LearnerFiles;
import org.accrue.result.AwardResult;
import org.accrue.result.CredentialResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A minimum grade, portable across grading scales: each passed grade is read as an ECTS band by the grade-band
 * tables, and an award rule asks for a band.
 */
class MinimumGradeTest {
    static final LocalDate AS_OF = LocalDate.of(2026, 11, 28);

    static final String RULES = """
            rule "merit: Certificate with merit"
            when
            then
                award "merit" is the "Certificate with merit" at SCQF level 11
                award "merit" has requirement "good": at least 1 credentials, a module passed with B or better
            end
            rule "merit: B or better"
            when
                a credential
                - has a grade of at least "%s"
            then
                it may count toward requirement "good" of award "merit"
            end
            """;

    static String credential(String id, String grade, String scale) {
        return "  - {id: " + id + ", title: " + id + ", credit: {value: 15, system: SCQF}, level: {framework: SCQF, "
                + "value: 11}, assessment: summative, qualityAssurance: external"
                + (grade == null ? "" : ", grade: {value: '" + grade + "', scale: " + scale + "}") + "}\n";
    }

    @Test
    void aMinimumGradeIsComparedThroughEachCredentialsOwnScale(@TempDir Path dir) throws Exception {
        TestRuleSets.withRuleFile(dir, "rules/merit.dslr", RULES.formatted("B"));
        RuleSet rules = TestRuleSets.load(dir);
        String text = "learner: {id: L}\ncredentials:\n"
                + credential("ECTS-B", "B", "ects") + credential("ECTS-C", "C", "ects")
                + credential("UK-60", "60", "uk-percent") + credential("UK-59", "59.5", "uk-percent")
                + credential("NL-7", "7,0", "nl-10") + credential("NL-69", "6.9", "nl-10")
                + credential("DE-2", "2.0", "de-5") + credential("DE-21", "2.1", "de-5")
                + credential("PLAIN", "Merit", null) + credential("NONE", null, null);
        var r = rules.evaluate(LearnerFiles.parse(text, "g.yaml", false), AS_OF);
        AwardResult merit = r.award("merit").orElseThrow();
        assertEquals(List.of("DE-2", "ECTS-B", "NL-7", "UK-60"), merit.counted().stream()
                .filter(c -> c.requirement().equals("good")).map(c -> c.credential()).sorted().toList(),
                "boundaries: 60% is B and 59.5% C; 7.0 is B and 6.9 C; 2.0 is B and 2.1 C");
        CredentialResult uk = r.credentials().stream().filter(c -> c.id().equals("UK-60")).findFirst().orElseThrow();
        assertTrue(uk.notes().contains("grade 60 read as ECTS band B (grade-band row 'Grade bands by mark_11')"),
                uk.notes().toString());
    }

    @Test
    void aMinimumGradeThatIsNoBandIsNamedAtItsLine(@TempDir Path dir) throws Exception {
        TestRuleSets.withRuleFile(dir, "rules/merit.dslr", RULES.formatted("merit"));
        RuleSetException e = assertThrows(RuleSetException.class, () -> TestRuleSets.load(dir));
        assertEquals(12, e.problems().get(0).line(), e.getMessage());
        assertTrue(e.problems().get(0).message().startsWith("minimum grade 'merit' is no ECTS band: a minimum grade is "
                + "A, B, C, D or E"), e.getMessage());
    }
}
