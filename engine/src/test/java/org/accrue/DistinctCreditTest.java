package org.accrue;

import org.accrue.learner.LearnerRecord;
import org.accrue.reading.LearnerFiles;
import org.accrue.result.AwardResult;
import org.accrue.result.RequirementResult;
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
 * What a stack is made of, distinct: "at least 2 of these 3 modules" counts modules, not records of them; "from at
 * least 2 different awarding bodies" counts the bodies of the credit counted, and the search chooses the credit
 * that meets it.
 */
class DistinctCreditTest {
    static final LocalDate AS_OF = LocalDate.of(2026, 11, 28);

    static final String RULES = """
            rule "energy: Postgraduate Certificate in Sustainable Energy Investment"
            when
            then
                award "energy" is the "Postgraduate Certificate in Sustainable Energy Investment" at SCQF level 11
                award "energy" counts any credit as general credit
                award "energy" needs at least 60 SCQF points in all
                award "energy" has requirement "core": at least 2 credentials, two of the three core modules
                award "energy" needs credit from at least 2 different awarding bodies
            end
            rule "energy: core modules"
            when
                a credential
                - has course code "EN-1"
            then
                it may count toward requirement "core" of award "energy"
            end
            rule "energy: core module 2"
            when
                a credential
                - has course code "EN-2"
            then
                it may count toward requirement "core" of award "energy"
            end
            """;

    static String credential(String id, String code, String body, int points) {
        return "  - {id: " + id + ", title: " + id + ", code: " + code + ", awardingBody: " + body
                + ", credit: {value: " + points + ", system: SCQF}, level: {framework: SCQF, value: 11},"
                + " assessment: summative, qualityAssurance: external, issued: 2026-01-10}\n";
    }

    static AwardResult energy(RuleSet rules, String... credentials) throws Exception {
        LearnerRecord r = LearnerFiles.parse("learner: {id: L}\ncredentials:\n" + String.join("", credentials),
                "l.yaml", false);
        return rules.evaluate(r, AS_OF).award("energy").orElseThrow();
    }

    @Test
    void theSameModuleRecordedTwiceIsOneModule(@TempDir Path dir) throws Exception {
        TestRuleSets.withRuleFile(dir, "rules/energy.dslr", RULES);
        RuleSet rules = TestRuleSets.load(dir);
        AwardResult twice = energy(rules, credential("A", "EN-1", "University of Aberdeen", 30),
                credential("B", "EN-1", "University of Aberdeen", 15), credential("C", "X-9", "TU Delft", 15));
        RequirementResult core = twice.requirement("core").orElseThrow();
        assertEquals(0, core.have().compareTo(java.math.BigDecimal.ONE), core.toString());
        assertFalse(twice.eligible());
        assertTrue(twice.missing().contains("core: 1 more credential: two of the three core modules (have 1, need 2)"),
                twice.missing().toString());
        AwardResult two = energy(rules, credential("A", "EN-1", "University of Aberdeen", 30),
                credential("B", "EN-2", "University of Aberdeen", 15), credential("C", "X-9", "TU Delft", 15));
        assertTrue(two.eligible(), two::toString);
    }

    @Test
    void creditFromOneProviderIsNotAStack(@TempDir Path dir) throws Exception {
        TestRuleSets.withRuleFile(dir, "rules/energy.dslr", RULES);
        RuleSet rules = TestRuleSets.load(dir);
        AwardResult one = energy(rules, credential("A", "EN-1", "University of Aberdeen", 30),
                credential("B", "EN-2", "University of Aberdeen", 30));
        assertFalse(one.eligible());
        RequirementResult bodies = one.requirement("awarding-bodies").orElseThrow();
        assertEquals(RequirementResult.Kind.BODIES, bodies.kind());
        assertEquals("credit from at least 2 different awarding bodies", bodies.description());
        assertEquals(List.of("credit from 1 more awarding body (have 1, need 2)"), one.missing());
        // spelling and case aside, a body is one body
        AwardResult same = energy(rules, credential("A", "EN-1", "University of Aberdeen", 30),
                credential("B", "EN-2", "university of  Aberdeen", 30));
        assertFalse(same.eligible());
        AwardResult joint = energy(rules, credential("A", "EN-1", "University of Aberdeen", 30),
                credential("B", "EN-2", "[University of Aberdeen, Universiteit Utrecht]", 30));
        assertTrue(joint.eligible(), "a joint credential brings each of its bodies: " + joint);
    }

    @Test
    void aRequirementMayNeedDifferentBodiesAndAnUnknownOneIsRefused(@TempDir Path dir) throws Exception {
        TestRuleSets.withRuleFile(dir, "rules/energy.dslr", RULES.replace(
                "award \"energy\" needs credit from at least 2 different awarding bodies",
                "requirement \"core\" of award \"energy\" needs credit from at least 2 different awarding bodies"));
        RuleSet rules = TestRuleSets.load(dir);
        AwardResult r = energy(rules, credential("A", "EN-1", "University of Aberdeen", 30),
                credential("B", "EN-2", "University of Aberdeen", 15), credential("C", "X-9", "TU Delft", 15));
        assertFalse(r.eligible(), "the other body's credit is general credit, not core");
        assertEquals("credit toward 'core' from at least 2 different awarding bodies",
                r.requirement("core-awarding-bodies").orElseThrow().description());
        Path bad = dir.resolve("bad");
        TestRuleSets.withRuleFile(bad, "rules/energy.dslr", RULES.replace(
                "award \"energy\" needs credit from at least 2 different awarding bodies",
                "requirement \"optional\" of award \"energy\" needs credit from at least 2 different awarding bodies"));
        RuleSetException e = assertThrows(RuleSetException.class, () -> TestRuleSets.load(bad));
        assertTrue(e.getMessage().contains("asks requirement 'optional' of award 'energy' for different awarding "
                + "bodies, but the award has no such requirement"), e.getMessage());
    }
}
