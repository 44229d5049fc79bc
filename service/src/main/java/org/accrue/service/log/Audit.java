package org.accrue.service.log;

import org.accrue.io.Sha256;
import org.accrue.service.store.Database;
import org.accrue.service.store.StoreException;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * What walking the decision log found: how many records were checked, the head's hash (worth writing down
 * elsewhere: a log cut back and re-chained by someone with write access to the database can only be caught
 * against a head recorded outside it), and the first record that was altered, inserted or removed.
 *
 * @param problem the first problem in one line, naming the record; null when the chain verifies
 */
public record Audit(long checked, long headSeq, String headHash, Long badSeq, String badId, String problem) {

    public boolean ok() {
        return problem == null;
    }

    /** The line {@code accrue audit verify} prints. */
    public String describe() {
        return ok() ? "decision log verified: " + checked + " record" + (checked == 1 ? "" : "s") + ", head "
                + headSeq + ":" + headHash : "decision log NOT verified: " + problem;
    }

    static Audit of(Database db) {
        long headSeq;
        String headHash;
        try (Connection c = db.connection()) {
            c.setAutoCommit(false);
            try (PreparedStatement s = c.prepareStatement("SELECT seq, hash FROM chain_head WHERE one = 1");
                 ResultSet r = s.executeQuery()) {
                if (!r.next()) {
                    return new Audit(0, 0, null, null, null, "the chain head is missing");
                }
                headSeq = r.getLong(1);
                headHash = r.getString(2);
            }
            long expected = 1;
            String prev = Chain.START;
            long checked = 0;
            try (PreparedStatement s = c.prepareStatement("SELECT seq, id, at, by_name, learner_id, as_of, awards, "
                    + "rule_set, status, reason, verdicts, exceptions, media_type, input_sha256, input, "
                    + "result_sha256, result, prev_hash, hash FROM decisions ORDER BY seq")) {
                s.setFetchSize(500);
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        long seq = r.getLong("seq");
                        String id = r.getString("id");
                        String where = "record " + seq + " (" + id + ")";
                        if (seq > expected) {
                            return bad(checked, headSeq, headHash, expected, null, "record " + expected
                                    + (seq == expected + 1 ? " is" : " to " + (seq - 1) + " are")
                                    + " missing: removed from the log");
                        }
                        if (seq < expected) {
                            return bad(checked, headSeq, headHash, seq, id, where + " is a second record "
                                    + seq + ": inserted");
                        }
                        if (!prev.equals(r.getString("prev_hash"))) {
                            return bad(checked, headSeq, headHash, seq, id, where + " does not follow record "
                                    + (seq - 1) + ": inserted, or the record before it was altered");
                        }
                        String hash = Chain.hash(prev, seq, id, r.getString("at"), r.getString("by_name"),
                                r.getString("learner_id"), r.getString("as_of"), r.getString("awards"),
                                r.getString("rule_set"), r.getString("status"), r.getString("reason"),
                                r.getString("verdicts"), r.getString("exceptions"), r.getString("media_type"),
                                r.getString("input_sha256"), r.getString("result_sha256"));
                        if (!hash.equals(r.getString("hash"))) {
                            return bad(checked, headSeq, headHash, seq, id, where + " was altered: its fields no "
                                    + "longer give its hash");
                        }
                        String input = r.getString("input");
                        if (input != null && !r.getString("input_sha256").equals(sha(input))) {
                            return bad(checked, headSeq, headHash, seq, id, where + " was altered: its stored "
                                    + "input no longer has the SHA-256 the record gives");
                        }
                        String result = r.getString("result");
                        if (result != null && !r.getString("result_sha256").equals(sha(result))) {
                            return bad(checked, headSeq, headHash, seq, id, where + " was altered: its stored "
                                    + "result no longer has the SHA-256 the record gives");
                        }
                        prev = hash;
                        expected = seq + 1;
                        checked++;
                    }
                }
            } finally {
                c.rollback();
            }
            if (headSeq != expected - 1) {
                return headSeq > expected - 1
                        ? bad(checked, headSeq, headHash, expected, null, "records " + expected + " to " + headSeq
                        + " are missing: removed from the end of the log")
                        : bad(checked, headSeq, headHash, headSeq + 1, null, "records after " + headSeq
                        + " are not in the chain head: inserted");
            }
            if (!headHash.equals(prev)) {
                return bad(checked, headSeq, headHash, headSeq, null, "the chain head does not match record "
                        + headSeq + ": the head or the last record was altered");
            }
            return new Audit(checked, headSeq, headHash, null, null, null);
        } catch (SQLException e) {
            throw new StoreException("the decision log cannot be read: " + e.getMessage(), e);
        }
    }

    /** The SHA-256 of a stored input or result as it was written; null when it no longer decodes. */
    private static String sha(String stored) {
        try {
            return Sha256.hex(Stored.decode(stored));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static Audit bad(long checked, long headSeq, String headHash, long seq, String id, String problem) {
        return new Audit(checked, headSeq, headHash, seq, id, problem);
    }
}
