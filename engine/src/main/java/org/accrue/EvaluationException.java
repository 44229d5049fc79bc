package org.accrue;

/**
 * A learner could not be evaluated: the rule set misbehaved (a rule threw, two rules gave one credential
 * different credit, a rule referred to an award or requirement that no rule defines), or the evaluation went
 * over one of its {@link org.accrue.Limits}. {@link #reason()} says which, as a code a service or a batch
 * summary can count.
 */
public final class EvaluationException extends RuntimeException {
    /** Why a learner could not be evaluated. */
    public enum Reason {
        /** A rule failed or the rules contradict each other: a fault of the rule set. */
        RULE_FAILED,
        /** The rules fired more often than the limit without settling. */
        DID_NOT_SETTLE,
        /** The rules inserted more facts than the limit. */
        TOO_MANY_FACTS,
        /** The evaluation took longer than the time limit. */
        TIME_LIMIT,
        /** The allocation search went over its limit of states. */
        SEARCH_LIMIT;

        /** The stable code, as written in results and rejects: {@code rule-failed}, {@code time-limit}, ... */
        public String code() {
            return org.accrue.report.JsonReport.code(this);
        }

        /** True for the reasons that are a limit reached, not a fault of the rule set. */
        public boolean limit() {
            return this != RULE_FAILED;
        }
    }

    private final Reason reason;

    public EvaluationException(String message) {
        this(Reason.RULE_FAILED, message);
    }

    public EvaluationException(String message, Throwable cause) {
        super(message, cause);
        this.reason = Reason.RULE_FAILED;
    }

    public EvaluationException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
