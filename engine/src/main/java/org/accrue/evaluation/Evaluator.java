package org.accrue.evaluation;

import org.accrue.learner.Credential;
import org.accrue.learner.LearnerRecord;
import org.accrue.result.AwardResult;
import org.accrue.result.CredentialResult;
import org.accrue.result.EquivalenceMatch;
import org.accrue.result.EvaluationResult;
import org.accrue.result.UnmetClassification;
import org.accrue.vocabulary.Classification;
import org.accrue.vocabulary.Credit;
import org.accrue.vocabulary.Equivalence;
import org.accrue.vocabulary.CreditPoints;
import org.accrue.vocabulary.Exclusion;
import org.accrue.vocabulary.MayCount;
import org.accrue.vocabulary.ReferencedLevel;
import org.accrue.vocabulary.Unmet;
import org.kie.api.KieBase;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.rule.ConsequenceException;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Evaluates learner records against one compiled rule set. Thread-safe: each evaluation has its own session
 * and keeps all its state in it; the KieBase is shared read-only.
 */
public final class Evaluator {
    /** A rule set that fires more often than this for one learner is taken to loop. */
    static final int MAX_FIRINGS = 100_000;

    private final KieBase base;
    private final String ruleset;

    public Evaluator(KieBase base, String ruleset) {
        this.base = base;
        this.ruleset = ruleset;
    }

    /** The awards the rule set defines, and any problem with them, from a session with no learner in it. */
    public AwardDefinition.Gathered definitions() {
        KieSession session = base.newKieSession();
        FactLog log = new FactLog();
        session.addEventListener(log);
        try {
            fire(session);
            return AwardDefinition.gather(log);
        } finally {
            session.dispose();
        }
    }

    /**
     * Evaluates one learner as of a date.
     *
     * @param awards the ids of the awards to evaluate, all of them when empty; the caller checks they exist
     */
    public EvaluationResult evaluate(LearnerRecord record, LocalDate asOf, Collection<String> awards) {
        KieSession session = base.newKieSession();
        FactLog log = new FactLog();
        session.addEventListener(log);
        try {
            // Phase 1: framework rules normalise and classify; award rules define awards.
            session.insert(record.learner());
            // Inserting in id order makes rule firing independent of the order of the learner file.
            List<Credential> byId = new ArrayList<>(record.credentials());
            byId.sort(Comparator.comparing(Credential::id));
            byId.forEach(session::insert);
            fire(session);

            Map<String, CredentialResult> credentials = new LinkedHashMap<>();
            List<Credit> credits = new ArrayList<>();
            for (Credential c : byId) {
                CredentialResult result = credentialResult(c, log);
                credentials.put(c.id(), result);
                if (result.creditBearing()) {
                    credits.add(new Credit(c, result.scqfPoints(), orZero(result.scqfLevel()), orZero(result.eqfLevel()),
                            result.equivalence() == null ? List.of() : List.of(result.equivalence().module())));
                }
            }

            // Phase 2: award rules say which credit may count toward which requirement.
            credits.forEach(session::insert);
            fire(session);

            List<AwardDefinition> definitions = AwardDefinition.gather(log).orThrow();
            List<FactLog.Inserted<MayCount>> mayCount = log.of(MayCount.class);
            checkMayCount(mayCount, definitions);
            List<AwardResult> results = new ArrayList<>();
            for (AwardDefinition d : definitions) {
                if (awards.isEmpty() || awards.contains(d.award().id())) {
                    results.add(new AwardEvaluation(d, asOf, credits, credentials, mayCount, record.exceptions()).result());
                }
            }
            List<CredentialResult> inFileOrder = record.credentials().stream()
                    .map(c -> credentials.get(c.id())).toList();
            return new EvaluationResult(record.learner(), record.source(), asOf, ruleset, results, inFileOrder);
        } finally {
            session.dispose();
        }
    }

    private static CredentialResult credentialResult(Credential c, FactLog log) {
        String id = c.id();
        var points = log.of(CreditPoints.class, p -> p.credential().equals(id));
        var levels = log.of(ReferencedLevel.class, l -> l.credential().equals(id));
        if (points.size() > 1) {
            throw new EvaluationException(points.get(0).by() + " and " + points.get(1).by()
                    + " both give credential '" + id + "' SCQF credit points");
        }
        if (levels.size() > 1) {
            throw new EvaluationException(levels.get(0).by() + " and " + levels.get(1).by()
                    + " both give credential '" + id + "' an SCQF level");
        }
        var equivalences = log.of(Equivalence.class, e -> e.credential().equals(id));
        if (equivalences.size() > 1) {
            throw new EvaluationException("equivalence rows '" + equivalences.get(0).fact().row() + "' and '"
                    + equivalences.get(1).fact().row() + "' both match credential '" + id + "'");
        }
        TreeSet<String> rules = new TreeSet<>();
        List<String> notes = new ArrayList<>();
        var point = points.isEmpty() ? null : points.get(0);
        var level = levels.isEmpty() ? null : levels.get(0);
        BigDecimal scqfPoints = point == null ? null : point.fact().scqfPoints();
        if (point != null) {
            notes.add(point.fact().explanation());
            addRule(rules, point.rule());
        }
        if (level != null) {
            notes.add(level.fact().explanation());
            addRule(rules, level.rule());
        } else {
            notes.add(c.level() == null ? "states no level" : "no rule refers its level to SCQF");
        }
        EquivalenceMatch equivalence = null;
        if (!equivalences.isEmpty()) {
            Equivalence e = equivalences.get(0).fact();
            equivalence = new EquivalenceMatch(e.module(), e.row(), Points.normal(e.scqfPoints()));
            addRule(rules, equivalences.get(0).rule());
            if (e.scqfPoints() != null) {
                scqfPoints = e.scqfPoints();
            }
            notes.add("equivalence row '" + e.row() + "' gives specific credit for module " + e.module()
                    + (e.scqfPoints() == null ? "" : ", granting " + Points.text(e.scqfPoints()) + " SCQF points"));
        }
        TreeSet<String> excluded = new TreeSet<>();
        for (var e : log.of(Exclusion.class, e -> e.credential().equals(id))) {
            excluded.add(e.fact().reason());
            addRule(rules, e.rule());
        }
        if (scqfPoints == null && excluded.isEmpty()) {
            excluded.add("no framework rule gives it SCQF credit points");
        }
        TreeSet<String> classifications = new TreeSet<>();
        for (var k : log.of(Classification.class, k -> k.credential().equals(id))) {
            classifications.add(k.fact().name());
            addRule(rules, k.rule());
        }
        Map<String, TreeSet<String>> unmet = new TreeMap<>();
        for (var u : log.of(Unmet.class, u -> u.credential().equals(id))) {
            unmet.computeIfAbsent(u.fact().classification(), k -> new TreeSet<>()).add(u.fact().criterion());
            addRule(rules, u.rule());
        }
        return new CredentialResult(id, c.title(),
                Points.normal(scqfPoints),
                level == null ? null : level.fact().scqf(),
                level == null || level.fact().eqf() == 0 ? null : level.fact().eqf(),
                scqfPoints != null && excluded.isEmpty(),
                equivalence,
                List.copyOf(excluded),
                List.copyOf(classifications),
                unmet.entrySet().stream().map(e -> new UnmetClassification(e.getKey(), List.copyOf(e.getValue())))
                        .toList(),
                notes,
                List.copyOf(rules));
    }

    private static void checkMayCount(List<FactLog.Inserted<MayCount>> mayCount, List<AwardDefinition> definitions) {
        Map<String, AwardDefinition> byId = new LinkedHashMap<>();
        definitions.forEach(d -> byId.put(d.award().id(), d));
        for (var m : mayCount) {
            AwardDefinition d = byId.get(m.fact().award());
            if (d == null) {
                throw new EvaluationException(m.by() + " lets credit count toward award '" + m.fact().award()
                        + "', which no rule defines");
            }
            String r = m.fact().requirement();
            if (r != null && d.requirements().stream().noneMatch(x -> x.id().equals(r))) {
                throw new EvaluationException(m.by() + " lets credit count toward requirement '" + r
                        + "' of award '" + d.award().id() + "', which no rule defines");
            }
        }
    }

    private static void fire(KieSession session) {
        int fired;
        try {
            fired = session.fireAllRules(MAX_FIRINGS);
        } catch (ConsequenceException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new EvaluationException("rule '" + e.getMatch().getRule().getName() + "' failed: "
                    + cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage()),
                    cause);
        }
        if (fired >= MAX_FIRINGS) {
            throw new EvaluationException("the rules fired " + MAX_FIRINGS
                    + " times without settling; a rule probably re-triggers itself");
        }
    }

    private static void addRule(TreeSet<String> rules, String rule) {
        if (rule != null) {
            rules.add(rule);
        }
    }

    private static int orZero(Integer v) {
        return v == null ? 0 : v;
    }
}
