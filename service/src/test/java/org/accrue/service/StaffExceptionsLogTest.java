package org.accrue.service;

import org.accrue.learner.StaffException;
import org.accrue.service.log.Decision;
import org.accrue.service.log.DecisionLog;
import org.accrue.service.store.Database;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Staff exceptions are on the record: each proposal and decision is a record of the hash-chained log, committed
 * with the change to the table, and {@code audit verify} finds an exception approved, changed, added or removed
 * by writing to the table directly. On SQLite and PostgreSQL.
 */
class StaffExceptionsLogTest {
    static StaffExceptions.Proposal proposal(String id, String learner, String by) {
        return new StaffExceptions.Proposal(id, learner, StaffException.Type.WAIVE, "scqf-pgcert", "total", null,
                "RPL panel", by, Instant.parse("2026-11-29T10:00:00.123Z"), StaffExceptions.Status.PENDING, null,
                null, null);
    }

    static void sql(Database db, String statement) throws Exception {
        try (Connection c = db.connection(); Statement s = c.createStatement()) {
            s.executeUpdate(statement);
        }
    }

    /** Three exceptions: e1 approved by bob, e2 rejected by bob, e3 pending. */
    static StaffExceptions three(Database db, DecisionLog log) {
        StaffExceptions x = new StaffExceptions(db, log);
        for (String id : List.of("e1", "e2", "e3")) {
            x.propose(proposal(id, "L-1", "olive"), "sha256:abc");
        }
        assertTrue(x.decide(x.find("e1").orElseThrow(), StaffExceptions.Status.APPROVED, "bob",
                Instant.parse("2026-11-29T11:00:00Z"), "seen"));
        assertTrue(x.decide(x.find("e2").orElseThrow(), StaffExceptions.Status.REJECTED, "bob",
                Instant.parse("2026-11-29T11:00:00Z"), null));
        assertFalse(x.decide(x.find("e1").orElseThrow(), StaffExceptions.Status.REJECTED, "carol",
                Instant.parse("2026-11-29T12:00:00Z"), null), "a decided exception is not decided again");
        return x;
    }

    @ParameterizedTest
    @MethodSource("org.accrue.service.Databases#kinds")
    void eachProposalAndDecisionIsARecordOfTheChain(String kind) throws Exception {
        try (Database db = Database.open(Databases.fresh(kind)); DecisionLog log = new DecisionLog(db)) {
            StaffExceptions x = three(db, log);
            List<String> kinds = log.exceptionRecords().stream().map(d -> d.status().code() + " " + d.exceptions()
                    .get(0) + " " + d.by()).toList();
            assertEquals(List.of("exception-proposed e1 olive", "exception-proposed e2 olive",
                    "exception-proposed e3 olive", "exception-approved e1 bob", "exception-rejected e2 bob"), kinds);
            assertTrue(log.verify().ok(), log.verify().describe());
            assertNull(x.verify());
            Decision approval = log.exceptionRecords().get(3);
            assertEquals("seen", approval.reason());
            assertEquals(List.of("scqf-pgcert"), approval.awards());
        }
    }

    @ParameterizedTest
    @MethodSource("org.accrue.service.Databases#kinds")
    void anExceptionApprovedInTheTableIsFound(String kind) throws Exception {
        try (Database db = Database.open(Databases.fresh(kind)); DecisionLog log = new DecisionLog(db)) {
            StaffExceptions x = three(db, log);
            sql(db, "UPDATE staff_exceptions SET status = 'approved', decided_by = 'mallory', "
                    + "decided_at = '2026-11-29T13:00:00Z' WHERE id = 'e3'");
            assertTrue(log.verify().ok(), "the chain itself is untouched");
            assertEquals("staff exception e3 is approved by mallory in the table, but the log has it pending: "
                    + "changed outside the service", x.verify());
        }
    }

    @ParameterizedTest
    @MethodSource("org.accrue.service.Databases#kinds")
    void anApprovedExceptionChangedInTheTableIsFound(String kind) throws Exception {
        try (Database db = Database.open(Databases.fresh(kind)); DecisionLog log = new DecisionLog(db)) {
            StaffExceptions x = three(db, log);
            sql(db, "UPDATE staff_exceptions SET award = 'scqf-masters' WHERE id = 'e1'");
            assertTrue(x.verify().startsWith("staff exception e1 no longer matches its proposal on the log (record "),
                    x.verify());
        }
        try (Database db = Database.open(Databases.fresh(kind)); DecisionLog log = new DecisionLog(db)) {
            StaffExceptions x = three(db, log);
            sql(db, "UPDATE staff_exceptions SET decided_by = 'carol' WHERE id = 'e1'");
            assertTrue(x.verify().startsWith("staff exception e1 is approved by carol in the table, but the log has it "
                    + "approved by bob (record "), x.verify());
        }
    }

    @ParameterizedTest
    @MethodSource("org.accrue.service.Databases#kinds")
    void anExceptionAddedOrRemovedInTheTableIsFound(String kind) throws Exception {
        try (Database db = Database.open(Databases.fresh(kind)); DecisionLog log = new DecisionLog(db)) {
            StaffExceptions x = three(db, log);
            sql(db, "INSERT INTO staff_exceptions (id, learner_id, type, award, requirement, reason, proposed_by, "
                    + "proposed_at, status, decided_by, decided_at) VALUES ('e9', 'L-1', 'waive', 'scqf-pgcert', "
                    + "'total', 'x', 'olive', '2026-11-29T14:00:00Z', 'approved', 'bob', '2026-11-29T14:00:00Z')");
            assertEquals("staff exception e9 is not on the log: added outside the service", x.verify());
        }
        try (Database db = Database.open(Databases.fresh(kind)); DecisionLog log = new DecisionLog(db)) {
            StaffExceptions x = three(db, log);
            sql(db, "DELETE FROM staff_exceptions WHERE id = 'e2'");
            assertTrue(x.verify().startsWith("staff exception e2 is on the log (record "), x.verify());
        }
    }
}
