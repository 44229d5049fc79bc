package org.accrue.evaluation;

import org.accrue.EvaluationException;
import org.accrue.vocabulary.Award;
import org.accrue.vocabulary.CreditAtLevel;
import org.accrue.vocabulary.CreditCap;
import org.accrue.vocabulary.GeneralCredit;
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
 * @param total         null where the award sets no total
 * @param recency       null where the award sets no recency limit
 * @param generalCredit true when every credit-bearing credential may count as general credit ({@link GeneralCredit})
 * @param rules         the rules that defined it, in firing order
 * @param sharesWith    the conferred awards whose credit may count toward it again ({@code SharesCredit})
 * @param whileValid    true when credit counts only while its credential is valid ({@code CountsWhileValid})
 * @param bodies        the needs of different awarding bodies, for the award or one of its requirements
 * @param personal      for a personal award (the learner declares theme and credentials), its theme share; else null
 */
public record AwardDefinition(Award award, List<Requirement> requirements, TotalCredit total,
                              List<CreditAtLevel> levels, List<CreditCap> caps, Recency recency,
                              boolean generalCredit, List<String> rules, java.util.Set<String> sharesWith,
                              boolean whileValid, List<org.accrue.vocabulary.DifferentBodies> bodies,
                              org.accrue.vocabulary.PersonalAward personal) {

    /** What an award id may be: it names badge files, report lines and CSV cells. */
    static final java.util.regex.Pattern SAFE_ID = java.util.regex.Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");

    /** A problem with the definitions, and the rule that caused it (null for the engine). */
    public record Problem(String rule, String message) {
    }

    /** The definitions of a session and every problem with them. */
    public record Gathered(List<AwardDefinition> awards, List<Problem> problems) {
        /** The definitions, or an exception naming the first problem. */
        public List<AwardDefinition> orThrow() {
            if (!problems.isEmpty()) {
                throw new EvaluationException(problems.get(0).message());
            }
            return awards;
        }
    }

    /**
     * Gathers the award definitions of a session, by SCQF level and then id, with every problem: an award
     * defined twice, a constraint for an award no rule defines, a requirement or total or recency limit set
     * twice, a requirement with the reserved id, a level outside SCQF 1-12, a negative number.
     */
    static Gathered gather(FactLog.View log) {
        Map<String, Builder> byId = new LinkedHashMap<>();
        List<Problem> problems = new ArrayList<>();
        for (var a : log.of(Award.class)) {
            if (a.fact().id() == null || !SAFE_ID.matcher(a.fact().id()).matches()) {
                problems.add(new Problem(a.rule(), a.by() + " defines an award with id '"
                        + org.accrue.report.Printable.echo(String.valueOf(a.fact().id())) + "'; an award id is 1 to "
                        + "64 lower-case letters, digits, '.', '_' or '-', starting with a letter or digit (it "
                        + "names files, report lines and summary cells)"));
                continue;
            }
            if (!Award.TERMS.contains(a.fact().terms())) {
                problems.add(new Problem(a.rule(), a.by() + " words award '" + a.fact().id() + "' in '"
                        + org.accrue.report.Printable.echo(String.valueOf(a.fact().terms())) + "' terms; an award is "
                        + "worded in " + String.join(" or ", Award.TERMS) + " terms"));
                continue;
            }
            Builder previous = byId.putIfAbsent(a.fact().id(), new Builder(a.fact(), a.rule()));
            if (previous != null) {
                problems.add(new Problem(a.rule(), a.by() + " defines award '" + a.fact().id()
                        + "', which rule '" + previous.rules.get(0) + "' already defines"));
            }
        }
        for (var r : log.of(Requirement.class)) {
            Builder b = award(byId, r.fact().award(), r, "requirement '" + r.fact().id() + "'", problems);
            if (r.fact().id() == null || r.fact().id().equals(org.accrue.result.Counted.GENERAL)) {
                problems.add(new Problem(r.rule(), r.by() + " defines a requirement of award '" + r.fact().award()
                        + "' with id '" + r.fact().id() + "'; that id is reserved for general credit"));
            } else if (b != null && b.requirements.stream().anyMatch(x -> x.id().equals(r.fact().id()))) {
                problems.add(new Problem(r.rule(), r.by() + " defines requirement '" + r.fact().id()
                        + "' of award '" + r.fact().award() + "' a second time"));
            } else if (b != null) {
                b.requirements.add(r.fact());
            }
            negative(r, r.fact().minPoints(), "requirement '" + r.fact().id() + "'", problems);
        }
        for (var t : log.of(TotalCredit.class)) {
            Builder b = award(byId, t.fact().award(), t, "a total", problems);
            if (b != null && b.total != null) {
                problems.add(new Problem(t.rule(), t.by() + " sets a second total for award '" + t.fact().award() + "'"));
            } else if (b != null) {
                b.total = t.fact();
            }
            negative(t, t.fact().minPoints(), "a total", problems);
        }
        for (var l : log.of(CreditAtLevel.class)) {
            Builder b = award(byId, l.fact().award(), l, "credit at level " + l.fact().scqfLevel(), problems);
            if (l.fact().scqfLevel() < 1 || l.fact().scqfLevel() > 12) {
                problems.add(new Problem(l.rule(), l.by() + " asks for credit at SCQF level " + l.fact().scqfLevel()
                        + ", outside SCQF levels 1-12: no credential could ever meet it"));
            } else if (b != null) {
                b.levels.add(l.fact());
            }
            negative(l, l.fact().minPoints(), "credit at level " + l.fact().scqfLevel(), problems);
        }
        for (var c : log.of(CreditCap.class)) {
            Builder b = award(byId, c.fact().award(), c, "a cap", problems);
            if (b != null) {
                b.caps.add(c.fact());
            }
            negative(c, c.fact().maxPoints(), "a cap", problems);
        }
        for (var r : log.of(Recency.class)) {
            Builder b = award(byId, r.fact().award(), r, "a recency limit", problems);
            if (b != null && b.recency != null) {
                problems.add(new Problem(r.rule(), r.by() + " sets a second recency limit for award '"
                        + r.fact().award() + "'"));
            } else if (b != null) {
                b.recency = r.fact();
            }
            if (r.fact().years() < 0) {
                problems.add(new Problem(r.rule(), r.by() + " sets a negative recency limit"));
            }
        }
        for (var v : log.of(org.accrue.vocabulary.DifferentBodies.class)) {
            Builder b = award(byId, v.fact().award(), v, "different awarding bodies", problems);
            if (b == null) {
                continue;
            }
            if (v.fact().count() < 1) {
                problems.add(new Problem(v.rule(), v.by() + " asks for credit from " + v.fact().count()
                        + " different awarding bodies; at least 1"));
            } else if (v.fact().requirement() != null && b.requirements.stream()
                    .noneMatch(r -> r.id().equals(v.fact().requirement()))) {
                problems.add(new Problem(v.rule(), v.by() + " asks requirement '" + v.fact().requirement()
                        + "' of award '" + v.fact().award() + "' for different awarding bodies, but the award has no "
                        + "such requirement"));
            } else if (b.bodies.stream().anyMatch(x -> x.id().equals(v.fact().id()))) {
                problems.add(new Problem(v.rule(), v.by() + " sets a second need of different awarding bodies for '"
                        + v.fact().id() + "' of award '" + v.fact().award() + "'"));
            } else {
                b.bodies.add(v.fact());
            }
        }
        for (var v : log.of(org.accrue.vocabulary.PersonalAward.class)) {
            Builder b = award(byId, v.fact().award(), v, "a personal award", problems);
            if (b == null) {
                continue;
            }
            if (v.fact().themePercent() < 0 || v.fact().themePercent() > 100) {
                problems.add(new Problem(v.rule(), v.by() + " asks for " + v.fact().themePercent() + "% of the credit "
                        + "in the declared theme; a share is 0 to 100%"));
            } else if (b.personal != null) {
                problems.add(new Problem(v.rule(), v.by() + " makes award '" + v.fact().award() + "' personal a second "
                        + "time"));
            } else {
                b.personal = v.fact();
            }
        }
        for (var v : log.of(org.accrue.vocabulary.CountsWhileValid.class)) {
            Builder b = award(byId, v.fact().award(), v, "counting only while valid", problems);
            if (b != null) {
                b.whileValid = true;
            }
        }
        for (var s : log.of(org.accrue.vocabulary.SharesCredit.class)) {
            Builder b = award(byId, s.fact().award(), s, "shared credit", problems);
            if (b != null) {
                b.sharesWith.add(s.fact().with());
            }
        }
        for (var g : log.of(GeneralCredit.class)) {
            Builder b = award(byId, g.fact().award(), g, "general credit", problems);
            if (b != null) {
                b.generalCredit = true;
            }
        }
        List<AwardDefinition> awards = byId.values().stream().map(Builder::build)
                .sorted(java.util.Comparator.comparingInt((AwardDefinition d) -> d.award().scqfLevel())
                        .thenComparing(d -> d.award().id()))
                .toList();
        return new Gathered(awards, problems);
    }

    private static void negative(FactLog.Inserted<?> fact, java.math.BigDecimal v, String what, List<Problem> problems) {
        if (v != null && v.signum() < 0) {
            problems.add(new Problem(fact.rule(), fact.by() + " sets " + what + " to a negative number of points"));
        }
    }

    private static Builder award(Map<String, Builder> byId, String id, FactLog.Inserted<?> fact, String what,
                                 List<Problem> problems) {
        Builder b = byId.get(id);
        if (b == null) {
            problems.add(new Problem(fact.rule(), fact.by() + " sets " + what + " for award '" + id
                    + "', which no rule defines"));
            return null;
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
        boolean generalCredit;
        boolean whileValid;
        org.accrue.vocabulary.PersonalAward personal;
        final List<org.accrue.vocabulary.DifferentBodies> bodies = new ArrayList<>();
        final java.util.Set<String> sharesWith = new java.util.TreeSet<>();

        Builder(Award award, String rule) {
            this.award = award;
            if (rule != null) {
                rules.add(rule);
            }
        }

        AwardDefinition build() {
            return new AwardDefinition(award, List.copyOf(requirements), total, List.copyOf(levels),
                    List.copyOf(caps), recency, generalCredit, List.copyOf(rules), java.util.Set.copyOf(sharesWith),
                    whileValid, List.copyOf(bodies), personal);
        }
    }
}
