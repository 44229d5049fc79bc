package org.accrue;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

/** The one per-record step every caller shares: evaluated, or rejected with a code and its one line. */
class OutcomeTest {
    static final LocalDate AS_OF = LocalDate.of(2026, 11, 28);

    @Test
    void aSampleIsEvaluated() {
        Outcome o = DefaultRules.get().evaluateFile(TestRuleSets.REPO.resolve("samples/kai-masters.yaml"), AS_OF, List.of());
        assertEquals("L-0011", assertInstanceOf(Outcome.Evaluated.class, o).result().learner().id());
    }

    @Test
    void eachKindOfRejectionHasItsCodeAndOneLine() {
        RuleSet rules = DefaultRules.get();
        Outcome.Rejected missing = assertInstanceOf(Outcome.Rejected.class,
                rules.evaluateFile(Path.of("no/such.yaml"), AS_OF, List.of()));
        assertEquals(Outcome.Reason.UNREADABLE, missing.reason());
        assertEquals("no/such.yaml: file: no such file", missing.message());

        Outcome.Rejected garbled = assertInstanceOf(Outcome.Rejected.class,
                rules.evaluateText("{\"learner\": ", "in.jsonl:4", true, AS_OF, List.of()));
        assertEquals(Outcome.Reason.UNREADABLE, garbled.reason());
        assertEquals("line 1, column 13", garbled.where());

        Outcome.Rejected unknown = assertInstanceOf(Outcome.Rejected.class, rules.evaluateText("""
                {"learner": {"id": "L-1"}, "credentials": [], "exceptions": [{"type": "waive", "award": "nope",
                 "requirement": "total", "authorisedBy": "X", "date": "2026-01-01", "reason": "r"}]}""",
                "x.json", true, AS_OF, List.of()));
        assertEquals(Outcome.Reason.DOES_NOT_FIT, unknown.reason());
        assertEquals("x.json: exceptions[0].award: unknown award 'nope'", unknown.message());

        Outcome.Rejected large = assertInstanceOf(Outcome.Rejected.class, rules.withLimits(Limits.DEFAULT
                .withMaxCredentials(1)).evaluateRecord(Learners.learner(Learners.credential("A").scqf(10, 9),
                Learners.credential("B").scqf(10, 9)), "big", AS_OF, List.of()));
        assertEquals(Outcome.Reason.TOO_LARGE, large.reason());
        assertEquals("too-large", large.reason().code());

        Outcome.Rejected limited = assertInstanceOf(Outcome.Rejected.class, rules.withLimits(Limits.DEFAULT
                .withMaxFacts(2)).evaluateRecord(Learners.learner(Learners.credential("A").scqf(10, 9)), "l", AS_OF,
                List.of()));
        assertEquals(Outcome.Reason.TOO_MANY_FACTS, limited.reason());
        assertEquals("l: not evaluated (too-many-facts): the rules inserted more than 2 facts for this learner "
                + "(the limit)", limited.message());
    }
}
