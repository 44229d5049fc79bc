package org.accrue;

import org.accrue.learner.Credential;
import org.accrue.learner.LearnerRecord;
import org.accrue.result.AwardResult;
import org.accrue.result.EvaluationResult;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.LongStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Properties of every shipped award over generated learners: order independence and monotonicity. */
class EvaluationPropertiesTest {
    static final LocalDate AS_OF = LocalDate.of(2026, 11, 28);

    static List<Long> seeds() {
        return LongStream.range(0, 250).boxed().toList();
    }

    static LearnerRecord withCredentials(LearnerRecord r, List<Credential> credentials) {
        return new LearnerRecord(r.learner(), credentials, r.source());
    }

    /** The generated learners exercise both verdicts, or the properties below would prove little. */
    @org.junit.jupiter.api.Test
    void generatedLearnersAreSometimesEligibleAndSometimesNot() {
        for (String award : List.of("pgcert-data-science", "scqf-pgcert", "scqf-graduate-certificate")) {
            long eligible = seeds().stream().filter(seed -> DefaultRules.get()
                    .evaluate(GeneratedLearners.learner(new Random(seed)), AS_OF, List.of(award))
                    .award(award).orElseThrow().eligible()).count();
            assertTrue(eligible >= 10 && eligible <= 240, award + ": " + eligible + " of 250 eligible");
        }
    }

    /** Shuffling the credentials of a file changes nothing in any award's result. */
    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void resultsDoNotDependOnCredentialOrder(long seed) {
        Random random = new Random(seed);
        LearnerRecord learner = GeneratedLearners.learner(random);
        List<Credential> shuffled = new ArrayList<>(learner.credentials());
        Collections.shuffle(shuffled, random);
        EvaluationResult a = DefaultRules.get().evaluate(learner, AS_OF);
        EvaluationResult b = DefaultRules.get().evaluate(withCredentials(learner, shuffled), AS_OF);
        assertEquals(a.awards(), b.awards());
        assertEquals(new java.util.HashSet<>(a.credentials()), new java.util.HashSet<>(b.credentials()));
    }

    /** Adding a credential never turns an eligible learner ineligible, for any award. */
    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void addingACredentialNeverRemovesEligibility(long seed) {
        Random random = new Random(seed);
        LearnerRecord learner = GeneratedLearners.learner(random);
        List<Credential> more = new ArrayList<>(learner.credentials());
        more.add(random.nextInt(more.size() + 1), GeneratedLearners.credential(random, "EXTRA").build());
        EvaluationResult before = DefaultRules.get().evaluate(learner, AS_OF);
        EvaluationResult after = DefaultRules.get().evaluate(withCredentials(learner, more), AS_OF);
        for (AwardResult a : before.awards()) {
            if (a.eligible()) {
                assertTrue(after.award(a.award()).orElseThrow().eligible(),
                        () -> a.award() + " lost by adding a credential:\n" + before + "\n" + after);
            }
        }
    }
}
