package org.accrue;

import org.accrue.learner.LearnerRecord;
import org.accrue.result.AwardResult;
import org.accrue.result.Detail;
import org.accrue.result.EvaluationResult;
import org.accrue.result.RequirementResult;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Below full detail the verdicts and numbers are the same, and the sentences are not built at all: an evaluation at
 * {@code VERDICTS} or {@code REQUIREMENTS} has no reasons for what did not count, nothing missing in words, no rules
 * and no credentials, where the full one has them.
 */
class DetailLevelsTest {
    static final LocalDate AS_OF = LocalDate.of(2026, 11, 28);

    @Test
    void lowerLevelsGiveTheSameVerdictsAndNumbersWithoutTheSentences() {
        RuleSet full = DefaultRules.get();
        RuleSet requirements = full.withDetail(Detail.REQUIREMENTS);
        RuleSet verdicts = full.withDetail(Detail.VERDICTS);
        assertEquals(Detail.FULL, full.detail());
        Random random = new Random(17);
        int sentences = 0;
        for (int i = 0; i < 1_000; i++) {
            LearnerRecord learner = GeneratedLearners.learner(random);
            EvaluationResult f = full.evaluate(learner, AS_OF);
            EvaluationResult q = requirements.evaluate(learner, AS_OF);
            EvaluationResult v = verdicts.evaluate(learner, AS_OF);
            assertTrue(q.credentials().isEmpty() && v.credentials().isEmpty());
            for (int a = 0; a < f.awards().size(); a++) {
                AwardResult fa = f.awards().get(a);
                for (AwardResult lower : java.util.List.of(q.awards().get(a), v.awards().get(a))) {
                    assertEquals(fa.eligible(), lower.eligible(), fa.award());
                    assertEquals(fa.countedPoints(), lower.countedPoints(), fa.award());
                    assertEquals(fa.counted(), lower.counted(), fa.award());
                    assertEquals(fa.requirements().stream().map(DetailLevelsTest::numbers).toList(),
                            lower.requirements().stream().map(DetailLevelsTest::numbers).toList(), fa.award());
                    assertTrue(lower.missing().isEmpty() && lower.notCounted().isEmpty() && lower.rules().isEmpty(),
                            "sentences built below full detail: " + lower);
                }
                sentences += fa.missing().size() + fa.notCounted().size();
            }
        }
        assertTrue(sentences > 1_000, "the full results had sentences to leave out: " + sentences);
    }

    private static String numbers(RequirementResult r) {
        return r.id() + " " + r.kind() + " " + r.met() + " " + r.have() + " " + r.need() + " " + r.max() + " " + r.waived();
    }
}
