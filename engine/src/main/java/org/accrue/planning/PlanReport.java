package org.accrue.planning;

import org.accrue.report.JsonReport;
import org.accrue.result.AwardResult;
import org.accrue.result.Counted;
import org.accrue.result.RequirementResult;

import java.math.BigDecimal;
import java.util.Map;

/** Plans as a learner reads them (text) and as a program reads them (one JSON object per line). */
public final class PlanReport {
    private PlanReport() {
    }

    /** One plan result as a single line of JSON, without the newline (docs/planning.md). */
    public static String json(PlanResult r) {
        return JsonReport.json(r);
    }

    /** One plan result as a short list a learner can act on. */
    public static String text(PlanResult r, Catalogue catalogue) {
        StringBuilder b = new StringBuilder();
        AwardResult award = r.result().awards().stream().filter(a -> a.award().equals(r.award())).findFirst()
                .orElse(null);
        String title = award == null ? r.award() : award.title() + " (" + r.award() + ")";
        String who = r.learner().name() == null ? r.learner().id() : r.learner().name() + " (" + r.learner().id() + ")";
        b.append(who).append(": ").append(title).append(", as of ").append(r.asOf()).append('\n');
        if (r.plan() == null) {
            b.append("  No plan. ").append(r.reason()).append('\n');
            return b.toString();
        }
        if (r.eligibleNow()) {
            b.append("  Eligible now: nothing more is needed.\n");
            return b.toString();
        }
        b.append("  Take ").append(r.plan().count()).append(r.plan().count() == 1 ? " item" : " items")
                .append(", least ").append(r.objective().word()).append(":\n");
        for (Step step : steps(r, catalogue)) {
            b.append("  - ").append(step.title()).append(" [").append(step.id()).append("], ").append(step.provider())
                    .append(", ").append(step.credit()).append(", ").append(step.price()).append('\n')
                    .append("      ").append(step.fills()).append('\n');
        }
        b.append("  Total: ").append(totals(r.plan(), catalogue.currency())).append('\n');
        if (!r.alternatives().isEmpty()) {
            b.append("  Alternatives:\n");
            int n = 1;
            for (Plan p : r.alternatives()) {
                b.append("  ").append(n++).append(". ").append(String.join(", ", p.items())).append(": ")
                        .append(totals(p, catalogue.currency())).append('\n');
            }
        }
        return b.toString();
    }

    /**
     * One item of a plan as a learner reads it.
     *
     * @param price the price in the catalogue's currency, and as stated when that differs
     * @param fills what it counts toward, in words
     */
    public record Step(String id, String title, String provider, String credit, String price, String fills) {
    }

    /** The best plan's items, in order, in words; empty without a plan. */
    public static java.util.List<Step> steps(PlanResult r, Catalogue catalogue) {
        if (r.plan() == null) {
            return java.util.List.of();
        }
        AwardResult award = r.result().awards().stream().filter(a -> a.award().equals(r.award())).findFirst()
                .orElse(null);
        Map<String, CatalogueItem> items = catalogue.byId();
        java.util.List<Step> steps = new java.util.ArrayList<>();
        for (String id : r.plan().items()) {
            CatalogueItem i = items.get(id);
            String price = money(i.price(), catalogue.currency());
            if (!i.cost().currency().equals(catalogue.currency())) {
                price += " (" + money(i.cost().amount(), i.cost().currency()) + ")";
            }
            steps.add(new Step(id, i.credential().title(), i.credential().awardingBody() == null
                    ? "no provider stated" : i.credential().awardingBody(), credit(i), price, fills(id, award)));
        }
        return steps;
    }

    /** A plan's totals in words: price, hours and items. */
    public static String totals(Plan p, String currency) {
        return money(p.cost(), currency) + ", " + number(p.hours()) + " hours, " + p.count()
                + (p.count() == 1 ? " item" : " items");
    }

    /** What a planned item counts toward in the evaluation with the plan. */
    private static String fills(String id, AwardResult award) {
        if (award == null) {
            return "";
        }
        for (Counted c : award.counted()) {
            if (c.credential().equals(id)) {
                String points = number(c.points()) + " SCQF points";
                if (c.requirement().equals(Counted.GENERAL)) {
                    return "counts " + points + " as general credit";
                }
                String description = award.requirements().stream().filter(q -> q.id().equals(c.requirement()))
                        .map(RequirementResult::description).findFirst().orElse(c.requirement());
                return "counts " + points + " toward " + c.requirement() + ": " + description;
            }
        }
        return "counts toward nothing itself: it is a prerequisite of another item in the plan";
    }

    private static String credit(CatalogueItem i) {
        var c = i.credential().credit();
        var l = i.credential().level();
        String credit = c == null || c.value() == null ? "no credit stated" : number(c.value()) + " " + c.system() + " credits";
        return l == null ? credit : credit + " at " + l.framework() + " " + l.value();
    }

    private static String money(BigDecimal amount, String currency) {
        return amount.setScale(2, java.math.RoundingMode.HALF_EVEN).toPlainString() + " " + currency;
    }

    private static String number(BigDecimal v) {
        return v.stripTrailingZeros().toPlainString();
    }

}
