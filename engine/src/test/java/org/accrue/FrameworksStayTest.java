package org.accrue;

import org.accrue.reading.LearnerFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The packaged frameworks stay unless replaced on purpose: an institution's rules folder alone used to load
 * without them, and every credential outside the equivalence table then had no credit, silently.
 */
class FrameworksStayTest {
    static final Path REPO = Path.of(System.getProperty("accrue.repo", ".."));
    static final LocalDate AS_OF = LocalDate.of(2026, 11, 28);

    @Test
    void anInstitutionsRulesAloneStandOnThePackagedFrameworks() throws Exception {
        RuleSet own = RuleSet.load(List.of(REPO.resolve("rules")), List.of());
        assertEquals(RuleSet.loadDefault().id(), own.id(), "the same files as the packaged rule set");
        var amira = LearnerFiles.read(REPO.resolve("samples/amira-pgcert-data-science.yaml"));
        assertEquals(eligible(DefaultRules.get().evaluate(amira, AS_OF)), eligible(own.evaluate(amira, AS_OF)));
        assertTrue(eligible(own.evaluate(amira, AS_OF)).contains("scqf-pgcert"));
    }

    static List<String> eligible(org.accrue.result.EvaluationResult r) {
        return r.awards().stream().filter(org.accrue.result.AwardResult::eligible).map(org.accrue.result.AwardResult::award)
                .toList();
    }

    @Test
    void aCopyOfTheRepositoryLayoutReplacesTheFrameworksWithItsOwn(@TempDir Path dir) throws Exception {
        Path copy = TestRuleSets.copyOfShippedRules(Files.createDirectories(dir.resolve("regs")));
        // named folders and a folder holding frameworks/ both replace the packaged frameworks: no rule twice
        assertEquals(RuleSet.loadDefault().id(), RuleSet.load(List.of(copy.resolve("frameworks"),
                copy.resolve("rules")), List.of()).id());
        RuleSet.load(List.of(copy), List.of());
        assertEquals(RuleSet.loadDefault().id(), RuleSet.load(List.of(copy.resolve("rules")),
                List.of(copy.resolve("frameworks"))).id());
    }

    @Test
    void awardsWithNoRuleGivingCreditAreRefusedAtTheAwardsFileAndLine(@TempDir Path dir) throws Exception {
        Path none = Files.createDirectories(dir.resolve("no-frameworks"));
        Files.writeString(none.resolve("empty.drl"), "package accrue.empty;\n");
        var e = assertThrows(RuleSetException.class,
                () -> RuleSet.load(List.of(REPO.resolve("rules")), List.of(none)));
        assertEquals(1, e.problems().size(), e.problems().toString());
        RuleProblem p = e.problems().get(0);
        assertTrue(p.file().endsWith("-awards.drl"), p.toString());
        assertTrue(p.line() > 0, p.toString());
        assertTrue(p.message().startsWith("the rule set defines " + RuleSet.loadDefault().awards().size()
                + " awards but no rule gives any credential SCQF credit points"), p.message());
        // the library's literal load refuses it too: the folders as given, without frameworks
        var literal = assertThrows(RuleSetException.class, () -> RuleSet.load(List.of(REPO.resolve("rules"))));
        assertTrue(literal.problems().get(0).message().contains("no rule gives any credential SCQF credit points"));
    }
}
