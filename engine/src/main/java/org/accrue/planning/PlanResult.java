package org.accrue.planning;

import org.accrue.learner.Learner;
import org.accrue.result.EvaluationResult;

import java.time.LocalDate;
import java.util.List;

/**
 * The answer to one {@link PlanRequest}.
 *
 * @param eligibleNow  true when the learner is eligible without any item (the plan is then empty)
 * @param plan         the best plan, or null when no set of items (within the budget) reaches the award
 * @param alternatives the next best plans, best first; none is a superset of an earlier one or can leave an
 *                     item out and still reach the award
 * @param reason       why there is no plan, in words naming the requirement that cannot be met; null with a plan
 * @param result       the evaluation of the learner with the plan's items added (or as they are, without a plan)
 */
public record PlanResult(Learner learner, String award, LocalDate asOf, String ruleSet, Objective objective,
                         String currency, boolean eligibleNow, Plan plan, List<Plan> alternatives, String reason,
                         EvaluationResult result) {
    public PlanResult {
        alternatives = List.copyOf(alternatives);
    }
}
