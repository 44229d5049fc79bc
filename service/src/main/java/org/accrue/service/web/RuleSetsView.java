package org.accrue.service.web;

import org.accrue.RuleSet;
import org.accrue.learner.Learner;
import org.accrue.learner.LearnerRecord;
import org.accrue.result.AwardResult;
import org.accrue.service.RuleSets;

import java.time.LocalDate;
import java.util.List;

/**
 * The rule sets a registry keeps, and the awards of the one in force today with each requirement in words. The
 * words are the engine's own: the requirements of a learner with no credentials, as a result would state them.
 */
public record RuleSetsView(List<Row> ruleSets, List<AwardWords> awards) {

    public record Row(String id, String from, String source, boolean today) {
    }

    public record AwardWords(String id, String title, int level, List<String> requirements) {
    }

    static RuleSetsView of(RuleSets sets, LocalDate today) {
        RuleSets.InForce current = sets.current(today);
        List<Row> rows = sets.all().stream().map(s -> new Row(s.ruleSet().id(), s.from().equals(RuleSets.ALWAYS)
                ? "the beginning" : s.from().toString(), s.source(), s == current)).toList();
        RuleSet rules = current.ruleSet();
        List<AwardResult> awards = rules.evaluate(new LearnerRecord(new Learner("-", null), List.of(), null), today)
                .awards();
        return new RuleSetsView(rows, awards.stream().map(a -> new AwardWords(a.award(), a.title(), a.scqfLevel(),
                a.requirements().stream().map(q -> q.description()).toList())).toList());
    }
}
