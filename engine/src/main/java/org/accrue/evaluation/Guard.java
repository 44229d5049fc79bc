package org.accrue.evaluation;

import org.accrue.EvaluationException;
import org.accrue.Limits;
import org.kie.api.event.rule.BeforeMatchFiredEvent;
import org.kie.api.event.rule.DefaultAgendaEventListener;
import org.kie.api.event.rule.MatchCreatedEvent;

/**
 * One session's limits on the evaluation in progress: facts inserted and time taken, checked as the rules
 * insert facts and as matches are created and fired, so that a rule set cannot keep a learner's evaluation
 * going past its {@link Limits}, however it joins or inserts. Between evaluations there is no limit.
 */
final class Guard extends DefaultAgendaEventListener {
    private long deadline = Long.MAX_VALUE;
    private int facts;
    private int maxFacts = Integer.MAX_VALUE;
    private long ticks;
    /** The limits in force, kept to word a time-out: no text is made unless one happens. */
    private Limits limits = Limits.DEFAULT;

    void start(Limits limits) {
        this.limits = limits;
        deadline = System.nanoTime() + limits.timeLimit().toNanos();
        facts = 0;
        maxFacts = limits.maxFacts();
    }

    void stop() {
        deadline = Long.MAX_VALUE;
        maxFacts = Integer.MAX_VALUE;
    }

    /** The {@link System#nanoTime()} the evaluation must end by. */
    long deadline() {
        return deadline;
    }

    void inserted() {
        if (++facts > maxFacts) {
            throw new EvaluationException(EvaluationException.Reason.TOO_MANY_FACTS, "the rules inserted more than "
                    + maxFacts + " facts for this learner (the limit)");
        }
        tick();
    }

    void tick() {
        if ((++ticks & 63) == 0 && System.nanoTime() > deadline) {
            throw timeUp();
        }
    }

    EvaluationException timeUp() {
        return new EvaluationException(EvaluationException.Reason.TIME_LIMIT, "the evaluation took longer than its "
                + "time limit of " + limits.timeLimit().toMillis() / 1000.0 + " s");
    }

    @Override
    public void matchCreated(MatchCreatedEvent event) {
        tick();
    }

    @Override
    public void beforeMatchFired(BeforeMatchFiredEvent event) {
        tick();
    }
}
