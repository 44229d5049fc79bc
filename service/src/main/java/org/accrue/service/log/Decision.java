package org.accrue.service.log;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * One record of the decision log: an evaluation the service answered, an input it rejected, an erasure, or a
 * staff exception proposed, approved or rejected.
 *
 * @param seq          its place in the log, from 1, without gaps
 * @param id           the decision's id, as the API names it
 * @param at           when it was decided (UTC)
 * @param by           the user or token that asked
 * @param learnerId    the learner's id from the input; null when the input could not be read
 * @param awards       the awards asked for; empty for all
 * @param ruleSet      the rule set's hash ({@code sha256:...})
 * @param reason       for a rejection, the one-line message; for an erasure, what was erased
 * @param verdicts     award id to {@code eligible} or {@code not-eligible}; kept when the input is erased
 * @param exceptions   the ids of the service's staff exceptions applied
 * @param mediaType    the request's Content-Type, as given
 * @param inputSha256  SHA-256 of the input bytes; kept when the input is erased
 * @param input        the input bytes; null once erased
 * @param resultSha256 SHA-256 of the result JSON (UTF-8); null for a rejection
 * @param result       the result, exactly as {@code accrue evaluate --format json} writes it; null for a
 *                     rejection and once erased
 * @param erasedAt     when the input and result were erased; null while kept
 * @param prevHash     the hash of the record before (64 zeros for the first)
 * @param hash         SHA-256 over this record's fields and {@code prevHash}: see {@link Chain}
 */
public record Decision(long seq, String id, Instant at, String by, String learnerId, LocalDate asOf,
                       List<String> awards, String ruleSet, Status status, String reason,
                       Map<String, String> verdicts, List<String> exceptions, String mediaType, String inputSha256,
                       byte[] input, String resultSha256, String result, Instant erasedAt, String prevHash,
                       String hash) {

    /** What kind of record. */
    public enum Status {
        /** The input was evaluated; {@code result} holds the answer. */
        EVALUATED,
        /** The input was not evaluated; {@code reason} says why. */
        REJECTED,
        /** A learner's inputs were erased (personal data); {@code reason} says how many. */
        ERASURE,
        /** A staff exception was proposed: {@code input} is the proposal, {@code exceptions} its id. */
        EXCEPTION_PROPOSED,
        /** A staff exception was approved: {@code exceptions} names it, {@code reason} is the note. */
        EXCEPTION_APPROVED,
        /** A staff exception was rejected: {@code exceptions} names it, {@code reason} is the note. */
        EXCEPTION_REJECTED;

        /** {@code evaluated}, {@code rejected}, {@code erasure}, {@code exception-proposed}, ... */
        public String code() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }

        public static Status of(String code) {
            return valueOf(code.toUpperCase(java.util.Locale.ROOT).replace('-', '_'));
        }
    }

    /** True once the personal data (input and result) has been erased. */
    public boolean erased() {
        return erasedAt != null;
    }
}
