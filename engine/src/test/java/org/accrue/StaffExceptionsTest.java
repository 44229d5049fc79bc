package org.accrue;

import org.accrue.learner.LearnerRecord;
import org.accrue.learner.Route;
import org.accrue.learner.StaffException;
import org.accrue.reading.InvalidInputException;
import org.accrue.reading.LearnerFiles;
import org.accrue.result.AppliedException;
import org.accrue.result.AwardResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.accrue.Learners.credential;
import static org.accrue.Learners.learner;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Staff exceptions: waive a requirement, substitute a credential, allow what a cap or recency would exclude. */
class StaffExceptionsTest {
    static final LocalDate AS_OF = LocalDate.of(2026, 11, 28);
    static final String AWARD = "pgcert-data-science";

    static StaffException exception(StaffException.Type type, String requirement, String credential) {
        return new StaffException(type, AWARD, requirement, credential, "Dr J Smith", LocalDate.of(2026, 10, 1),
                "agreed at the exam board");
    }

    static AwardResult evaluate(LearnerRecord base, StaffException... exceptions) {
        LearnerRecord r = new LearnerRecord(base.learner(), base.credentials(), List.of(exceptions), null);
        return DefaultRules.get().evaluate(r, AS_OF, Set.of(AWARD)).award(AWARD).orElseThrow();
    }

    static final LearnerRecord NO_METHODS = learner(
            credential("A").scqf(30, 11).subjects("data-science"),
            credential("B").scqf(30, 11));

    @Test
    void withoutExceptionsTheLearnerLacksMethods() {
        AwardResult r = evaluate(NO_METHODS);
        assertFalse(r.eligible());
        assertEquals(List.of(), r.exceptions());
    }

    @Test
    void aWaivedRequirementIsMetAndTheResultSaysWhoWaivedIt() {
        AwardResult r = evaluate(NO_METHODS, exception(StaffException.Type.WAIVE, "methods", null));
        assertTrue(r.eligible(), r::toString);
        var methods = r.requirement("methods").orElseThrow();
        assertTrue(methods.waived());
        assertTrue(methods.met());
        assertEquals(List.of(new AppliedException(StaffException.Type.WAIVE, "methods", null, "Dr J Smith", LocalDate.of(2026, 10, 1),
                "agreed at the exam board", true, "requirement 'methods' waived (it has 0 of 15)")), r.exceptions());
    }

    @Test
    void aWaiverOfAMetRequirementIsShownAsNotNeeded() {
        AwardResult r = evaluate(NO_METHODS, exception(StaffException.Type.WAIVE, "core", null));
        assertFalse(r.eligible());
        assertFalse(r.exceptions().get(0).used());
        assertEquals("requirement 'core' waived; it is met without the waiver", r.exceptions().get(0).effect());
    }

    @Test
    void theTotalCanBeWaived() {
        AwardResult r = evaluate(learner(credential("A").scqf(30, 11).subjects("data-science"),
                credential("B").scqf(15, 11).subjects("statistics")), exception(StaffException.Type.WAIVE, "total", null));
        assertTrue(r.eligible(), r::toString);
    }

    @Test
    void aSubstituteCountsTowardARequirementTheRulesDoNotLetItCountToward() {
        AwardResult r = evaluate(NO_METHODS, exception(StaffException.Type.SUBSTITUTE, "methods", "B"));
        assertTrue(r.eligible(), r::toString);
        assertEquals("methods", r.counted().stream().filter(c -> c.credential().equals("B")).findFirst().orElseThrow()
                .requirement());
        assertTrue(r.exceptions().get(0).used());
        assertEquals("B counted toward 'methods' in place of a required credential", r.exceptions().get(0).effect());
    }

    @Test
    void anAllowedCredentialCountsDespiteTheRecencyLimit() {
        LearnerRecord old = learner(
                credential("A").scqf(30, 11).subjects("data-science").issued("2019-06-30"),
                credential("B").scqf(15, 11).subjects("statistics"),
                credential("C").scqf(15, 11));
        assertFalse(evaluate(old).eligible());
        AwardResult r = evaluate(old, exception(StaffException.Type.ALLOW, null, "A"));
        assertTrue(r.eligible(), r::toString);
        assertEquals("A counted despite the recency limit", r.exceptions().get(0).effect());
        assertTrue(r.exceptions().get(0).used());
    }

    @Test
    void anAllowedCredentialCountsOutsideTheCap() {
        LearnerRecord prior = learner(
                credential("A").scqf(15, 11).subjects("data-science").route(Route.RPL),
                credential("B").scqf(15, 11).subjects("data-science").route(Route.TRANSFER),
                credential("C").scqf(15, 11).subjects("statistics").route(Route.TRANSFER),
                credential("D").scqf(15, 11));
        assertFalse(evaluate(prior).eligible());
        AwardResult r = evaluate(prior, exception(StaffException.Type.ALLOW, null, "C"));
        assertTrue(r.eligible(), r::toString);
        assertEquals("C counted outside the cap", r.exceptions().get(0).effect());
        assertEquals(0, r.requirement("max-rpl-transfer").orElseThrow().have().compareTo(java.math.BigDecimal.valueOf(30)));
    }

    @Test
    void exceptionsForOtherAwardsDoNothingHere() {
        StaffException other = new StaffException(StaffException.Type.WAIVE, "scqf-pgcert", "total", null, "X",
                LocalDate.of(2026, 1, 1), "y");
        assertEquals(List.of(), evaluate(NO_METHODS, other).exceptions());
    }

    @Test
    void anExceptionForAnUnknownAwardOrRequirementIsRefused() {
        LearnerRecord r = new LearnerRecord(NO_METHODS.learner(), NO_METHODS.credentials(), List.of(
                new StaffException(StaffException.Type.WAIVE, "scqf-phd", "total", null, "X", AS_OF, "y"),
                exception(StaffException.Type.WAIVE, "capstone", null),
                exception(StaffException.Type.SUBSTITUTE, "total", "A")), null);
        assertEquals(List.of("exceptions[0].award: unknown award 'scqf-phd'",
                "exceptions[1].requirement: award 'pgcert-data-science' has no requirement 'capstone' to waive; it has "
                        + "core, methods, total, level-11-or-above",
                "exceptions[2].requirement: award 'pgcert-data-science' has no requirement 'total' to substitute; it has "
                        + "core, methods"), DefaultRules.get().problems(r).stream().map(Object::toString).toList());
        assertThrows(IllegalArgumentException.class, () -> DefaultRules.get().evaluate(r, AS_OF));
    }

    static final String FILE = """
            learner: {id: L-1}
            credentials:
              - {id: A, title: T}
            exceptions:
              - %s
            """;

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiterString = " => ", value = {
            "{type: waive, award: a, requirement: r, date: 2026-01-01, reason: why} => exceptions[0].authorisedBy: is missing",
            "{type: waive, award: a, requirement: r, authorisedBy: X, date: 2026-01-01} => exceptions[0].reason: is missing",
            "{type: waive, award: a, requirement: r, authorisedBy: X, reason: why} => exceptions[0].date: is missing; an exception needs the date it was authorised",
            "{type: pardon, award: a, authorisedBy: X, date: 2026-01-01, reason: why} => exceptions[0].type: unknown value 'pardon'; expected one of waive | substitute | allow",
            "{type: waive, award: a, authorisedBy: X, date: 2026-01-01, reason: why} => exceptions[0].requirement: is missing; a waive names the requirement it applies to",
            "{type: allow, award: a, authorisedBy: X, date: 2026-01-01, reason: why} => exceptions[0].credential: is missing; a allow names the credential it applies to",
            "{type: allow, award: a, credential: Z, authorisedBy: X, date: 2026-01-01, reason: why} => exceptions[0].credential: no credential 'Z' in this file",
            "{type: waive, award: a, requirement: r, credential: A, authorisedBy: X, date: 2026-01-01, reason: why} => exceptions[0].credential: a waiver applies to a requirement, not a credential",
    })
    void anExceptionWithoutAuthorDateOrReasonIsRefused(String exception, String message) {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> LearnerFiles.parse(String.format(FILE, exception), "x.yaml", false));
        assertEquals("x.yaml: " + message, e.getMessage());
    }

    @Test
    void aCompleteExceptionIsRead() throws Exception {
        LearnerRecord r = LearnerFiles.parse(String.format(FILE,
                "{type: substitute, award: a, requirement: r, credential: A, authorisedBy: Dr X, date: 2026-01-01, reason: why}"),
                "x.yaml", false);
        assertEquals(new ArrayList<>(List.of(new StaffException(StaffException.Type.SUBSTITUTE, "a", "r", "A", "Dr X",
                LocalDate.of(2026, 1, 1), "why"))), r.exceptions());
    }
}
