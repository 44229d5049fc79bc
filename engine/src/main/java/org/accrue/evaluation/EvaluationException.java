package org.accrue.evaluation;

/**
 * The rule set misbehaved while evaluating: a rule threw, two rules gave one credential different credit, a
 * rule referred to an award or requirement that no rule defines, or the rules never settled. A fault of the
 * rule set, not of the learner record.
 */
public final class EvaluationException extends RuntimeException {
    public EvaluationException(String message) {
        super(message);
    }

    public EvaluationException(String message, Throwable cause) {
        super(message, cause);
    }
}
