package org.accrue.planning;

import org.accrue.learner.Credential;
import org.accrue.learner.Learner;
import org.accrue.learner.LearnerRecord;
import org.accrue.result.AwardResult;
import org.accrue.result.EvaluationResult;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What-if: a learner evaluated as they are and again with some credentials added, and per award what changes.
 *
 * @param added   the ids of the credentials added
 * @param changes one entry per award, in the results' order
 * @param after   the evaluation with the credentials added
 */
public record WhatIf(Learner learner, LocalDate asOf, String ruleSet, List<String> added, List<Change> changes,
                     EvaluationResult after) {
    public WhatIf {
        added = List.copyOf(added);
        changes = List.copyOf(changes);
    }

    /**
     * One award before and after.
     *
     * @param changed true when the verdict, the counted points or what is missing differ
     */
    public record Change(String award, String title, boolean eligibleBefore, boolean eligibleAfter,
                         BigDecimal countedBefore, BigDecimal countedAfter, List<String> missingBefore,
                         List<String> missingAfter, boolean changed) {
    }

    /**
     * Evaluates the learner as they are and with {@code additions}, with {@code evaluate} (a rule set's evaluation
     * on the plan's date).
     *
     * @throws IllegalArgumentException when an added credential's id is one the learner's record already uses
     */
    public static WhatIf of(LearnerRecord learner, List<Credential> additions,
                            Function<LearnerRecord, EvaluationResult> evaluate) {
        Set<String> held = learner.credentials().stream().map(Credential::id).collect(Collectors.toSet());
        for (Credential c : additions) {
            if (held.contains(c.id())) {
                throw new IllegalArgumentException("credential '" + org.accrue.report.Printable.echo(c.id())
                        + "' is already in the learner's record; what-if adds credentials it does not hold");
            }
        }
        List<Credential> all = new ArrayList<>(learner.credentials());
        all.addAll(additions);
        EvaluationResult before = evaluate.apply(learner);
        EvaluationResult after = evaluate.apply(learner.withCredentials(all));
        Map<String, AwardResult> was = before.awards().stream().collect(Collectors.toMap(AwardResult::award, a -> a));
        List<Change> changes = new ArrayList<>();
        for (AwardResult now : after.awards()) {
            AwardResult then = was.get(now.award());
            boolean changed = then.eligible() != now.eligible()
                    || then.countedPoints().compareTo(now.countedPoints()) != 0 || !then.missing().equals(now.missing());
            changes.add(new Change(now.award(), now.title(), then.eligible(), now.eligible(), then.countedPoints(),
                    now.countedPoints(), then.missing(), now.missing(), changed));
        }
        return new WhatIf(learner.learner(), after.asOf(), after.ruleset(),
                additions.stream().map(Credential::id).toList(), changes, after);
    }

    /** In words: each award whose verdict or counted credit changes, then how many stay as they were. */
    public String text() {
        StringBuilder b = new StringBuilder();
        String who = learner.name() == null ? learner.id() : learner.name() + " (" + learner.id() + ")";
        b.append(who).append(", as of ").append(asOf).append(", adding ").append(String.join(", ", added))
                .append(":\n");
        int same = 0;
        for (Change c : changes) {
            if (!c.changed()) {
                same++;
                continue;
            }
            b.append("  ").append(c.title()).append(" (").append(c.award()).append("): ")
                    .append(verdict(c.eligibleBefore())).append(" -> ").append(verdict(c.eligibleAfter()))
                    .append("; counted ").append(c.countedBefore().stripTrailingZeros().toPlainString()).append(" -> ")
                    .append(c.countedAfter().stripTrailingZeros().toPlainString()).append(" SCQF points\n");
            for (String m : c.missingAfter()) {
                b.append("      still missing: ").append(m).append('\n');
            }
        }
        if (same > 0) {
            b.append("  ").append(same).append(same == 1 ? " other award is" : " other awards are")
                    .append(" unchanged.\n");
        }
        return b.toString();
    }

    private static String verdict(boolean eligible) {
        return eligible ? "eligible" : "not eligible";
    }
}
