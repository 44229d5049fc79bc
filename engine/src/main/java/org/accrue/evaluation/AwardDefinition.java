package org.accrue.evaluation;

import org.accrue.vocabulary.Award;
import org.accrue.vocabulary.CreditAtLevel;
import org.accrue.vocabulary.CreditCap;
import org.accrue.vocabulary.Recency;
import org.accrue.vocabulary.Requirement;
import org.accrue.vocabulary.TotalCredit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An award with everything the rules say about it, gathered from one session's facts.
 *
 * @param total   null where the award sets no total
 * @param recency null where the award sets no recency limit
 * @param rules   the rules that defined it, in firing order
 */
public record AwardDefinition(Award award, List<Requirement> requirements, TotalCredit total,
                              List<CreditAtLevel> levels, List<CreditCap> caps, Recency recency,
                              List<String> rules) {

    /**
     * Gathers the award definitions of a session, by SCQF level and then id, checking that every constraint names a defined award and
     * nothing is defined twice.
     */
    static List<AwardDefinition> gather(FactLog log) {
        Map<String, Builder> byId = new LinkedHashMap<>();
        for (var a : log.of(Award.class)) {
            Builder previous = byId.putIfAbsent(a.fact().id(), new Builder(a.fact(), a.rule()));
            if (previous != null) {
                throw new EvaluationException(a.by() + " defines award '" + a.fact().id()
                        + "', which rule '" + previous.rules.get(0) + "' already defines");
            }
        }
        for (var r : log.of(Requirement.class)) {
            Builder b = award(byId, r.fact().award(), r, "requirement '" + r.fact().id() + "'");
            if (r.fact().id() == null || r.fact().id().equals(org.accrue.result.Counted.GENERAL)) {
                throw new EvaluationException(r.by() + " defines a requirement of award '" + r.fact().award()
                        + "' with id '" + r.fact().id() + "'; that id is reserved for general credit");
            }
            if (b.requirements.stream().anyMatch(x -> x.id().equals(r.fact().id()))) {
                throw new EvaluationException(r.by() + " defines requirement '" + r.fact().id() + "' of award '"
                        + r.fact().award() + "' a second time");
            }
            b.requirements.add(r.fact());
        }
        for (var t : log.of(TotalCredit.class)) {
            Builder b = award(byId, t.fact().award(), t, "a total");
            if (b.total != null) {
                throw new EvaluationException(t.by() + " sets a second total for award '" + t.fact().award() + "'");
            }
            b.total = t.fact();
        }
        for (var l : log.of(CreditAtLevel.class)) {
            award(byId, l.fact().award(), l, "credit at level " + l.fact().scqfLevel()).levels.add(l.fact());
        }
        for (var c : log.of(CreditCap.class)) {
            award(byId, c.fact().award(), c, "a cap").caps.add(c.fact());
        }
        for (var r : log.of(Recency.class)) {
            Builder b = award(byId, r.fact().award(), r, "a recency limit");
            if (b.recency != null) {
                throw new EvaluationException(r.by() + " sets a second recency limit for award '"
                        + r.fact().award() + "'");
            }
            b.recency = r.fact();
        }
        return byId.values().stream().map(Builder::build)
                .sorted(java.util.Comparator.comparingInt((AwardDefinition d) -> d.award().scqfLevel())
                        .thenComparing(d -> d.award().id()))
                .toList();
    }

    private static Builder award(Map<String, Builder> byId, String id, FactLog.Inserted<?> fact, String what) {
        Builder b = byId.get(id);
        if (b == null) {
            throw new EvaluationException(fact.by() + " sets " + what + " for award '" + id
                    + "', which no rule defines");
        }
        if (fact.rule() != null && !b.rules.contains(fact.rule())) {
            b.rules.add(fact.rule());
        }
        return b;
    }

    private static final class Builder {
        final Award award;
        final List<Requirement> requirements = new ArrayList<>();
        final List<CreditAtLevel> levels = new ArrayList<>();
        final List<CreditCap> caps = new ArrayList<>();
        final List<String> rules = new ArrayList<>();
        TotalCredit total;
        Recency recency;

        Builder(Award award, String rule) {
            this.award = award;
            if (rule != null) {
                rules.add(rule);
            }
        }

        AwardDefinition build() {
            return new AwardDefinition(award, List.copyOf(requirements), total, List.copyOf(levels),
                    List.copyOf(caps), recency, List.copyOf(rules));
        }
    }
}
