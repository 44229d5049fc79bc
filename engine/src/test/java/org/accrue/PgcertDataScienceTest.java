package org.accrue;

import org.accrue.learner.LearnerRecord;
import org.accrue.learner.Route;
import org.accrue.result.AwardResult;
import org.accrue.result.Counted;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.accrue.Learners.credential;
import static org.accrue.Learners.learner;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The stacked award pgcert-data-science: requirements, allocation, recency and the transfer/RPL cap. */
class PgcertDataScienceTest {
    static final String AWARD = "pgcert-data-science";
    static final LocalDate AS_OF = LocalDate.of(2026, 11, 28);

    static AwardResult evaluate(LearnerRecord learner) {
        return evaluate(learner, AS_OF);
    }

    static AwardResult evaluate(LearnerRecord learner, LocalDate asOf) {
        return DefaultRules.get().evaluate(learner, asOf, Set.of(AWARD)).award(AWARD).orElseThrow();
    }

    static Map<String, String> allocation(AwardResult r) {
        return r.counted().stream().collect(Collectors.toMap(Counted::credential, Counted::requirement));
    }

    @Test
    void fourShortCoursesStackToTheCertificate() {
        AwardResult r = evaluate(learner(
                credential("A").scqf(15, 11).subjects("data-science"),
                credential("B").scqf(15, 11).subjects("data-science"),
                credential("C").scqf(15, 11).subjects("statistics"),
                credential("D").scqf(15, 10).subjects("ethics")));
        assertTrue(r.eligible(), r::toString);
        assertEquals(Map.of("A", "core", "B", "core", "C", "methods", "D", "general"), allocation(r));
        assertEquals(new BigDecimal("45"), r.requirement("level-11-or-above").orElseThrow().have());
        assertEquals(List.of(), r.missing());
    }

    /** The case a first-fit allocation gets wrong: A could fill core, but only A can fill methods. */
    @Test
    void searchesForAnAllocationInsteadOfTakingTheFirst() {
        AwardResult r = evaluate(learner(
                credential("A").scqf(15, 11).subjects("data-science", "statistics"),
                credential("B").scqf(15, 11).subjects("data-science"),
                credential("C").scqf(15, 11).subjects("data-science"),
                credential("D").scqf(15, 11)));
        assertTrue(r.eligible(), r::toString);
        assertEquals("methods", allocation(r).get("A"));
        assertEquals("core", allocation(r).get("B"));
        assertEquals("core", allocation(r).get("C"));
    }

    @Test
    void aCredentialCountsTowardCoreOrMethodsNeverBoth() {
        // 30 points tagged both cannot meet core (30) and methods (15) at once
        AwardResult r = evaluate(learner(
                credential("A").scqf(30, 11).subjects("data-science", "statistics"),
                credential("B").scqf(30, 11)));
        assertFalse(r.eligible());
        long countedA = r.counted().stream().filter(c -> c.credential().equals("A")).count();
        assertEquals(1, countedA);
        BigDecimal core = r.requirement("core").orElseThrow().have();
        BigDecimal methods = r.requirement("methods").orElseThrow().have();
        assertEquals(new BigDecimal("30"), core.add(methods));
    }

    @Test
    void researchMethodsCreditFillsMethods() {
        AwardResult r = evaluate(learner(
                credential("A").scqf(30, 11).subjects("data-science"),
                credential("B").scqf(15, 11).subjects("research-methods"),
                credential("C").scqf(15, 9)));
        assertTrue(r.eligible(), r::toString);
        assertEquals("methods", allocation(r).get("B"));
    }

    @Test
    void needsFortyPointsAtLevel11() {
        AwardResult r = evaluate(learner(
                credential("A").scqf(30, 11).subjects("data-science"),
                credential("B").scqf(15, 10).subjects("statistics"),
                credential("C").scqf(15, 10)));
        assertFalse(r.eligible());
        assertEquals(List.of("10 more SCQF points at SCQF level 11 or above (have 30, need 40)"), r.missing());
    }

    /** Evaluated 2026-11-28: the earliest issue date that counts is 2021-11-28. */
    @ParameterizedTest(name = "core credit issued {0}: eligible {1}")
    @CsvSource({"2021-11-28, true", "2021-11-27, false", "2026-11-28, true"})
    void recencyCountsBackFiveYearsToTheSameCalendarDate(String issued, boolean eligible) {
        AwardResult r = evaluate(learner(
                credential("A").scqf(30, 11).subjects("data-science").issued(issued),
                credential("B").scqf(15, 11).subjects("statistics"),
                credential("C").scqf(15, 11)));
        assertEquals(eligible, r.eligible(), r::toString);
        if (!eligible) {
            assertEquals("issued 2021-11-27, before 2021-11-28 (credit must be no more than 5 years old)",
                    r.notCounted().get(0).reason());
        }
    }

    @Test
    void recencyFromALeapDayClampsToTheLastDayOfFebruary() {
        LearnerRecord l = learner(
                credential("A").scqf(30, 11).subjects("data-science").issued("2023-02-28"),
                credential("B").scqf(15, 11).subjects("statistics").issued("2024-01-01"),
                credential("C").scqf(15, 11).issued("2024-01-01"));
        assertTrue(evaluate(l, LocalDate.of(2028, 2, 29)).eligible());
        assertFalse(evaluate(l, LocalDate.of(2028, 3, 1)).eligible());
    }

    @Test
    void aCredentialWithNoIssueDateCannotShowItIsRecent() {
        AwardResult r = evaluate(learner(
                credential("A").scqf(30, 11).subjects("data-science").issued(null),
                credential("B").scqf(15, 11).subjects("statistics"),
                credential("C").scqf(15, 11)));
        assertFalse(r.eligible());
        assertEquals("states no issue date; credit must be issued on or after 2021-11-28", r.notCounted().get(0).reason());
    }

    @ParameterizedTest(name = "{0} points by transfer/RPL: eligible {1}")
    @CsvSource({"30, true", "45, false"})
    void atMostThirtyPointsByTransferOrRpl(int priorPoints, boolean eligible) {
        AwardResult r = evaluate(learner(
                credential("A").scqf(15, 11).subjects("data-science").route(Route.RPL),
                credential("B").scqf(15, 11).subjects("data-science").route(Route.TRANSFER),
                credential("C").scqf(15, 11).subjects("statistics").route(priorPoints > 30 ? Route.TRANSFER : Route.TAUGHT),
                credential("D").scqf(15, 11)));
        assertEquals(eligible, r.eligible(), r::toString);
        assertTrue(r.requirement("max-rpl-transfer").orElseThrow().have().compareTo(new BigDecimal("30")) <= 0);
        if (!eligible) {
            // C is the credential the cap leaves out: A and B already fill it
            assertTrue(r.notCounted().stream().anyMatch(n -> n.reason().equals("counting all 15 SCQF points of C "
                    + "would take the rpl or transfer total to 45 of at most 30")), r::toString);
            assertTrue(r.missing().contains("methods: 15 more SCQF points of credit in statistics or research methods, "
                    + "none of them by rpl or transfer (that cap, 30 SCQF points, is full) (have 0, need 15)"),
                    r.missing().toString());
        }
    }

    @Test
    void theCapChoosesWhichPriorCreditToLeaveOut() {
        // Three 15-point transfer credits and room for two: leaving out the statistics one loses methods,
        // so the search leaves out one of the data-science ones and still meets core with taught credit.
        AwardResult r = evaluate(learner(
                credential("A").scqf(15, 11).subjects("data-science").route(Route.TRANSFER),
                credential("B").scqf(15, 11).subjects("data-science").route(Route.TRANSFER),
                credential("C").scqf(15, 11).subjects("statistics").route(Route.TRANSFER),
                credential("D").scqf(15, 11).subjects("data-science"),
                credential("E").scqf(15, 11)));
        assertTrue(r.eligible(), r::toString);
        assertEquals("methods", allocation(r).get("C"));
        assertEquals(new BigDecimal("30"), r.requirement("max-rpl-transfer").orElseThrow().have());
    }

    @Test
    void resultNamesTheRulesThatDefinedTheAwardAndLetCreditCount() {
        AwardResult r = evaluate(learner(credential("A").scqf(15, 11).subjects("data-science")));
        // the definition says any credit is general credit; the rule for core fired for credential A
        assertEquals(List.of("pgcert-data-science: Postgraduate Certificate in Data Science",
                "pgcert-data-science: data science credit may count toward core"), r.rules());
    }
}
