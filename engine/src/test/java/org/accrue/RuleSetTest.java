package org.accrue;

import org.accrue.EvaluationException;
import org.accrue.learner.CreditSystem;
import org.accrue.learner.LearnerRecord;
import org.accrue.result.EvaluationResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.accrue.Learners.credential;
import static org.accrue.Learners.learner;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RuleSetTest {
    static final LocalDate AS_OF = LocalDate.of(2026, 11, 28);
    static final Path REPO = TestRuleSets.REPO;

    static void withRuleFile(Path dir, String name, String body) throws IOException {
        TestRuleSets.withRuleFile(dir, name, body);
    }

    static Path copyOfShippedRules(Path dir) throws IOException {
        return TestRuleSets.copyOfShippedRules(dir);
    }

    static RuleSet load(Path dir) throws RuleSetException {
        return TestRuleSets.load(dir);
    }

    @Test
    void theHashOfThePackagedRuleSetEqualsTheHashOfTheRepositoryFolders() throws Exception {
        RuleSet folders = RuleSet.load(List.of(REPO.resolve("frameworks"), REPO.resolve("rules")));
        assertEquals(DefaultRules.get().id(), folders.id());
        assertTrue(folders.id().matches("sha256:[0-9a-f]{64}"), folders.id());
    }

    @Test
    void theHashChangesWhenAnyRuleFileChanges(@TempDir Path dir) throws Exception {
        copyOfShippedRules(dir);
        String before = load(dir).id();
        assertEquals(before, load(dir).id(), "stable across loads");
        Path f = dir.resolve("rules/scqf-awards.drl");
        Files.writeString(f, Files.readString(f) + "\n// a comment\n");
        assertNotEquals(before, load(dir).id());
    }

    @Test
    void everyResultCarriesTheRuleSetAndDate() {
        EvaluationResult r = DefaultRules.get().evaluate(learner(credential("A").scqf(15, 11)), AS_OF);
        assertEquals(DefaultRules.get().id(), r.ruleset());
        assertEquals(AS_OF, r.asOf());
    }

    @Test
    void aCompileErrorNamesTheFileAndLine(@TempDir Path dir) throws Exception {
        withRuleFile(dir, "rules/broken.drl", """
                
                rule "broken"
                when
                    Credit( points > )
                then
                end
                """);
        RuleSetException e = assertThrows(RuleSetException.class, () -> load(dir));
        RuleProblem p = e.problems().get(0);
        assertEquals(dir.resolve("rules") + "/broken.drl", p.file());
        assertEquals(6, p.line());
        assertTrue(p.column() > 0, p::toString);
        assertTrue(p.toString().startsWith(dir.resolve("rules") + "/broken.drl:6:"), p::toString);
    }

    @Test
    void aTypeErrorInAConsequenceIsReported(@TempDir Path dir) throws Exception {
        withRuleFile(dir, "rules/typo.drl", """
                rule "typo"
                when
                    $c : Credit()
                then
                    insert(new MayCount("scqf-pgcert", $c.noSuchMethod()));
                end
                """);
        RuleSetException e = assertThrows(RuleSetException.class, () -> load(dir));
        assertTrue(e.problems().stream().anyMatch(p -> p.file() != null && p.file().endsWith("rules/typo.drl")
                && p.line() > 0), e::getMessage);
    }

    @Test
    void aDuplicateAwardIdIsRefused(@TempDir Path dir) throws Exception {
        withRuleFile(dir, "rules/again.drl", """
                rule "scqf-pgcert again"
                when
                then
                    insert(new Award("scqf-pgcert", "Another PG Certificate", 11));
                end
                """);
        RuleSetException e = assertThrows(RuleSetException.class, () -> load(dir));
        // which of the two rules fires first is Drools' choice; the message names both
        assertTrue(e.getMessage().matches(".*rule '(scqf-pgcert again|scqf-pgcert: Postgraduate Certificate)' defines "
                + "award 'scqf-pgcert', which rule '(scqf-pgcert again|scqf-pgcert: Postgraduate Certificate)' "
                + "already defines"), e::getMessage);
        assertTrue(e.getMessage().contains("again"), e::getMessage);
    }

    @Test
    void aConstraintOnAnUndefinedAwardIsRefused(@TempDir Path dir) throws Exception {
        withRuleFile(dir, "rules/orphan.drl", """
                rule "orphan total"
                when
                then
                    insert(new TotalCredit("no-such-award", 60));
                end
                """);
        RuleSetException e = assertThrows(RuleSetException.class, () -> load(dir));
        assertEquals(dir.resolve("rules") + "/orphan.drl:3: rule 'orphan total' sets a total for award 'no-such-award', "
                + "which no rule defines", e.getMessage());
    }

    @Test
    void generalCreditForAnUndefinedAwardIsRefusedAtItsLine(@TempDir Path dir) throws Exception {
        withRuleFile(dir, "rules/orphan.drl", """
                rule "orphan general credit"
                when
                then
                    insert(new GeneralCredit("no-such-award"));
                end
                """);
        RuleSetException e = assertThrows(RuleSetException.class, () -> load(dir));
        assertEquals(dir.resolve("rules") + "/orphan.drl:3: rule 'orphan general credit' sets general credit for "
                + "award 'no-such-award', which no rule defines", e.getMessage());
    }

    @Test
    void generalCreditThatDependsOnTheLearnerFailsTheEvaluation(@TempDir Path dir) throws Exception {
        withRuleFile(dir, "rules/late.drl", """
                rule "general credit per credit"
                when
                    $c : Credit()
                then
                    insert(new GeneralCredit("scqf-pgcert"));
                end
                """);
        RuleSet rules = load(dir);
        EvaluationException e = assertThrows(EvaluationException.class,
                () -> rules.evaluate(learner(credential("A").scqf(15, 11)), AS_OF));
        assertEquals("rule 'general credit per credit' inserted a GeneralCredit for this learner; award definitions "
                + "must not depend on the learner (give the rule an empty when)", e.getMessage());
    }

    /** "Any credit" said once per award counts every credit-bearing credential, whatever its level, and no other. */
    @Test
    void anAwardThatCountsAnyCreditAsGeneralCreditCountsEveryCreditBearingCredential(@TempDir Path dir)
            throws Exception {
        withRuleFile(dir, "rules/any.dslr", """
                rule "any: Certificate of Anything"
                when
                then
                    award "any" is the "Certificate of Anything" at SCQF level 7
                    award "any" counts any credit as general credit
                    award "any" needs at least 30 SCQF points in all
                end
                rule "none: Certificate of Nothing"
                when
                then
                    award "none" is the "Certificate of Nothing" at SCQF level 7
                    award "none" needs at least 30 SCQF points in all
                end
                """);
        RuleSet rules = load(dir);
        EvaluationResult r = rules.evaluate(learner(credential("A").scqf(15, 7), credential("B").credit("15", CreditSystem.SCQF),
                credential("C").scqf(20, 11).noCredit()), AS_OF);
        var any = r.award("any").orElseThrow();
        assertTrue(any.eligible(), any::toString);
        assertEquals(List.of("A", "B"), any.counted().stream().map(c -> c.credential()).toList());
        assertEquals(List.of("C"), any.notCounted().stream().map(c -> c.credential()).toList());
        assertTrue(any.rules().contains("any: Certificate of Anything"), any::toString);
        var none = r.award("none").orElseThrow();
        assertTrue(!none.eligible() && none.counted().isEmpty(), none::toString);
    }

    /** Any number of subjects up to eight in one sentence; more, or a tag no record can have, is named at its line. */
    @Test
    void taggedTakesSeveralSubjectsAndRefusesTagsNoRecordCanHave(@TempDir Path dir) throws Exception {
        String rule = """
                rule "tags: Certificate in Sustainability"
                when
                then
                    award "tags" is the "Certificate in Sustainability" at SCQF level 7
                    award "tags" has requirement "theme": at least 30 SCQF points of sustainability credit
                end
                rule "tags: theme"
                when
                    a credential
                    - is tagged %s
                then
                    it may count toward requirement "theme" of award "tags"
                end
                """;
        withRuleFile(dir, "rules/tags.dslr", rule.formatted("\"energy\" or \"climate\" or \"water\""));
        var r = load(dir).evaluate(learner(credential("A").scqf(15, 7).subjects("water"),
                credential("B").scqf(15, 7).subjects("climate"), credential("C").scqf(15, 7).subjects("finance")), AS_OF)
                .award("tags").orElseThrow();
        assertEquals(List.of("A", "B"), r.counted().stream().map(c -> c.credential()).sorted().toList());
        assertTrue(r.eligible(), r::toString);

        Path upper = dir.resolve("upper");
        withRuleFile(upper, "rules/tags.dslr", rule.formatted("\"energy\" or \"Climate\""));
        RuleSetException e = assertThrows(RuleSetException.class, () -> load(upper));
        assertEquals(List.of("subject tag 'Climate' can never match: a learner record's subjects are trimmed and "
                + "lower-cased as they are read; write 'climate'"), e.problems().stream().map(RuleProblem::message).toList());
        assertEquals(12, e.problems().get(0).line(), "the sentence's line, after the two header lines");

        Path nine = dir.resolve("nine");
        withRuleFile(nine, "rules/tags.dslr", rule.formatted(String.join(" or ", java.util.stream.IntStream
                .rangeClosed(1, 9).mapToObj(i -> "\"t" + i + "\"").toList())));
        e = assertThrows(RuleSetException.class, () -> load(nine));
        assertTrue(e.problems().get(0).message().startsWith("'is tagged' takes at most 8 subjects joined by 'or', and "
                + "this line has 9"), e.problems().toString());
    }

    @Test
    void aDesignerWordsAnAwardInFheqTermsAndNoOtherWord(@TempDir Path dir) throws Exception {
        withRuleFile(dir, "rules/eng.dslr", """
                rule "eng: Certificate in England"
                when
                then
                    award "eng" is the "Certificate (England)" at SCQF level 7 in FHEQ terms
                    award "eng" counts any credit as general credit
                    award "eng" needs at least 120 SCQF points in all
                end
                """);
        var eng = load(dir).evaluate(learner(credential("A").scqf(100, 7)), AS_OF).award("eng").orElseThrow();
        assertEquals("at least 120 credits in all", eng.requirement("total").orElseThrow().description());
        assertEquals(List.of("20 more credits in all (have 100, need 120)"), eng.missing());
        withRuleFile(dir.resolve("bad"), "rules/eng.dslr", """
                rule "eng: Certificate in England"
                when
                then
                    award "eng" is the "Certificate (England)" at SCQF level 7 in NFQ terms
                end
                """);
        RuleSetException e = assertThrows(RuleSetException.class, () -> load(dir.resolve("bad")));
        assertTrue(e.getMessage().contains("words award 'eng' in 'NFQ' terms; an award is worded in SCQF or FHEQ terms"),
                e.getMessage());
    }

    @Test
    void creditTowardAnUndefinedRequirementIsRefusedAtItsLine(@TempDir Path dir) throws Exception {
        withRuleFile(dir, "rules/stray.drl", """
                rule "stray requirement"
                when
                    $c : Credit()
                then
                    insert(new MayCount("scqf-pgcert", "capstone", $c));
                end
                """);
        RuleSetException e = assertThrows(RuleSetException.class, () -> load(dir));
        assertEquals(dir.resolve("rules") + "/stray.drl:3: rule 'stray requirement' lets credit count toward "
                + "requirement 'capstone' of award 'scqf-pgcert', which no rule defines", e.getMessage());
    }

    /** A requirement named by an expression is beyond the static check: the evaluation refuses it. */
    @Test
    void creditTowardAComputedUndefinedRequirementFailsTheEvaluation(@TempDir Path dir) throws Exception {
        withRuleFile(dir, "rules/stray.drl", """
                rule "stray requirement"
                when
                    $c : Credit()
                then
                    insert(new MayCount("scqf-pgcert", "cap" + "stone", $c));
                end
                """);
        RuleSet rules = load(dir);
        EvaluationException e = assertThrows(EvaluationException.class,
                () -> rules.evaluate(learner(credential("A").scqf(15, 11)), AS_OF));
        assertEquals("rule 'stray requirement' lets credit count toward requirement 'capstone' of award 'scqf-pgcert', "
                + "which no rule defines", e.getMessage());
    }

    @Test
    void aRuleThatThrowsFailsTheEvaluationNamingTheRule(@TempDir Path dir) throws Exception {
        withRuleFile(dir, "rules/throws.drl", """
                rule "divides by zero"
                when
                    $c : Credit()
                then
                    int x = 1 / 0;
                end
                """);
        RuleSet rules = load(dir);
        EvaluationException e = assertThrows(EvaluationException.class,
                () -> rules.evaluate(learner(credential("A").scqf(15, 11)), AS_OF));
        assertEquals("rule 'divides by zero' failed: ArithmeticException: / by zero", e.getMessage());
    }

    @Test
    void aRuleThatNeverSettlesIsStopped(@TempDir Path dir) throws Exception {
        withRuleFile(dir, "rules/loop.drl", """
                rule "loops"
                when
                    $e : Exclusion()
                then
                    insert(new Exclusion($e.credential(), $e.reason()));
                end
                """);
        RuleSet rules = load(dir);
        EvaluationException e = assertThrows(EvaluationException.class,
                () -> rules.evaluate(learner(credential("A").noCredit()), AS_OF));
        assertEquals(EvaluationException.Reason.TOO_MANY_FACTS, e.reason());
        assertEquals("the rules inserted more than 100000 facts for this learner (the limit)", e.getMessage());
    }

    @Test
    void aRuleThatRetriggersItselfIsStopped(@TempDir Path dir) throws Exception {
        withRuleFile(dir, "rules/loop.drl", """
                rule "touches its own fact"
                when
                    $c : Credit()
                then
                    update($c);
                end
                """);
        RuleSet rules = load(dir);
        EvaluationException e = assertThrows(EvaluationException.class,
                () -> rules.evaluate(learner(credential("A").scqf(15, 11)), AS_OF));
        assertEquals(EvaluationException.Reason.DID_NOT_SETTLE, e.reason());
        assertTrue(e.getMessage().contains("without settling"), e::getMessage);
        assertEquals(0, rules.evaluate(learner(), AS_OF).credentials().size(), "the next learner is served");
    }

    @Test
    void twoRulesGivingOneCredentialPointsIsAnError(@TempDir Path dir) throws Exception {
        withRuleFile(dir, "frameworks/double.drl", """
                import org.accrue.learner.Credential;
                rule "everything is worth 10"
                when
                    $c : Credential()
                then
                    insert(new CreditPoints($c.id(), java.math.BigDecimal.TEN, "10"));
                end
                """);
        RuleSet rules = load(dir);
        EvaluationException e = assertThrows(EvaluationException.class,
                () -> rules.evaluate(learner(credential("A").scqf(15, 11)), AS_OF));
        assertTrue(e.getMessage().endsWith("both give credential 'A' SCQF credit points"), e::getMessage);
    }

    @Test
    void missingFoldersAndEmptyRuleSetsAreRefused(@TempDir Path dir) {
        assertEquals(dir.resolve("nope") + ": not a folder of rule files",
                assertThrows(RuleSetException.class, () -> RuleSet.load(List.of(dir.resolve("nope")))).getMessage());
        assertTrue(assertThrows(RuleSetException.class, () -> RuleSet.load(List.of(dir))).getMessage()
                .startsWith("no rule files (.drl, .dsl, .dslr, .drl.csv, .drl.xls, .drl.xlsx) in"));
    }

    @Test
    void anUnknownAwardIdIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DefaultRules.get().evaluate(learner(), AS_OF, List.of("scqf-phd")));
        assertTrue(e.getMessage().startsWith("unknown award 'scqf-phd'; the rule set defines "), e::getMessage);
    }

    /** A thread's session is reused: what one learner leaves behind must not change the next one's result. */
    @Test
    void aLearnerComesOutTheSameAfterManyOthers() throws Exception {
        LearnerRecord probe = GeneratedLearners.learner(new Random(99));
        RuleSet fresh = RuleSet.load(List.of(REPO.resolve("frameworks"), REPO.resolve("rules")));
        EvaluationResult first = fresh.evaluate(probe, AS_OF);
        Random random = new Random(7);
        for (int i = 0; i < 300; i++) {
            fresh.evaluate(GeneratedLearners.learner(random), AS_OF);
        }
        assertEquals(first, fresh.evaluate(probe, AS_OF));
    }

    /** One rule set shared by four threads gives every learner the result it gives on one thread. */
    @Test
    void evaluationsAreThreadSafe() throws Exception {
        RuleSet rules = DefaultRules.get();
        List<LearnerRecord> learners = new ArrayList<>();
        Random random = new Random(42);
        for (int i = 0; i < 400; i++) {
            learners.add(GeneratedLearners.learner(random));
        }
        List<EvaluationResult> sequential = learners.stream().map(l -> rules.evaluate(l, AS_OF)).toList();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<EvaluationResult>> futures = new ArrayList<>();
            for (LearnerRecord l : learners) {
                futures.add(pool.submit(() -> rules.evaluate(l, AS_OF)));
            }
            for (int i = 0; i < learners.size(); i++) {
                assertEquals(sequential.get(i), futures.get(i).get());
            }
        } finally {
            pool.shutdown();
        }
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"=HYPERLINK(1)", "Upper", "a b", "../up", "-lead"})
    void anAwardIdThatCouldForgeAFileOrACellIsRefused(String id, @TempDir Path dir) throws Exception {
        withRuleFile(dir, "rules/odd.drl", """
                rule "odd award"
                when
                then
                    insert(new Award("ID", "Odd", 7));
                end
                """.replace("ID", id));
        RuleSetException e = assertThrows(RuleSetException.class, () -> load(dir));
        assertTrue(e.getMessage().contains("an award id is 1 to 64 lower-case letters, digits"), e::getMessage);
        assertTrue(e.getMessage().startsWith(dir.resolve("rules") + "/odd.drl:3:"), e::getMessage);
    }
}
