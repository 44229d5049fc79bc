package org.accrue.scenario;

import org.accrue.RuleSet;
import org.accrue.result.AwardResult;
import org.accrue.result.Counted;
import org.accrue.result.EvaluationResult;
import org.accrue.result.RequirementResult;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Runs scenarios against a rule set and says, line by line, what differed from what was expected. */
public final class ScenarioRunner {
    /** A scenario's outcome: passed when there are no differences. */
    public record Outcome(Scenario scenario, List<String> differences) {
        public boolean passed() {
            return differences.isEmpty();
        }
    }

    private ScenarioRunner() {
    }

    public static Outcome run(RuleSet rules, Scenario scenario) {
        List<String> diff = new ArrayList<>();
        org.accrue.Outcome outcome = rules.evaluateRecord(scenario.learner(), scenario.learner().source(),
                scenario.asOf(), List.of());
        if (outcome instanceof org.accrue.Outcome.Rejected r) {
            return new Outcome(scenario, List.of("the evaluation failed: " + r.message()));
        }
        EvaluationResult result = ((org.accrue.Outcome.Evaluated) outcome).result();
        for (Scenario.Expectation e : scenario.expect()) {
            Optional<AwardResult> found = result.award(e.award());
            if (found.isEmpty()) {
                diff.add(e.award() + ": no such award in the rule set");
                continue;
            }
            AwardResult a = found.get();
            if (e.eligible() != null && e.eligible() != a.eligible()) {
                diff.add(e.award() + ": expected " + verdict(e.eligible()) + ", got " + verdict(a.eligible())
                        + (a.missing().isEmpty() ? "" : " (missing: " + String.join("; ", a.missing()) + ")"));
            }
            if (e.requirements() != null) {
                for (Map.Entry<String, Scenario.Amounts> q : e.requirements().entrySet()) {
                    Optional<RequirementResult> r = a.requirement(q.getKey());
                    if (r.isEmpty()) {
                        diff.add(e.award() + ": no requirement '" + q.getKey() + "'; it has "
                                + a.requirements().stream().map(RequirementResult::id).toList());
                        continue;
                    }
                    compare(diff, e.award() + ": requirement '" + q.getKey() + "' have", q.getValue().have(), r.get().have());
                    compare(diff, e.award() + ": requirement '" + q.getKey() + "' need", q.getValue().need(),
                            r.get().need() != null ? r.get().need() : r.get().max());
                }
            }
            if (e.counted() != null) {
                for (Map.Entry<String, String> c : e.counted().entrySet()) {
                    String got = a.counted().stream().filter(x -> x.credential().equals(c.getKey()))
                            .map(Counted::requirement).findFirst().orElse("not counted");
                    if (!got.equals(c.getValue())) {
                        diff.add(e.award() + ": credential " + c.getKey() + " counted toward: expected "
                                + c.getValue() + ", got " + got);
                    }
                }
            }
        }
        return new Outcome(scenario, diff);
    }

    private static void compare(List<String> diff, String what, BigDecimal expected, BigDecimal got) {
        if (expected != null && (got == null || expected.compareTo(got) != 0)) {
            diff.add(what + ": expected " + expected.toPlainString() + ", got " + (got == null ? "none" : got.toPlainString()));
        }
    }

    private static String verdict(boolean eligible) {
        return eligible ? "eligible" : "not eligible";
    }
}
