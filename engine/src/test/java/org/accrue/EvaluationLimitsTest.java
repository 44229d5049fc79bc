package org.accrue;

import org.accrue.EvaluationException;
import org.accrue.learner.LearnerRecord;
import org.accrue.learner.Route;
import org.accrue.result.EvaluationResult;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.accrue.Learners.credential;
import static org.accrue.Learners.learner;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * No learner and no rule set can hang or exhaust an evaluation: each limit stops that learner with its reason
 * code, the rule set goes on serving the next learner, and a large learner is called too large, never blamed
 * on the rules.
 */
class EvaluationLimitsTest {
    static final LocalDate AS_OF = LocalDate.of(2026, 11, 28);
    static RuleSet slow;

    /** The shipped rules plus a rule that pairs every credit with every other: a million matches for 1,000. */
    @BeforeAll
    static void slowRuleSet(@TempDir Path dir) throws Exception {
        TestRuleSets.withRuleFile(dir, "rules/slow.drl", """
                rule "every two credits"
                when
                    Credit() Credit()
                then
                end
                """);
        slow = TestRuleSets.load(dir);
    }

    static LearnerRecord credentials(int n) {
        Learners.C[] cs = new Learners.C[n];
        for (int i = 0; i < n; i++) {
            cs[i] = credential(String.format("C%04d", i)).scqf(10, 11);
        }
        return learner(cs);
    }

    @Test
    void anEvaluationOverItsTimeLimitStopsWithItsReasonAndTheNextLearnerIsServed() {
        RuleSet limited = slow.withLimits(Limits.DEFAULT.withTimeLimit(Duration.ofMillis(20)));
        long start = System.nanoTime();
        EvaluationException e = assertThrows(EvaluationException.class,
                () -> limited.evaluate(credentials(1000), AS_OF));
        assertEquals(EvaluationException.Reason.TIME_LIMIT, e.reason());
        assertEquals("time-limit", e.reason().code());
        assertTrue(e.getMessage().contains("time limit of 0.02 s"), e::getMessage);
        // stopped near its limit, not after the join: a generous bound, so a loaded machine cannot fail it
        assertTrue(System.nanoTime() - start < Duration.ofSeconds(20).toNanos());
        EvaluationResult next = limited.evaluate(credentials(3), AS_OF);
        assertEquals(3, next.credentials().size());
    }

    @Test
    void tooManyFactsStopsTheLearner() {
        RuleSet limited = DefaultRules.get().withLimits(Limits.DEFAULT.withMaxFacts(5));
        EvaluationException e = assertThrows(EvaluationException.class, () -> limited.evaluate(credentials(4), AS_OF));
        assertEquals(EvaluationException.Reason.TOO_MANY_FACTS, e.reason());
        assertTrue(e.reason().limit());
        assertEquals(4, DefaultRules.get().evaluate(credentials(4), AS_OF).credentials().size(), "the default is unharmed");
    }

    @Test
    void aLearnerOverTheCredentialLimitIsTooLargeNotARuleSetError() {
        RuleSet limited = DefaultRules.get().withLimits(Limits.DEFAULT.withMaxCredentials(10));
        assertEquals(List.of(), limited.problems(credentials(10)), "10 is within a limit of 10");
        assertEquals(List.of(new RecordProblem("credentials", "too large: 11 credentials, more than the limit of 10 "
                + "for one learner")), limited.problems(credentials(11)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> limited.evaluate(credentials(11), AS_OF));
        assertTrue(e.getMessage().contains("too large"), e::getMessage);
        assertEquals(1, DefaultRules.get().problems(credentials(1001)).size(), "1,000 by default");
        assertEquals(List.of(), DefaultRules.get().problems(credentials(1000)));
    }

    /** The review's learner: every credential by RPL, tagged both ways, two-decimal points, at SCQF 11. */
    static LearnerRecord review(int n) {
        Random r = new Random(n);
        Learners.C[] cs = new Learners.C[n];
        for (int i = 0; i < n; i++) {
            cs[i] = credential(String.format("RPL-%04d", i))
                    .scqf(BigDecimal.valueOf(500 + r.nextInt(1100), 2).toPlainString(), 11)
                    .subjects("data-science", "statistics").route(Route.RPL);
        }
        return learner(cs);
    }

    @Test
    void theReviewsLearnerIsAnsweredWithinTheDefaultLimits() {
        for (int n : new int[] {8, 12, 16, 18, 20, 40, 60, 200, 1000}) {
            var award = DefaultRules.get().evaluate(review(n), AS_OF, List.of("pgcert-data-science"))
                    .award("pgcert-data-science").orElseThrow();
            assertFalse(award.eligible());
            // at most 30 by RPL: the cap is met to the hundredth where the credit allows, never passed
            BigDecimal counted = award.countedPoints();
            assertTrue(counted.compareTo(BigDecimal.valueOf(30)) <= 0, counted::toString);
            assertTrue(n < 16 || counted.compareTo(new BigDecimal("29.9")) >= 0, counted::toString);
        }
    }

    @Test
    void theRulesDefiningAwardsCannotHangLoading(@TempDir Path dir) throws Exception {
        TestRuleSets.withRuleFile(dir, "rules/boot.drl", """
                rule "boot"
                when
                    $a : Award()
                then
                    insert(new Award($a.id() + "x", "X", 7));
                end
                """);
        RuleSetException e = assertThrows(RuleSetException.class, () -> TestRuleSets.load(dir));
        assertTrue(e.getMessage().startsWith("the rules that define the awards (those with an empty when) did not "
                + "finish: "), e::getMessage);
    }

    static List<String> ids(int n) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ids.add("C" + i);
        }
        return ids;
    }
}
