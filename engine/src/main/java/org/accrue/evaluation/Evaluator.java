package org.accrue.evaluation;

import org.accrue.EvaluationException;
import org.accrue.Limits;
import org.accrue.allocation.Allocator;
import org.accrue.learner.Credential;
import org.accrue.learner.LearnerRecord;
import org.accrue.result.AwardResult;
import org.accrue.result.CredentialResult;
import org.accrue.result.EquivalenceMatch;
import org.accrue.result.EvaluationResult;
import org.accrue.result.UnmetClassification;
import org.accrue.vocabulary.AwardFact;
import org.accrue.vocabulary.Classification;
import org.accrue.vocabulary.Credit;
import org.accrue.vocabulary.CreditPoints;
import org.accrue.vocabulary.Equivalence;
import org.accrue.vocabulary.Exclusion;
import org.accrue.vocabulary.MayCount;
import org.accrue.vocabulary.ReferencedLevel;
import org.accrue.vocabulary.Unmet;
import org.kie.api.KieBase;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.rule.ConsequenceException;
import org.kie.api.runtime.rule.FactHandle;

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
 * Evaluates learner records against one compiled rule set. Thread-safe: each thread keeps a session of its
 * own. A session is made once per thread and fired empty, which defines the awards and inserts the tables;
 * each evaluation then puts one learner's facts in, fires, reads the results and takes those facts out
 * again, so the next learner finds the session as it was. The KieBase is shared read-only.
 */
public final class Evaluator {
    /** Award definitions come from rules that match no learner fact; these types are definitions. */
    private static final List<Class<?>> DEFINITIONS = List.of(AwardFact.class.getPermittedSubclasses());

    private final KieBase base;
    private final String ruleset;
    private final AwardDefinition.Gathered definitions;
    private final ThreadLocal<Session> sessions;
    private final Map<String, AwardDefinition> byId = new java.util.HashMap<>();
    private final List<AwardEvaluation.Prepared> prepared;

    public Evaluator(KieBase base, String ruleset) {
        this.base = base;
        this.ruleset = ruleset;
        Session first = new Session();
        this.definitions = AwardDefinition.gather(first.log.since(0));
        definitions.awards().forEach(d -> byId.put(d.award().id(), d));
        this.prepared = definitions.awards().stream().map(AwardEvaluation.Prepared::new).toList();
        this.sessions = ThreadLocal.withInitial(Session::new);
        sessions.set(first);
    }

    /** The awards the rule set defines, and any problem with them, from a session with no learner in it. */
    public AwardDefinition.Gathered definitions() {
        return definitions;
    }

    /** One thread's session, fired empty: the baseline every evaluation returns it to. */
    private final class Session {
        final KieSession session = base.newKieSession();
        final Guard guard = new Guard();
        final FactLog log = new FactLog(guard);
        final int baseline;
        boolean broken;

        Session() {
            session.addEventListener(log);
            session.addEventListener(guard);
            // the rules that define the awards run under the default limits: a rule set cannot hang its loading
            guard.start(Limits.DEFAULT);
            try {
                fire(session, Limits.DEFAULT.maxFirings());
            } catch (RuntimeException e) {
                session.dispose();
                throw e;
            } finally {
                guard.stop();
            }
            baseline = log.mark();
        }

        /** Takes the learner's facts out again; a session that does not come back to its baseline is dropped. */
        void reset() {
            if (!broken) {
                try {
                    for (FactHandle h : log.handlesSince(baseline)) {
                        session.delete(h);
                    }
                    guard.start(Limits.DEFAULT);
                    fire(session, Limits.DEFAULT.maxFirings());
                    guard.stop();
                    // a rule that fired on the way back (a "not" over the learner's facts, say) leaves facts
                    // behind: such a session is not at its baseline
                    broken = !log.handlesSince(baseline).isEmpty();
                    log.truncate(baseline);
                } catch (RuntimeException e) {
                    broken = true;
                }
            }
            if (broken) {
                session.dispose();
                sessions.remove();
            }
        }
    }

    /**
     * Evaluates one learner as of a date, within limits.
     *
     * @param awards the ids of the awards to evaluate, all of them when empty; the caller checks they exist
     * @throws EvaluationException when the rules misbehave or a limit is reached, with the reason
     */
    public EvaluationResult evaluate(LearnerRecord record, LocalDate asOf, Collection<String> awards, Limits limits) {
        definitions.orThrow();
        Session s = sessions.get();
        KieSession session = s.session;
        int mark = s.log.mark();
        s.guard.start(limits);
        try {
            // Phase 1: framework rules normalise and classify.
            session.insert(record.learner());
            // Inserting in id order makes rule firing independent of the order of the learner file.
            List<Credential> byId = new ArrayList<>(record.credentials());
            byId.sort(Comparator.comparing(Credential::id));
            byId.forEach(session::insert);
            fire(session, limits.maxFirings());

            FactLog.View phase1 = s.log.since(mark);
            Facts facts = new Facts(phase1);
            Map<String, CredentialResult> credentials = new LinkedHashMap<>();
            List<Credit> credits = new ArrayList<>();
            for (Credential c : byId) {
                CredentialResult result = credentialResult(c, facts, asOf);
                credentials.put(c.id(), result);
                if (result.creditBearing()) {
                    credits.add(new Credit(c, result.scqfPoints(), orZero(result.scqfLevel()), orZero(result.eqfLevel()),
                            result.equivalence() == null ? List.of() : List.of(result.equivalence().module())));
                }
            }

            // Phase 2: award rules say which credit may count toward which requirement.
            credits.forEach(session::insert);
            fire(session, limits.maxFirings());

            FactLog.View phase2 = s.log.since(mark);
            for (Class<?> type : DEFINITIONS) {
                if (!phase2.isEmpty(type)) {
                    var f = phase2.of(type).get(0);
                    throw new EvaluationException(f.by() + " inserted a " + type.getSimpleName()
                            + " for this learner; award definitions must not depend on the learner (give the rule "
                            + "an empty when)");
                }
            }
            List<FactLog.Inserted<MayCount>> mayCount = phase2.of(MayCount.class);
            checkMayCount(mayCount);
            Map<String, Map<String, List<FactLog.Inserted<MayCount>>>> byAward = new java.util.HashMap<>();
            for (var m : mayCount) {
                byAward.computeIfAbsent(m.fact().award(), a -> new java.util.HashMap<>())
                        .computeIfAbsent(m.fact().credential(), c -> new ArrayList<>()).add(m);
            }
            List<AwardResult> results = new ArrayList<>();
            Allocator.Budget budget = new Allocator.Budget(Allocator.Budget.DEFAULT.maxStates(), s.guard.deadline());
            for (AwardEvaluation.Prepared p : prepared) {
                AwardDefinition d = p.definition;
                if (awards.isEmpty() || awards.contains(d.award().id())) {
                    try {
                        results.add(new AwardEvaluation(p, asOf, credits, credentials,
                                byAward.getOrDefault(d.award().id(), Map.of()), record.exceptions(), budget).result());
                    } catch (Allocator.LimitExceededException e) {
                        throw e.time() ? s.guard.timeUp() : new EvaluationException(
                                EvaluationException.Reason.SEARCH_LIMIT, "award '" + d.award().id() + "': "
                                + e.getMessage());
                    }
                }
            }
            List<CredentialResult> inFileOrder = record.credentials().stream()
                    .map(c -> credentials.get(c.id())).toList();
            return new EvaluationResult(record.learner(), record.source(), asOf, ruleset, results, inFileOrder);
        } catch (RuntimeException e) {
            s.broken = true;
            throw e;
        } finally {
            s.guard.stop();
            s.reset();
        }
    }

    /** Phase-1 facts grouped by credential, once. */
    private static final class Facts {
        final Map<String, List<FactLog.Inserted<CreditPoints>>> points;
        final Map<String, List<FactLog.Inserted<ReferencedLevel>>> levels;
        final Map<String, List<FactLog.Inserted<Equivalence>>> equivalences;
        final Map<String, List<FactLog.Inserted<Exclusion>>> exclusions;
        final Map<String, List<FactLog.Inserted<Classification>>> classifications;
        final Map<String, List<FactLog.Inserted<Unmet>>> unmet;

        Facts(FactLog.View v) {
            points = v.byKey(CreditPoints.class, CreditPoints::credential);
            levels = v.byKey(ReferencedLevel.class, ReferencedLevel::credential);
            equivalences = v.byKey(Equivalence.class, Equivalence::credential);
            exclusions = v.byKey(Exclusion.class, Exclusion::credential);
            classifications = v.byKey(Classification.class, Classification::credential);
            unmet = v.byKey(Unmet.class, Unmet::credential);
        }
    }

    private static CredentialResult credentialResult(Credential c, Facts facts, LocalDate asOf) {
        String id = c.id();
        var points = facts.points.getOrDefault(id, List.of());
        var levels = facts.levels.getOrDefault(id, List.of());
        if (points.size() > 1) {
            throw new EvaluationException(points.get(0).by() + " and " + points.get(1).by()
                    + " both give credential '" + id + "' SCQF credit points");
        }
        if (levels.size() > 1) {
            throw new EvaluationException(levels.get(0).by() + " and " + levels.get(1).by()
                    + " both give credential '" + id + "' an SCQF level");
        }
        var equivalences = facts.equivalences.getOrDefault(id, List.of());
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
        for (var e : facts.exclusions.getOrDefault(id, List.of())) {
            excluded.add(e.fact().reason());
            addRule(rules, e.rule());
        }
        if (c.issued() != null && c.issued().isAfter(asOf)) {
            // credit is judged as of a date: a credential issued after it was not held then
            excluded.add("issued on " + c.issued() + ", after the as-of date " + asOf);
        }
        if (scqfPoints == null && excluded.isEmpty()) {
            excluded.add("no framework rule gives it SCQF credit points");
        }
        TreeSet<String> classifications = new TreeSet<>();
        for (var k : facts.classifications.getOrDefault(id, List.of())) {
            classifications.add(k.fact().name());
            addRule(rules, k.rule());
        }
        Map<String, TreeSet<String>> unmet = new TreeMap<>();
        for (var u : facts.unmet.getOrDefault(id, List.of())) {
            unmet.computeIfAbsent(u.fact().classification(), k -> new TreeSet<>()).add(u.fact().criterion());
            addRule(rules, u.rule());
        }
        return new CredentialResult(id, c.title(),
                Points.normal(scqfPoints),
                level == null ? null : level.fact().scqf(),
                level == null || level.fact().eqf() == 0 ? null : level.fact().eqf(),
                scqfPoints != null && excluded.isEmpty(),
                equivalence,
                c.proof() == null ? null : c.proof() ? "present, not verified" : "absent",
                List.copyOf(excluded),
                List.copyOf(classifications),
                unmet.entrySet().stream().map(e -> new UnmetClassification(e.getKey(), List.copyOf(e.getValue())))
                        .toList(),
                notes,
                List.copyOf(rules));
    }

    private void checkMayCount(List<FactLog.Inserted<MayCount>> mayCount) {
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

    private static void fire(KieSession session, int maxFirings) {
        int fired;
        try {
            fired = session.fireAllRules(maxFirings);
        } catch (RuntimeException e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof EvaluationException own) {
                    throw own; // a limit the guard enforced, from inside the engine
                }
            }
            if (!(e instanceof ConsequenceException c)) {
                throw e;
            }
            Throwable cause = c.getCause() == null ? c : c.getCause();
            throw new EvaluationException("rule '" + c.getMatch().getRule().getName() + "' failed: "
                    + cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage()),
                    cause);
        } catch (StackOverflowError e) {
            throw new EvaluationException("a rule recursed without end (stack overflow)");
        }
        if (fired >= maxFirings) {
            throw new EvaluationException(EvaluationException.Reason.DID_NOT_SETTLE, "the rules fired " + maxFirings
                    + " times without settling (the limit); a rule probably re-triggers itself");
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
