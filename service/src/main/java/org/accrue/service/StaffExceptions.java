package org.accrue.service;

import org.accrue.learner.StaffException;
import org.accrue.service.log.Decision;
import org.accrue.service.log.DecisionLog;
import org.accrue.service.log.Entry;
import org.accrue.service.store.Database;
import org.accrue.service.store.StoreException;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The service's staff exceptions, four eyes: one person proposes (officer or above, with a reason), another
 * approves or rejects (approver or above, never the author). From approval on, every evaluation of the learner
 * applies it; a decided exception never changes again. Each proposal and each decision is also a record of the
 * decision log, committed with it, so that {@code accrue audit verify} can tell an exception approved by
 * someone writing to the table from one approved here.
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
                           String decidedBy, Instant decidedAt, String note, java.math.BigDecimal minimum) {

        /** A proposal of any type but {@code modify}. */
        public Proposal(String id, String learnerId, StaffException.Type type, String award, String requirement,
                        String credential, String reason, String proposedBy, Instant proposedAt, Status status,
                        String decidedBy, Instant decidedAt, String note) {
            this(id, learnerId, type, award, requirement, credential, reason, proposedBy, proposedAt, status,
                    decidedBy, decidedAt, note, null);
        }

        /** As the engine applies it: the approver authorised it, on the day of approval; the author proposed it. */
        public StaffException asApplied() {
            return new StaffException(type, award, requirement, credential, decidedBy,
                    LocalDate.ofInstant(decidedAt, ZoneOffset.UTC), reason, proposedBy, minimum);
        }
    }

    /** A type as stored and shown: {@code allow-recency}. */
    public static String code(StaffException.Type type) {
        return org.accrue.report.JsonReport.code(type);
    }

    /** A type from its code ({@code allow-recency}; {@code allow_recency} is read too). */
    public static StaffException.Type type(String code) {
        return StaffException.Type.valueOf(code.strip().toUpperCase(Locale.ROOT).replace('-', '_'));
    }

    private static final String COLUMNS = "id, learner_id, type, award, requirement, credential, reason, "
            + "proposed_by, proposed_at, status, decided_by, decided_at, note, minimum";

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
            new com.fasterxml.jackson.databind.ObjectMapper();

    private final Database db;
    private final DecisionLog log;

    public StaffExceptions(Database db, DecisionLog log) {
        this.db = db;
        this.log = log;
    }

    /**
     * Stores a pending proposal, and its record on the decision log (the proposal as JSON is the record's input)
     * in the same transaction.
     *
     * @param ruleSet the rule set the proposal was checked against
     */
    public Proposal propose(Proposal p, String ruleSet) {
        log.record(c -> {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO staff_exceptions (" + COLUMNS
                    + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                s.setString(1, p.id());
                s.setString(2, p.learnerId());
                s.setString(3, code(p.type()));
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
                s.setString(14, p.minimum() == null ? null : p.minimum().toPlainString());
                s.executeUpdate();
            }
            return new Entry(UUID.randomUUID().toString(), p.proposedAt(), p.proposedBy(), p.learnerId(),
                    LocalDate.ofInstant(p.proposedAt(), ZoneOffset.UTC), List.of(p.award()), ruleSet,
                    Decision.Status.EXCEPTION_PROPOSED, null, Map.of(), List.of(p.id()), "application/json",
                    json(p).getBytes(StandardCharsets.UTF_8), null);
        });
        return p;
    }

    /** The proposal as the log keeps it. */
    private static String json(Proposal p) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("id", p.id());
        m.put("learner", p.learnerId());
        m.put("type", code(p.type()));
        m.put("award", p.award());
        m.put("requirement", p.requirement());
        m.put("credential", p.credential());
        m.put("reason", p.reason());
        if (p.minimum() != null) {
            m.put("minimum", p.minimum().toPlainString());
        }
        m.put("proposedBy", p.proposedBy());
        m.put("proposedAt", p.proposedAt().toString());
        try {
            return JSON.writeValueAsString(m);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("a map of strings is always JSON", e);
        }
    }

    /**
     * Approves or rejects a pending proposal, with its record on the log, in one transaction; only from pending,
     * so two approvers racing cannot both decide it.
     *
     * @return false when it was no longer pending
     */
    public boolean decide(Proposal p, Status to, String by, Instant at, String note) {
        Decision d = log.record(c -> {
            try (PreparedStatement s = c.prepareStatement("UPDATE staff_exceptions SET status = ?, decided_by = ?, "
                    + "decided_at = ?, note = ? WHERE id = ? AND status = 'pending'")) {
                s.setString(1, to.code());
                s.setString(2, by);
                s.setString(3, at.toString());
                s.setString(4, note);
                s.setString(5, p.id());
                if (s.executeUpdate() != 1) {
                    return null;
                }
            }
            return new Entry(UUID.randomUUID().toString(), at, by, p.learnerId(), LocalDate.ofInstant(at,
                    ZoneOffset.UTC), List.of(p.award()), "-", to == Status.APPROVED
                    ? Decision.Status.EXCEPTION_APPROVED : Decision.Status.EXCEPTION_REJECTED, note, Map.of(),
                    List.of(p.id()), null, null, null);
        });
        return d != null;
    }

    /**
     * Checks the table against the log: every exception has its proposal on the log, with the same fields, and
     * is pending, approved or rejected (by the same person) as the log's records say; none is on the log alone.
     * Run by {@code accrue audit verify} after the chain itself verifies.
     *
     * @return the first difference in one line, or null when they agree
     */
    public String verify() {
        Map<String, List<Decision>> records = new LinkedHashMap<>();
        for (Decision d : log.exceptionRecords()) {
            records.computeIfAbsent(d.exceptions().isEmpty() ? "" : d.exceptions().get(0), k -> new ArrayList<>()).add(d);
        }
        for (Proposal p : query("ORDER BY proposed_at, id", null)) {
            List<Decision> mine = records.remove(p.id());
            Decision proposed = mine == null ? null : mine.stream()
                    .filter(d -> d.status() == Decision.Status.EXCEPTION_PROPOSED).findFirst().orElse(null);
            if (proposed == null) {
                return "staff exception " + p.id() + " is not on the log: added outside the service";
            }
            if (proposed.input() == null || !json(p).equals(new String(proposed.input(), StandardCharsets.UTF_8))) {
                return "staff exception " + p.id() + " no longer matches its proposal on the log (record "
                        + proposed.seq() + "): changed outside the service";
            }
            Decision decided = mine.stream().filter(d -> d.status() != Decision.Status.EXCEPTION_PROPOSED)
                    .findFirst().orElse(null);
            Status logged = decided == null ? Status.PENDING
                    : decided.status() == Decision.Status.EXCEPTION_APPROVED ? Status.APPROVED : Status.REJECTED;
            if (p.status() != logged || (decided != null && !decided.by().equals(p.decidedBy()))) {
                return "staff exception " + p.id() + " is " + p.status().code()
                        + (p.decidedBy() == null ? "" : " by " + p.decidedBy()) + " in the table, but the log has it "
                        + logged.code() + (decided == null ? "" : " by " + decided.by() + " (record " + decided.seq()
                        + ")") + ": changed outside the service";
            }
        }
        for (Map.Entry<String, List<Decision>> left : records.entrySet()) {
            return "staff exception " + left.getKey() + " is on the log (record " + left.getValue().get(0).seq()
                    + ") but not in the table: removed outside the service";
        }
        return null;
    }

    public Optional<Proposal> find(String id) {
        return query("WHERE id = ?", id).stream().findFirst();
    }

    /** A learner's exceptions, oldest first. */
    public List<Proposal> forLearner(String learnerId) {
        return query("WHERE learner_id = ? ORDER BY proposed_at, id", learnerId);
    }

    /** Every pending exception, oldest first: what approvers have to decide. */
    public List<Proposal> pending() {
        return query("WHERE status = 'pending' ORDER BY proposed_at, id", null);
    }

    /** A learner's approved exceptions, in the order they were approved. */
    public List<Proposal> approved(String learnerId) {
        return query("WHERE learner_id = ? AND status = 'approved' ORDER BY decided_at, id", learnerId);
    }

    private List<Proposal> query(String where, String arg) {
        try (Connection c = db.connection();
             PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM staff_exceptions " + where)) {
            if (arg != null) {
                s.setString(1, arg);
            }
            List<Proposal> out = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    String decidedAt = r.getString("decided_at");
                    out.add(new Proposal(r.getString("id"), r.getString("learner_id"),
                            type(r.getString("type")),
                            r.getString("award"), r.getString("requirement"), r.getString("credential"),
                            r.getString("reason"), r.getString("proposed_by"), Instant.parse(r.getString("proposed_at")),
                            Status.valueOf(r.getString("status").toUpperCase(Locale.ROOT)), r.getString("decided_by"),
                            decidedAt == null ? null : Instant.parse(decidedAt), r.getString("note"),
                            r.getString("minimum") == null ? null : new java.math.BigDecimal(r.getString("minimum"))));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new StoreException("staff exceptions cannot be read: " + e.getMessage(), e);
        }
    }
}
