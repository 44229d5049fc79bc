package org.accrue.completion;

import org.accrue.Limits;
import org.accrue.allocation.Allocator;
import org.accrue.evaluation.AwardDefinition;
import org.accrue.evaluation.AwardEvaluation;
import org.accrue.evaluation.Evaluator;
import org.accrue.learner.Credential;
import org.accrue.learner.LearnerRecord;
import org.accrue.planning.Catalogue;
import org.accrue.planning.CatalogueItem;
import org.accrue.planning.Objective;
import org.accrue.planning.Plan;
import org.accrue.planning.PlanRequest;
import org.accrue.planning.PlanResult;
import org.accrue.result.AwardResult;
import org.accrue.result.EvaluationResult;
import org.accrue.vocabulary.CreditCap;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.stream.Collectors;

/**
 * Plans for one learner against one catalogue: which items are on offer to them (not held, still starting, their
 * prerequisites within reach), one evaluation of the learner with all of them to learn what each may count
 * toward under the rule set, then per award the exact search ({@link CompletionSearch}), and the best plan checked
 * by evaluating the learner with it as any learner is evaluated.
 */
public final class Planner {
    private final Evaluator evaluator;
    private final String ruleSet;
    private final Limits limits;
    private final org.accrue.trust.Trust trust;
    /** Evaluates a record for some awards, as {@link org.accrue.RuleSet#evaluate} does. */
    private final BiFunction<LearnerRecord, String, EvaluationResult> evaluate;

    public Planner(Evaluator evaluator, String ruleSet, Limits limits, org.accrue.trust.Trust trust,
                   BiFunction<LearnerRecord, String, EvaluationResult> evaluate) {
        this.evaluator = evaluator;
        this.ruleSet = ruleSet;
        this.limits = limits;
        this.trust = trust;
        this.evaluate = evaluate;
    }

    /** The items on offer to this learner on a date, as the credentials they would lead to. */
    private record Offered(Map<String, CatalogueItem> items, Map<String, Credential> credentials,
                           Map<String, List<String>> prerequisites) {
    }

    /**
     * Plans for each of {@code requests} (one per award; they share the date, objective and budget).
     *
     * @throws IllegalArgumentException when the objective needs a figure an item on offer does not state
     */
    public List<PlanResult> plan(LearnerRecord learner, Catalogue catalogue, List<PlanRequest> requests) {
        if (requests.isEmpty()) {
            return List.of();
        }
        PlanRequest first = requests.get(0);
        LocalDate asOf = first.asOf();
        Offered offered = offered(learner, catalogue, asOf);
        if (first.objective() == Objective.HOURS) {
            for (CatalogueItem i : offered.items().values()) {
                if (i.credential().hours() == null) {
                    throw new IllegalArgumentException(catalogue.source() + ": item '" + i.id()
                            + "' states no hours; planning by hours needs every item's hours");
                }
            }
        }
        LearnerRecord with = withItems(learner, List.copyOf(offered.credentials().keySet()), offered);
        Set<String> awards = requests.stream().map(PlanRequest::award).collect(Collectors.toSet());
        Map<String, AwardEvaluation.Problem> problems = new LinkedHashMap<>();
        for (AwardEvaluation.Problem p : evaluator.problems(with, asOf, awards,
                planningLimits(with.credentials().size()), trust)) {
            problems.put(p.definition().award().id(), p);
        }
        List<PlanResult> out = new ArrayList<>();
        for (PlanRequest r : requests) {
            out.add(plan(learner, catalogue, r, offered, problems.get(r.award())));
        }
        return out;
    }

    /** What one learner with every item on offer may take: more credentials, more facts and more time. */
    private Limits planningLimits(int credentials) {
        return new Limits(Math.max(limits.maxCredentials(), credentials),
                Math.max(limits.maxFacts(), credentials * 200), Math.max(limits.maxFirings(), credentials * 200),
                limits.timeLimit().compareTo(Duration.ofSeconds(60)) > 0 ? limits.timeLimit() : Duration.ofSeconds(60));
    }

    private PlanResult plan(LearnerRecord learner, Catalogue catalogue, PlanRequest r, Offered offered,
                            AwardEvaluation.Problem problem) {
        Allocator.Problem allocation = problem.allocation();
        Set<String> candidates = allocation.candidates().stream().map(Allocator.Candidate::id)
                .collect(Collectors.toSet());
        // the offers for this award: those that may count toward it, and what they need first
        Map<String, CompletionSearch.Offer> offers = new LinkedHashMap<>();
        Map<String, List<String>> prerequisites = new LinkedHashMap<>();
        List<String> queue = new ArrayList<>();
        for (String id : offered.items().keySet()) {
            if (candidates.contains(id)) {
                queue.add(id);
            }
        }
        while (!queue.isEmpty()) {
            String id = queue.remove(queue.size() - 1);
            if (offers.containsKey(id)) {
                continue;
            }
            CatalogueItem item = offered.items().get(id);
            offers.put(id, new CompletionSearch.Offer(objective(item, r.objective()), cents(item.price())));
            List<String> needs = offered.prerequisites().getOrDefault(id, List.of());
            if (!needs.isEmpty()) {
                prerequisites.put(id, needs);
                queue.addAll(needs);
            }
        }
        // the allocation problem without the offers that cannot count toward this award
        List<Allocator.Candidate> kept = allocation.candidates().stream()
                .filter(c -> !offered.items().containsKey(c.id()) || offers.containsKey(c.id())).toList();
        Allocator.Problem p = new Allocator.Problem(allocation.requirementNeeds(), allocation.requirementCountNeeds(),
                allocation.totalNeed(), allocation.levelNeeds(), allocation.capMaxima(), kept, allocation.bodyNeeds());
        long budget = r.budget() == null ? -1 : cents(r.budget());
        CompletionSearch.Outcome found = CompletionSearch.search(new CompletionSearch.Input(p, offers, prerequisites,
                budget, r.alternatives()));
        if (found.plans().isEmpty()) {
            String reason = reason(problem.definition(), found, p, offers, prerequisites, r, catalogue);
            EvaluationResult now = evaluate.apply(learner, r.award());
            return new PlanResult(learner.learner(), r.award(), r.asOf(), ruleSet, r.objective(), catalogue.currency(),
                    false, null, List.of(), reason, now);
        }
        List<Plan> plans = found.plans().stream().map(f -> plan(f.ids(), offered)).toList();
        Plan best = plans.get(0);
        EvaluationResult result = evaluate.apply(withItems(learner, best.items(), offered), r.award());
        AwardResult award = result.awards().stream().filter(a -> a.award().equals(r.award())).findFirst().orElseThrow();
        if (!award.eligible()) {
            // the search and the evaluation disagree only when the rules make credentials depend on one another
            throw new IllegalStateException("the plan " + best.items() + " for '" + r.award() + "' does not make the "
                    + "learner eligible when evaluated: the rule set makes what one credential counts for depend on "
                    + "the others, which planning cannot follow");
        }
        return new PlanResult(learner.learner(), r.award(), r.asOf(), ruleSet, r.objective(), catalogue.currency(),
                best.items().isEmpty(), best, plans.subList(1, plans.size()), null, result);
    }

    /** The learner with the plan's items added, each issued on the plan's date. */
    private static LearnerRecord withItems(LearnerRecord learner, List<String> items, Offered offered) {
        List<Credential> all = new ArrayList<>(learner.credentials());
        java.util.Map<String, org.accrue.learner.Provenance> provenance = new java.util.HashMap<>(learner.provenance());
        for (String id : items) {
            all.add(offered.credentials().get(id));
            provenance.put(id, org.accrue.learner.Provenance.planned());
        }
        return learner.withCredentials(all, provenance);
    }

    private static Plan plan(List<String> ids, Offered offered) {
        BigDecimal cost = BigDecimal.ZERO;
        BigDecimal hours = BigDecimal.ZERO;
        for (String id : ids) {
            CatalogueItem i = offered.items().get(id);
            cost = cost.add(i.price());
            if (i.credential().hours() != null) {
                hours = hours.add(i.credential().hours());
            }
        }
        return new Plan(ids, cost.setScale(2, java.math.RoundingMode.UNNECESSARY),
                hours.signum() == 0 ? BigDecimal.ZERO : hours.stripTrailingZeros(), ids.size());
    }

    private static long objective(CatalogueItem item, Objective o) {
        return switch (o) {
            case COST -> cents(item.price());
            case HOURS -> item.credential().hours().movePointRight(6).longValueExact();
            case COUNT -> 1;
        };
    }

    private static long cents(BigDecimal amount) {
        return amount.movePointRight(2).setScale(0, java.math.RoundingMode.UNNECESSARY).longValueExact();
    }

    /**
     * The items a learner may plan with on a date: not held already (by id, or by code), still starting on or
     * after it (when it lists start dates), and with every prerequisite held or itself on offer, as credentials
     * issued on the date.
     */
    private static Offered offered(LearnerRecord learner, Catalogue catalogue, LocalDate asOf) {
        Set<String> held = new HashSet<>();
        for (Credential c : learner.credentials()) {
            held.add(c.id());
            if (c.code() != null) {
                held.add(c.code());
            }
        }
        Map<String, CatalogueItem> open = new LinkedHashMap<>();
        for (CatalogueItem i : catalogue.items()) {
            boolean holds = held.contains(i.id()) || (i.credential().code() != null
                    && held.contains(i.credential().code()));
            if (!holds && i.offeredOn(asOf)) {
                open.put(i.id(), i);
            }
        }
        // an item whose prerequisite is neither held nor on offer cannot be taken: drop it, and what needs it
        boolean changed = true;
        while (changed) {
            changed = false;
            for (var it = open.values().iterator(); it.hasNext(); ) {
                CatalogueItem i = it.next();
                if (i.prerequisites().stream().anyMatch(q -> !held.contains(q) && !open.containsKey(q))) {
                    it.remove();
                    changed = true;
                }
            }
        }
        Map<String, CatalogueItem> items = new LinkedHashMap<>();
        Map<String, Credential> credentials = new LinkedHashMap<>();
        Map<String, List<String>> prerequisites = new LinkedHashMap<>();
        List<CatalogueItem> sorted = new ArrayList<>(open.values());
        sorted.sort(Comparator.comparing(CatalogueItem::id));
        for (CatalogueItem i : sorted) {
            items.put(i.id(), i);
            credentials.put(i.id(), i.credentialOn(asOf));
            List<String> needs = i.prerequisites().stream().filter(q -> !held.contains(q)).toList();
            if (!needs.isEmpty()) {
                prerequisites.put(i.id(), needs);
            }
        }
        return new Offered(items, credentials, prerequisites);
    }

    /** Why no plan exists, in words naming the requirement that cannot be met. */
    private String reason(AwardDefinition d, CompletionSearch.Outcome found, Allocator.Problem p,
                          Map<String, CompletionSearch.Offer> offers, Map<String, List<String>> prerequisites,
                          PlanRequest r, Catalogue catalogue) {
        if (!found.unreachable().isEmpty()) {
            List<String> parts = new ArrayList<>();
            for (CompletionSearch.Unreachable u : found.unreachable()) {
                parts.add(switch (u.dimension()) {
                    case REQUIREMENT_POINTS -> "requirement '" + d.requirements().get(u.index()).id() + "' needs "
                            + text(u.need()) + " SCQF points and at most " + text(u.most()) + " can count toward it";
                    case REQUIREMENT_CREDENTIALS -> "requirement '" + d.requirements().get(u.index()).id() + "' needs "
                            + text(u.need()) + " credentials and at most " + text(u.most()) + " can count toward it";
                    case TOTAL -> "the award needs " + text(u.need()) + " SCQF points in all and at most "
                            + text(u.most()) + " can count toward it";
                    case LEVEL -> "the award needs " + text(u.need()) + " SCQF points at SCQF level "
                            + d.levels().get(u.index()).scqfLevel() + " or above and at most " + text(u.most())
                            + " can count toward it";
                    case BODIES -> {
                        int req = p.bodyNeeds().get(u.index()).requirement();
                        yield (req == Allocator.GENERAL ? "the award" : "requirement '" + d.requirements().get(req).id()
                                + "'") + " needs credit from " + text(u.need()) + " different awarding bodies and the "
                                + "credentials that can count toward it come from " + text(u.most());
                    }
                });
            }
            return "no plan: even with everything the learner holds and every item on offer, "
                    + String.join("; ", parts);
        }
        if (r.budget() != null) {
            CompletionSearch.Outcome free = CompletionSearch.search(new CompletionSearch.Input(p,
                    offers.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey,
                            e -> new CompletionSearch.Offer(e.getValue().cost(), e.getValue().cost()))),
                    prerequisites, -1, 0));
            if (!free.plans().isEmpty()) {
                return "no plan within the budget of " + r.budget().setScale(2, java.math.RoundingMode.HALF_EVEN)
                        .toPlainString() + " " + catalogue.currency() + ": the cheapest plan costs "
                        + BigDecimal.valueOf(free.plans().get(0).cost(), 2).toPlainString() + " " + catalogue.currency();
            }
        }
        List<String> caps = new ArrayList<>();
        for (CreditCap c : d.caps()) {
            caps.add("'" + c.id() + "' (at most " + text(c.maxPoints()) + " SCQF points)");
        }
        return "no plan: every requirement can be met on its own, but no combination of the learner's credentials "
                + "and the items on offer meets them all together, since each credential counts toward one "
                + "requirement only" + (caps.isEmpty() ? "" : " and the cap " + String.join(", ", caps) + " limits them");
    }

    private static String text(BigDecimal v) {
        return v.stripTrailingZeros().toPlainString();
    }
}
