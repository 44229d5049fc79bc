package org.accrue;

import java.util.List;
import java.util.stream.Collectors;

/** A rule set could not be loaded: missing files, compile errors, or inconsistent award definitions. */
public final class RuleSetException extends Exception {
    private final List<RuleProblem> problems;

    public RuleSetException(List<RuleProblem> problems) {
        super(problems.stream().map(RuleProblem::toString).collect(Collectors.joining("\n")));
        this.problems = List.copyOf(problems);
    }

    public RuleSetException(String message) {
        this(List.of(new RuleProblem(null, 0, 0, message)));
    }

    public List<RuleProblem> problems() {
        return problems;
    }
}
