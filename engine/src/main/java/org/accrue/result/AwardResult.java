package org.accrue.result;

import java.math.BigDecimal;
import java.util.List;

/**
 * Whether the learner is eligible for one award, and why.
 *
 * @param countedPoints the SCQF points counted toward the award in all
 * @param requirements  every requirement of the award with what the learner has and what it needs
 * @param counted       which credential was counted toward which requirement
 * @param notCounted    every credential that did not count toward this award, with the reason
 * @param missing       in words, what the learner still needs (empty when eligible)
 * @param exceptions    the staff exceptions for this award in the learner file, and what each did
 * @param rules         the rules that defined the award or let credit count toward it, in firing order
 */
public record AwardResult(
        String award,
        String title,
        int scqfLevel,
        boolean eligible,
        BigDecimal countedPoints,
        List<RequirementResult> requirements,
        List<Counted> counted,
        List<NotCounted> notCounted,
        List<String> missing,
        List<AppliedException> exceptions,
        List<String> rules) {

    public AwardResult {
        requirements = List.copyOf(requirements);
        counted = List.copyOf(counted);
        notCounted = List.copyOf(notCounted);
        missing = List.copyOf(missing);
        exceptions = List.copyOf(exceptions);
        rules = List.copyOf(rules);
    }

    /** One requirement's result by id. */
    public java.util.Optional<RequirementResult> requirement(String id) {
        return requirements.stream().filter(r -> r.id().equals(id)).findFirst();
    }
}
