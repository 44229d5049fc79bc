package org.accrue.evaluation;

import org.accrue.allocation.Allocator;
import org.accrue.result.AwardResult;
import org.accrue.result.Counted;
import org.accrue.result.CredentialResult;
import org.accrue.result.NotCounted;
import org.accrue.result.RequirementResult;
import org.accrue.vocabulary.Credit;
import org.accrue.vocabulary.CreditAtLevel;
import org.accrue.vocabulary.CreditCap;
import org.accrue.vocabulary.MayCount;
import org.accrue.vocabulary.Requirement;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One award for one learner: which credit may count, the allocation search, and the result with its
 * explanation, all from the same data.
 */
final class AwardEvaluation {
    private final AwardDefinition definition;
    private final LocalDate asOf;
    private final List<Credit> credits;
    private final Map<String, CredentialResult> credentials;
    private final List<FactLog.Inserted<MayCount>> mayCount;

    AwardEvaluation(AwardDefinition definition, LocalDate asOf, List<Credit> credits,
                    Map<String, CredentialResult> credentials, List<FactLog.Inserted<MayCount>> mayCount) {
        this.definition = definition;
        this.asOf = asOf;
        this.credits = credits;
        this.credentials = credentials;
        this.mayCount = mayCount.stream().filter(m -> m.fact().award().equals(definition.award().id())).toList();
    }

    AwardResult result() {
        String award = definition.award().id();
        List<Requirement> pools = definition.requirements();
        List<NotCounted> notCounted = new ArrayList<>();
        for (CredentialResult c : credentials.values()) {
            if (!c.creditBearing()) {
                notCounted.add(new NotCounted(c.id(), "carries no credit: " + String.join("; ", c.excluded())));
            }
        }

        List<Allocator.Candidate> candidates = new ArrayList<>();
        List<Credit> candidateCredits = new ArrayList<>();
        LocalDate earliest = definition.recency() == null ? null : definition.recency().earliest(asOf);
        for (Credit credit : credits) { // already in id order
            if (earliest != null && (credit.issued() == null || credit.issued().isBefore(earliest))) {
                notCounted.add(new NotCounted(credit.id(), credit.issued() == null
                        ? "states no issue date; credit must be issued on or after " + earliest
                        : "issued " + credit.issued() + ", before " + earliest + " (credit must be no more than "
                          + definition.recency().years() + " years old)"));
                continue;
            }
            List<Integer> options = options(credit.id(), pools);
            if (options.isEmpty()) {
                notCounted.add(new NotCounted(credit.id(), "no rule of this award lets it count ("
                        + (credit.scqfLevel() > 0 ? "SCQF level " + credit.scqfLevel() : "level unknown") + ")"));
                continue;
            }
            List<Integer> caps = new ArrayList<>();
            for (int i = 0; i < definition.caps().size(); i++) {
                if (definition.caps().get(i).applies(credit)) {
                    caps.add(i);
                }
            }
            candidates.add(new Allocator.Candidate(credit.id(), credit.points(), credit.scqfLevel(), options, caps));
            candidateCredits.add(credit);
        }

        Allocator.Allocation allocation = Allocator.solve(new Allocator.Problem(
                pools.stream().map(Requirement::minPoints).toList(),
                pools.stream().map(Requirement::minCredentials).toList(),
                definition.total() == null ? null : definition.total().minPoints(),
                definition.levels().stream().map(l -> new Allocator.LevelNeed(l.scqfLevel(), l.minPoints())).toList(),
                definition.caps().stream().map(CreditCap::maxPoints).toList(),
                candidates));

        List<Counted> counted = new ArrayList<>();
        BigDecimal[] poolHave = new BigDecimal[pools.size()];
        int[] poolCount = new int[pools.size()];
        java.util.Arrays.fill(poolHave, BigDecimal.ZERO);
        BigDecimal total = BigDecimal.ZERO;
        BigDecimal[] levelHave = new BigDecimal[definition.levels().size()];
        java.util.Arrays.fill(levelHave, BigDecimal.ZERO);
        BigDecimal[] capHave = new BigDecimal[definition.caps().size()];
        java.util.Arrays.fill(capHave, BigDecimal.ZERO);
        for (int i = 0; i < candidates.size(); i++) {
            Allocator.Candidate c = candidates.get(i);
            Integer pool = allocation.assignment().get(c.id());
            if (pool == null) {
                notCounted.add(new NotCounted(c.id(), "the cap is reached: " + c.caps().stream()
                        .map(k -> capDescription(definition.caps().get(k))).collect(Collectors.joining("; "))));
                continue;
            }
            counted.add(new Counted(c.id(), pool == Allocator.GENERAL ? Counted.GENERAL : pools.get(pool).id(),
                    Points.normal(c.points()), c.scqfLevel()));
            total = total.add(c.points());
            if (pool >= 0) {
                poolHave[pool] = poolHave[pool].add(c.points());
                poolCount[pool]++;
            }
            for (int l = 0; l < levelHave.length; l++) {
                if (candidateCredits.get(i).atLevel(definition.levels().get(l).scqfLevel())) {
                    levelHave[l] = levelHave[l].add(c.points());
                }
            }
            for (int k : c.caps()) {
                capHave[k] = capHave[k].add(c.points());
            }
        }

        List<RequirementResult> requirements = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (int i = 0; i < pools.size(); i++) {
            Requirement r = pools.get(i);
            String of = r.description() == null ? "credit toward " + r.id() : r.description();
            if (r.minCredentials() > 0) {
                BigDecimal need = BigDecimal.valueOf(r.minCredentials());
                requirements.add(minimum(r.id(), "credentials", "at least " + r.minCredentials() + " credential"
                                + (r.minCredentials() == 1 ? "" : "s") + ": " + of, BigDecimal.valueOf(poolCount[i]),
                        need, missing, more -> r.id() + ": " + more + " more credential"
                                + ("1".equals(more) ? "" : "s") + ": " + of));
            } else {
                requirements.add(minimum(r.id(), "requirement", "at least " + Points.text(r.minPoints())
                                + " SCQF points of " + of, poolHave[i], r.minPoints(), missing,
                        more -> r.id() + ": " + more + " more SCQF points of " + of));
            }
        }
        if (definition.total() != null) {
            BigDecimal need = definition.total().minPoints();
            requirements.add(minimum("total", "total", "at least " + Points.text(need) + " SCQF points in all",
                    total, need, missing, more -> more + " more SCQF points in all"));
        }
        for (int l = 0; l < levelHave.length; l++) {
            CreditAtLevel c = definition.levels().get(l);
            String at = "at SCQF level " + c.scqfLevel() + " or above";
            requirements.add(minimum(c.id(), "level", "at least " + Points.text(c.minPoints()) + " SCQF points " + at,
                    levelHave[l], c.minPoints(), missing, more -> more + " more SCQF points " + at));
        }
        for (int k = 0; k < capHave.length; k++) {
            CreditCap cap = definition.caps().get(k);
            requirements.add(new RequirementResult(cap.id(), "cap", capDescription(cap),
                    capHave[k].compareTo(cap.maxPoints()) <= 0, Points.normal(capHave[k]), null,
                    Points.normal(cap.maxPoints())));
        }
        boolean eligible = requirements.stream().allMatch(RequirementResult::met);
        if (eligible != allocation.meetsAll()) {
            throw new IllegalStateException("allocation and requirement results disagree for " + award);
        }

        Set<String> rules = new LinkedHashSet<>(definition.rules());
        mayCount.stream().map(FactLog.Inserted::rule).filter(r -> r != null).forEach(rules::add);
        notCounted.sort(java.util.Comparator.comparing(NotCounted::credential));
        return new AwardResult(award, definition.award().title(), definition.award().scqfLevel(), eligible,
                Points.normal(total), requirements, counted, notCounted, missing, List.copyOf(rules));
    }

    /** The requirement options of one credit: named requirements in definition order, general credit last. */
    private List<Integer> options(String credential, List<Requirement> pools) {
        Set<String> named = new LinkedHashSet<>();
        boolean general = false;
        for (var m : mayCount) {
            if (m.fact().credential().equals(credential)) {
                if (m.fact().requirement() == null) {
                    general = true;
                } else {
                    named.add(m.fact().requirement());
                }
            }
        }
        List<Integer> options = new ArrayList<>();
        for (int i = 0; i < pools.size(); i++) {
            if (named.contains(pools.get(i).id())) {
                options.add(i);
            }
        }
        if (general) {
            options.add(Allocator.GENERAL);
        }
        return options;
    }

    private static RequirementResult minimum(String id, String kind, String description, BigDecimal have,
                                             BigDecimal need, List<String> missing,
                                             java.util.function.UnaryOperator<String> shortfall) {
        boolean met = have.compareTo(need) >= 0;
        if (!met) {
            missing.add(shortfall.apply(Points.text(need.subtract(have)))
                    + " (have " + Points.text(have) + ", need " + Points.text(need) + ")");
        }
        return new RequirementResult(id, kind, description, met, Points.normal(have), Points.normal(need), null);
    }

    private static String capDescription(CreditCap cap) {
        return "at most " + Points.text(cap.maxPoints()) + " SCQF points by route "
                + cap.routes().stream().map(r -> r.name().toLowerCase(Locale.ROOT)).sorted()
                .collect(Collectors.joining(" or "));
    }
}
