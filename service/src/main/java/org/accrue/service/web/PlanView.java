package org.accrue.service.web;

import org.accrue.planning.Catalogue;
import org.accrue.planning.PlanReport;
import org.accrue.planning.PlanResult;

import java.util.List;

/**
 * One award's plan as the plan tab shows it: the items to take in words (the same words as {@code accrue plan}),
 * the totals and the alternatives, or why there is no plan.
 */
public record PlanView(String award, String title, boolean eligibleNow, String reason, List<PlanReport.Step> steps,
                       String total, List<String> alternatives) {

    static PlanView of(PlanResult r, Catalogue catalogue) {
        String title = r.result().award(r.award()).map(a -> a.title()).orElse(r.award());
        if (r.plan() == null) {
            return new PlanView(r.award(), title, false, r.reason(), List.of(), null, List.of());
        }
        return new PlanView(r.award(), title, r.eligibleNow(), null, PlanReport.steps(r, catalogue),
                PlanReport.totals(r.plan(), catalogue.currency()), r.alternatives().stream()
                .map(p -> String.join(", ", p.items()) + ": " + PlanReport.totals(p, catalogue.currency())).toList());
    }
}
