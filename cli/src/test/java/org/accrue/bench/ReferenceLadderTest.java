package org.accrue.bench;

import org.accrue.DefaultRules;
import org.accrue.learner.LearnerRecord;
import org.accrue.population.PopulationGenerator;
import org.accrue.reading.LearnerFiles;
import org.accrue.result.AwardResult;
import org.accrue.result.EvaluationResult;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The rule engine and the hand-written reference agree on the SCQF ladder for every generated learner. */
class ReferenceLadderTest {
    @Test
    void engineAndReferenceAgreeOnEveryGeneratedLearner() throws Exception {
        LocalDate asOf = LocalDate.of(2026, 11, 28);
        PopulationGenerator population = new PopulationGenerator(2026, asOf);
        int eligible = 0;
        for (long n = 1; n <= 5000; n++) {
            LearnerRecord learner = LearnerFiles.parseEmbedded(population.learner(n).toString(), "generated", "learner " + n);
            Map<String, Boolean> reference = ReferenceLadder.evaluate(learner);
            EvaluationResult engine = DefaultRules.get().evaluate(learner, asOf, reference.keySet());
            for (AwardResult a : engine.awards()) {
                assertEquals(reference.get(a.award()), a.eligible(), "learner " + n + ", " + a.award());
                eligible += a.eligible() ? 1 : 0;
            }
        }
        assertTrue(eligible > 1000, "the population exercises both verdicts: " + eligible + " eligible verdicts");
    }
}
