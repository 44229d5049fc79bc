package org.accrue.evaluation;

import org.accrue.EvaluationException;
import org.accrue.Limits;
import org.accrue.allocation.Allocator;
import org.accrue.learner.Credential;
import org.accrue.learner.LearnerRecord;
import org.accrue.trust.Trust;
import org.accrue.result.AwardResult;
import org.accrue.result.CredentialResult;
import org.accrue.result.EvaluationResult;
import org.accrue.vocabulary.AwardFact;
import org.accrue.vocabulary.Credit;
import org.accrue.vocabulary.MayCount;
import org.kie.api.KieBase;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.rule.ConsequenceException;
import org.kie.api.runtime.rule.FactHandle;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Evaluates learner records against one compiled rule set: the sessions (one per thread), and the two phases (each
 * credential explained by {@link CredentialExplainer}, each award by {@link AwardEvaluation}). Thread-safe: each
 * thread keeps a session of its
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
    public EvaluationResult evaluate(LearnerRecord record, LocalDate asOf, Collection<String> awards, Limits limits,
                                     Trust trust) {
        return evaluate(record, asOf, awards, limits, trust, org.accrue.result.Detail.FULL);
    }

    /**
     * The same at a level of detail: below full, what the level leaves out is not built (see
     * {@link org.accrue.RuleSet#detail()}).
     */
    public EvaluationResult evaluate(LearnerRecord record, LocalDate asOf, Collection<String> awards, Limits limits,
                                     Trust trust, org.accrue.result.Detail detail) {
        return run(record, asOf, limits, trust, detail == org.accrue.result.Detail.FULL, (s, facts) -> {
            List<AwardResult> results = new ArrayList<>();
            Allocator.Budget budget = new Allocator.Budget(Allocator.Budget.DEFAULT.maxStates(), s.guard.deadline());
            for (AwardEvaluation.Prepared p : prepared) {
                AwardDefinition d = p.definition;
                if (awards.isEmpty() || awards.contains(d.award().id())) {
                    try {
                        results.add(facts.award(p, asOf, record, budget, detail).result());
                    } catch (Allocator.LimitExceededException e) {
                        throw e.time() ? s.guard.timeUp() : new EvaluationException(
                                EvaluationException.Reason.SEARCH_LIMIT, "award '" + d.award().id() + "': "
                                + e.getMessage());
                    }
                }
            }
            List<CredentialResult> inFileOrder = detail != org.accrue.result.Detail.FULL ? List.of()
                    : record.credentials().stream().map(c -> facts.credentials.get(c.id())).toList();
            return new EvaluationResult(record.learner(), record.source(), asOf, ruleset, results, inFileOrder);
        });
    }

    /**
     * The allocation problem of each named award (all when empty) for one learner, as the search would be given
     * it, without searching: what the pathway planner extends with the credentials on offer.
     *
     * @throws EvaluationException when the rules misbehave or a limit is reached, with the reason
     */
    public List<AwardEvaluation.Problem> problems(LearnerRecord record, LocalDate asOf, Collection<String> awards,
                                                  Limits limits, Trust trust) {
        return run(record, asOf, limits, trust, true, (s, facts) -> {
            List<AwardEvaluation.Problem> problems = new ArrayList<>();
            for (AwardEvaluation.Prepared p : prepared) {
                if (awards.isEmpty() || awards.contains(p.definition.award().id())) {
                    problems.add(facts.award(p, asOf, record, Allocator.Budget.DEFAULT, org.accrue.result.Detail.FULL)
                            .problem());
                }
            }
            return problems;
        });
    }

    /** What the two phases established for one learner: each credential explained, the credit, what may count. */
    private record Facts(Map<String, CredentialResult> credentials, List<Credit> credits,
                         Map<String, Map<String, List<FactLog.Inserted<MayCount>>>> byAward) {
        AwardEvaluation award(AwardEvaluation.Prepared p, LocalDate asOf, LearnerRecord record, Allocator.Budget budget,
                              org.accrue.result.Detail detail) {
            return new AwardEvaluation(p, asOf, credits, credentials,
                    byAward.getOrDefault(p.definition.award().id(), Map.of()), record.exceptions(), budget,
                    record.conferred(), record.claims(), detail);
        }
    }

    /**
     * Runs both phases for one learner in this thread's session, hands what they found to {@code use}, and resets.
     * {@code words}: whether each credential is explained for the report (full detail), or only its credit worked out.
     */
    private <T> T run(LearnerRecord given, LocalDate asOf, Limits limits, Trust trust, boolean words,
                      java.util.function.BiFunction<Session, Facts, T> use) {
        definitions.orThrow();
        // verification first: it may place a badge's credit in its issuer's credit system (the trust list's word)
        Trust.Checked checked = trust.check(given, asOf);
        LearnerRecord record = checked.record();
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

            java.util.Set<String> planned = new java.util.HashSet<>();
            record.provenance().forEach((id, p) -> {
                if (p.isPlanned()) {
                    planned.add(id);
                }
            });
            CredentialExplainer explainer = new CredentialExplainer(s.log.since(mark), asOf, checked.standing(),
                    trust.requireVerified(), planned, words);
            Map<String, CredentialResult> credentials = new LinkedHashMap<>();
            List<Credit> credits = new ArrayList<>();
            for (Credential c : byId) {
                CredentialExplainer.Explained e = explainer.explain(c);
                credentials.put(c.id(), e.result());
                if (e.credit() != null) {
                    credits.add(e.credit());
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
            return use.apply(s, new Facts(credentials, credits, byAward));
        } catch (RuntimeException e) {
            s.broken = true;
            throw e;
        } finally {
            s.guard.stop();
            s.reset();
        }
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


}
