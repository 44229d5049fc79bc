package org.accrue;

import java.time.Duration;

/**
 * What one learner's evaluation may take, so that no learner file and no rule set can hang or exhaust the
 * process that evaluates it (a command, a batch, the service). A learner over a limit is reported on its own
 * (as too large, or as an evaluation error with a {@link org.accrue.EvaluationException.Reason});
 * the others are evaluated as usual.
 *
 * @param maxCredentials the most credentials a learner record may hold; a larger one is refused as too large
 * @param maxFacts       the most facts the rules may insert for one learner
 * @param maxFirings     the most rule firings for one learner; more means the rules do not settle
 * @param timeLimit      the longest one learner's evaluation may take, rules and allocation search together
 */
public record Limits(int maxCredentials, int maxFacts, int maxFirings, Duration timeLimit) {
    /** 1,000 credentials, 100,000 facts, 100,000 firings, 2 seconds. */
    public static final Limits DEFAULT = new Limits(1_000, 100_000, 100_000, Duration.ofSeconds(2));

    public Limits {
        if (maxCredentials < 1 || maxFacts < 1 || maxFirings < 1) {
            throw new IllegalArgumentException("limits must be at least 1");
        }
        if (timeLimit == null || timeLimit.isNegative() || timeLimit.isZero()) {
            throw new IllegalArgumentException("the time limit must be positive");
        }
    }

    public Limits withMaxCredentials(int n) {
        return new Limits(n, maxFacts, maxFirings, timeLimit);
    }

    public Limits withTimeLimit(Duration d) {
        return new Limits(maxCredentials, maxFacts, maxFirings, d);
    }

    public Limits withMaxFacts(int n) {
        return new Limits(maxCredentials, n, maxFirings, timeLimit);
    }
}
