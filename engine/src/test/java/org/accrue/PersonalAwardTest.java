package org.accrue;

import org.accrue.reading.InvalidInputException;
import org.accrue.reading.LearnerFiles;
import org.accrue.result.AwardResult;
import org.accrue.result.NotCounted;
import org.accrue.result.RequirementResult;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A personal award: learners combine micro-credentials "to reflect their own personal combination of interests";
 * the learner declares a theme and a selection, and the institution's rule checks its coherence.
 */
class PersonalAwardTest {
    static final LocalDate AS_OF = LocalDate.of(2026, 11, 28);
    static RuleSet rules;

    @BeforeAll
    static void load(@TempDir Path dir) throws Exception {
        TestRuleSets.withRuleFile(dir, "rules/personal.dslr", """
                rule "personal: Personal Postgraduate Certificate"
                when
                then
                    award "personal" is the "Personal Postgraduate Certificate" at SCQF level 11
                    award "personal" counts any credit as general credit
                    award "personal" needs at least 60 SCQF points in all
                    award "personal" needs at least 40 SCQF points at SCQF level 11 or above
                    award "personal" is a personal award with at least 50% of its credit in the declared theme
                end
                """);
        rules = TestRuleSets.load(dir);
    }

    static final String CREDENTIALS = """
            learner: {id: L-P}
            credentials:
              - {id: A, title: Energy Markets, subjects: [energy], credit: {value: 30, system: SCQF}, level: {framework: SCQF, value: 11}, assessment: summative, qualityAssurance: external}
              - {id: B, title: Grid Storage, subjects: [Energy], credit: {value: 15, system: SCQF}, level: {framework: SCQF, value: 11}, assessment: summative, qualityAssurance: external}
              - {id: C, title: Corporate Finance, subjects: [finance], credit: {value: 15, system: SCQF}, level: {framework: SCQF, value: 11}, assessment: summative, qualityAssurance: external}
              - {id: D, title: Wind Power, subjects: [energy], credit: {value: 30, system: SCQF}, level: {framework: SCQF, value: 11}, assessment: summative, qualityAssurance: external}
            """;

    static AwardResult personal(String claims) throws InvalidInputException {
        return rules.evaluate(LearnerFiles.parse(CREDENTIALS + claims, "p.yaml", false), AS_OF).award("personal")
                .orElseThrow();
    }

    @Test
    void theLearnersChoiceCountsAndItsThemeShareIsChecked() throws Exception {
        AwardResult r = personal("claims:\n  - {award: personal, theme: Energy, credentials: [A, B, C]}\n");
        assertTrue(r.eligible(), r::toString);
        assertEquals(List.of("A", "B", "C"), r.counted().stream().map(c -> c.credential()).sorted().toList());
        assertEquals(List.of(new NotCounted("D", NotCounted.Reason.NOT_CLAIMED, "not among the credentials the "
                + "learner's claim for this personal award names")), r.notCounted());
        RequirementResult theme = r.requirement("theme").orElseThrow();
        assertEquals(RequirementResult.Kind.THEME, theme.kind());
        assertEquals("at least 50% of the counted credit in the declared theme 'energy'", theme.description());
        assertEquals(0, theme.have().compareTo(java.math.BigDecimal.valueOf(45)));
        assertEquals(0, theme.need().compareTo(java.math.BigDecimal.valueOf(30)));
    }

    @Test
    void aThemeTheChoiceDoesNotCarryIsShortByWhatItLacks() throws Exception {
        AwardResult r = personal("claims:\n  - {award: personal, theme: finance, credentials: [A, B, C]}\n");
        assertFalse(r.eligible());
        assertEquals(List.of("15 more SCQF points in the declared theme 'finance' (have 15, need 30)"), r.missing());
        // the boundary: exactly half
        AwardResult half = personal("claims:\n  - {award: personal, theme: finance, credentials: [C, A, D]}\n");
        assertFalse(half.eligible(), "15 of 75 is not half");
    }

    @Test
    void withoutAClaimNothingCountsAndTheResultSaysWhy() throws Exception {
        AwardResult r = personal("");
        assertFalse(r.eligible());
        assertTrue(r.notCounted().stream().allMatch(n -> n.code() == NotCounted.Reason.NOT_CLAIMED), r::toString);
        assertTrue(r.missing().contains("a claim: this is a personal award, and the learner declares no theme and no "
                + "credentials for it (claims in the learner record)"), r.missing().toString());
        AwardResult other = rules.evaluate(LearnerFiles.parse(CREDENTIALS, "p.yaml", false), AS_OF)
                .award("scqf-pgcert").orElseThrow();
        assertTrue(other.eligible(), "awards that are not personal count as before");
    }

    @Test
    void aClaimIsCheckedAtItsFields() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> personal(
                "claims:\n  - {award: personal, theme: energy, credentials: [A, Z]}\n"));
        assertEquals("claims[0].credentials[1]: no credential 'Z' in this file", e.where() + ": " + e.problem());
        e = assertThrows(InvalidInputException.class, () -> personal("claims:\n  - {award: personal, credentials: [A]}\n"));
        assertEquals("claims[0].theme: is missing", e.where() + ": " + e.problem());
    }
}
