package org.accrue;

import org.accrue.report.Printable;
import org.accrue.result.EvaluationResult;

/**
 * What became of one learner record: evaluated, with its result, or rejected, with a reason code and the one-line
 * message a user is told. The step every caller shares (the command line, the batch, rule tests, the service,
 * a Spark job): {@link RuleSet#evaluateFile}, {@link RuleSet#evaluateText}, {@link RuleSet#evaluateRecord}. No
 * input makes it throw.
 */
public sealed interface Outcome {
    /** Where the record came from: a file, {@code file:line}, or the caller's name for it. */
    String source();

    /** The record was evaluated. */
    record Evaluated(String source, EvaluationResult result) implements Outcome {
    }

    /**
     * The record was not evaluated.
     *
     * @param where   the field path or line the reason is at ({@code credentials[2].level.value},
     *                {@code line 4, column 7}, {@code file}), or null when it concerns the whole record
     * @param problem what is wrong, without the source and place
     * @param message the whole line a user is told, printable: {@code source: where: problem}
     */
    record Rejected(String source, Reason reason, String where, String problem, String message) implements Outcome {
    }

    /** Why a record was not evaluated. */
    enum Reason {
        /** The file or record cannot be read as a learner record (format, field, range). */
        UNREADABLE,
        /** It reads, but does not fit the rule set (a staff exception for an award it does not define). */
        DOES_NOT_FIT,
        /** More credentials than the rule set's limit. */
        TOO_LARGE,
        /** A rule failed on it: a fault of the rule set. */
        RULE_FAILED,
        /** The rules did not settle within the firing limit. */
        DID_NOT_SETTLE,
        /** The rules inserted more facts than the limit. */
        TOO_MANY_FACTS,
        /** The evaluation took longer than the time limit. */
        TIME_LIMIT,
        /** The allocation search went over its limit of states. */
        SEARCH_LIMIT,
        /** A fault in Accrue itself, which no input should cause; reported in one line, never a stack trace. */
        INTERNAL;

        /** The stable code: {@code unreadable}, {@code time-limit}, ... */
        public String code() {
            return org.accrue.report.JsonReport.code(this);
        }
    }

    /** A rejection with its message made from its parts. */
    static Rejected rejected(String source, Reason reason, String where, String problem) {
        String text = source + ": " + (where == null ? "" : where + ": ") + problem;
        return new Rejected(source, reason, where, problem, Printable.visible(text));
    }
}
