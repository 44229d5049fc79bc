package org.accrue.service;

import org.accrue.learner.StaffException;
import org.accrue.service.store.Database;
import org.accrue.service.store.StoreException;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The service's staff exceptions, four eyes: one person proposes (officer or above, with a reason), another
 * approves or rejects (approver or above, never the author). From approval on, every evaluation of the learner
 * applies it; a decided exception never changes again.
 */
public final class StaffExceptions {
    /** Where an exception stands. */
    public enum Status { PENDING, APPROVED, REJECTED;

        public String code() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * One exception as proposed, and what became of it.
     *
     * @param decidedBy who approved or rejected it; null while pending
     * @param note      the approver's or rejecter's note; may be null
     */
    public record Proposal(String id, String learnerId, StaffException.Type type, String award, String requirement,
                           String credential, String reason, String proposedBy, Instant proposedAt, Status status,
                           String decidedBy, Instant decidedAt, String note) {

        /** As the engine applies it: the approver authorised it, on the day of approval; the author proposed it. */
        public StaffException asApplied() {
            return new StaffException(type, award, requirement, credential, decidedBy,
                    LocalDate.ofInstant(decidedAt, ZoneOffset.UTC), reason, proposedBy);
        }
    }

    private static final String COLUMNS = "id, learner_id, type, award, requirement, credential, reason, "
            + "proposed_by, proposed_at, status, decided_by, decided_at, note";

    private final Database db;

    public StaffExceptions(Database db) {
        this.db = db;
    }

    /** Stores a pending proposal. */
    public Proposal propose(Proposal p) {
        try (Connection c = db.connection(); PreparedStatement s = c.prepareStatement("INSERT INTO staff_exceptions ("
                + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            s.setString(1, p.id());
            s.setString(2, p.learnerId());
            s.setString(3, p.type().name().toLowerCase(Locale.ROOT));
            s.setString(4, p.award());
            s.setString(5, p.requirement());
            s.setString(6, p.credential());
            s.setString(7, p.reason());
            s.setString(8, p.proposedBy());
            s.setString(9, p.proposedAt().toString());
            s.setString(10, Status.PENDING.code());
            s.setString(11, null);
            s.setString(12, null);
            s.setString(13, null);
            s.executeUpdate();
            return p;
        } catch (SQLException e) {
            throw new StoreException("staff exceptions cannot be written: " + e.getMessage(), e);
        }
    }

    /**
     * Approves or rejects a pending proposal; only from pending, so two approvers racing cannot both decide it.
     *
     * @return false when it was no longer pending
     */
    public boolean decide(String id, Status to, String by, Instant at, String note) {
        try (Connection c = db.connection(); PreparedStatement s = c.prepareStatement("UPDATE staff_exceptions "
                + "SET status = ?, decided_by = ?, decided_at = ?, note = ? WHERE id = ? AND status = 'pending'")) {
            s.setString(1, to.code());
            s.setString(2, by);
            s.setString(3, at.toString());
            s.setString(4, note);
            s.setString(5, id);
            return s.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new StoreException("staff exceptions cannot be written: " + e.getMessage(), e);
        }
    }

    public Optional<Proposal> find(String id) {
        return query("WHERE id = ?", id).stream().findFirst();
    }

    /** A learner's exceptions, oldest first. */
    public List<Proposal> forLearner(String learnerId) {
        return query("WHERE learner_id = ? ORDER BY proposed_at, id", learnerId);
    }

    /** A learner's approved exceptions, in the order they were approved. */
    public List<Proposal> approved(String learnerId) {
        return query("WHERE learner_id = ? AND status = 'approved' ORDER BY decided_at, id", learnerId);
    }

    private List<Proposal> query(String where, String arg) {
        try (Connection c = db.connection();
             PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM staff_exceptions " + where)) {
            s.setString(1, arg);
            List<Proposal> out = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    String decidedAt = r.getString("decided_at");
                    out.add(new Proposal(r.getString("id"), r.getString("learner_id"),
                            StaffException.Type.valueOf(r.getString("type").toUpperCase(Locale.ROOT)),
                            r.getString("award"), r.getString("requirement"), r.getString("credential"),
                            r.getString("reason"), r.getString("proposed_by"), Instant.parse(r.getString("proposed_at")),
                            Status.valueOf(r.getString("status").toUpperCase(Locale.ROOT)), r.getString("decided_by"),
                            decidedAt == null ? null : Instant.parse(decidedAt), r.getString("note")));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new StoreException("staff exceptions cannot be read: " + e.getMessage(), e);
        }
    }
}
