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

    /** An old credential that is also capped: each finer allowance lifts its own limit only. */
    @Test
    void allowRecencyAndAllowCapEachLiftOneLimit() {
        LearnerRecord both = learner(
                credential("A").scqf(15, 11).subjects("data-science").route(Route.RPL),
                credential("B").scqf(15, 11).subjects("data-science").route(Route.TRANSFER),
                credential("C").scqf(15, 11).subjects("statistics").route(Route.TRANSFER).issued("2019-06-30"),
                credential("D").scqf(15, 11));
        AwardResult recencyOnly = evaluate(both, exception(StaffException.Type.ALLOW_RECENCY, null, "C"));
        assertFalse(recencyOnly.eligible(), "the cap still leaves C out");
        assertTrue(recencyOnly.notCounted().stream().anyMatch(n -> n.credential().equals("C")
                && n.code() == org.accrue.result.NotCounted.Reason.CAP_REACHED), recencyOnly.notCounted().toString());
        assertEquals("C was allowed but not counted despite the recency limit", recencyOnly.exceptions().get(0).effect());
        AwardResult capOnly = evaluate(both, exception(StaffException.Type.ALLOW_CAP, null, "C"));
        assertFalse(capOnly.eligible(), "the recency limit still leaves C out");
        assertTrue(capOnly.notCounted().stream().anyMatch(n -> n.credential().equals("C")
                && n.code() == org.accrue.result.NotCounted.Reason.TOO_OLD), capOnly.notCounted().toString());
        AwardResult twoAllowances = evaluate(both, exception(StaffException.Type.ALLOW_RECENCY, null, "C"),
                exception(StaffException.Type.ALLOW_CAP, null, "C"));
        assertTrue(twoAllowances.eligible(), twoAllowances::toString);
        assertEquals(List.of("C counted despite the recency limit", "C counted outside the cap"),
                twoAllowances.exceptions().stream().map(AppliedException::effect).toList());
        AwardResult allow = evaluate(both, exception(StaffException.Type.ALLOW, null, "C"));
        assertEquals("C counted despite the recency limit and outside the cap", allow.exceptions().get(0).effect());
    }

    /** Stellic's "modify": a requirement's minimum changed for one learner, with who and why. */
    @Test
    void aModifiedMinimumIsTheOneThisLearnerIsHeldTo() {
        LearnerRecord fewMethods = learner(credential("A").scqf(45, 11).subjects("data-science"),
                credential("B").scqf(10, 11).subjects("statistics"), credential("C").scqf(5, 11));
        assertFalse(evaluate(fewMethods).eligible());
        StaffException modify = new StaffException(StaffException.Type.MODIFY, AWARD, "methods", null, "Dr J Smith",
                LocalDate.of(2026, 10, 1), "the 10-credit statistics module covers the outcomes", null,
                new java.math.BigDecimal("10"));
        AwardResult r = evaluate(fewMethods, modify);
        assertTrue(r.eligible(), r::toString);
        var methods = r.requirement("methods").orElseThrow();
        assertEquals(0, methods.need().compareTo(java.math.BigDecimal.TEN));
        assertEquals("requirement 'methods' minimum changed from 15 to 10 (it has 10)", r.exceptions().get(0).effect());
        assertTrue(r.exceptions().get(0).used());
        assertEquals(0, r.exceptions().get(0).minimum().compareTo(java.math.BigDecimal.TEN));
        StaffException nine = new StaffException(StaffException.Type.MODIFY, AWARD, "methods", null, "Dr J Smith",
                LocalDate.of(2026, 10, 1), "r", null, new java.math.BigDecimal("11"));
        assertFalse(evaluate(fewMethods, nine).eligible(), "10 of a modified 11 is still short");
    }

    @Test
    void theFinerExceptionsAreReadFromALearnerFileWithTheirFields() throws Exception {
        String base = """
                learner: {id: L}
                credentials: [{id: A, title: A}]
                exceptions:
                  - {type: %s, award: pgcert-data-science, %s authorisedBy: Dr X, date: 2026-10-01, reason: board}
                """;
        var modify = LearnerFiles.parse(base.formatted("modify", "requirement: methods, minimum: 10,"), "e.yaml", false);
        assertEquals(StaffException.Type.MODIFY, modify.exceptions().get(0).type());
        assertEquals(0, modify.exceptions().get(0).minimum().compareTo(java.math.BigDecimal.TEN));
        assertEquals(StaffException.Type.ALLOW_RECENCY, LearnerFiles.parse(base.formatted("allow-recency",
                "credential: A,"), "e.yaml", false).exceptions().get(0).type());
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> LearnerFiles.parse(
                base.formatted("modify", "requirement: methods,"), "e.yaml", false));
        assertEquals("exceptions[0].minimum: is missing; a modify gives the requirement's new minimum",
                e.where() + ": " + e.problem());
        e = assertThrows(InvalidInputException.class, () -> LearnerFiles.parse(
                base.formatted("allow-cap", "credential: A, minimum: 3,"), "e.yaml", false));
        assertEquals("exceptions[0].minimum: only a modify changes a minimum", e.where() + ": " + e.problem());
    }

    /** An award that counts credit only while its credential is valid; another award counts it all the same. */
    @Test
    void expiredCreditDoesNotCountWhereTheAwardSaysSoAndAnAllowanceLiftsIt(@org.junit.jupiter.api.io.TempDir
                                                                              java.nio.file.Path dir) throws Exception {
        TestRuleSets.withRuleFile(dir, "rules/valid.dslr", """
                rule "valid: Certificate while valid"
                when
                then
                    award "valid" is the "Certificate while valid" at SCQF level 7
                    award "valid" counts any credit as general credit
                    award "valid" needs at least 30 SCQF points in all
                    award "valid" counts credit only while its credential is valid
                end
                """);
        String text = """
                learner: {id: L-V}
                credentials:
                  - {id: A, title: Current, credit: {value: 15, system: SCQF}, level: {framework: SCQF, value: 7},
                     assessment: summative, qualityAssurance: external, issued: 2025-01-10, validUntil: 2026-11-28}
                  - {id: B, title: Lapsed, credit: {value: 15, system: SCQF}, level: {framework: SCQF, value: 7},
                     assessment: summative, qualityAssurance: external, issued: 2024-01-10, validUntil: 2026-11-27}
                """;
        RuleSet rules = TestRuleSets.load(dir);
        var r = rules.evaluate(LearnerFiles.parse(text, "v.yaml", false), AS_OF);
        AwardResult valid = r.award("valid").orElseThrow();
        assertFalse(valid.eligible(), valid::toString);
        assertEquals(List.of(new org.accrue.result.NotCounted("B", org.accrue.result.NotCounted.Reason.EXPIRED,
                "valid until 2026-11-27, before the as-of date 2026-11-28; this award counts credit only while its "
                        + "credential is valid")), valid.notCounted());
        assertTrue(r.award("scqf-certhe").orElseThrow().counted().stream().anyMatch(c -> c.credential().equals("B")),
                "an award without the sentence counts it");
        String allowed = text + "exceptions:\n  - {type: allow-recency, award: valid, credential: B, authorisedBy: X, "
                + "date: 2026-10-01, reason: renewed}\n";
        AwardResult lifted = rules.evaluate(LearnerFiles.parse(allowed, "v.yaml", false), AS_OF).award("valid")
                .orElseThrow();
        assertTrue(lifted.eligible(), lifted::toString);
        assertEquals("B counted despite its expiry", lifted.exceptions().get(0).effect());
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> LearnerFiles.parse(
                text.replace("validUntil: 2026-11-27", "validUntil: 2023-01-01"), "v.yaml", false));
        assertEquals("credentials[1].validUntil: 2023-01-01 is before its issue date 2024-01-10",
                e.where() + ": " + e.problem());
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
            "{type: pardon, award: a, authorisedBy: X, date: 2026-01-01, reason: why} => exceptions[0].type: unknown value 'pardon'; expected one of waive | substitute | allow | allow-recency | allow-cap | modify",
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
