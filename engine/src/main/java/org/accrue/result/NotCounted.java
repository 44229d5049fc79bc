package org.accrue.result;

/**
 * A credential that did not count toward an award: why, as a code a service or a summary can count, and in
 * words.
 */
public record NotCounted(String credential, Reason code, String reason) {
    /** Why a credential did not count; written in JSON as {@code no-credit}, {@code too-old}, ... */
    public enum Reason {
        /** It carries no credit at all (see the credential's own result for why). */
        NO_CREDIT,
        /** The award has a recency limit and the credential states no issue date. */
        NO_ISSUE_DATE,
        /** Issued before the award's recency limit allows. */
        TOO_OLD,
        /** No rule of this award lets it count, toward a requirement or as general credit. */
        NO_RULE,
        /** A cap on its route is reached; other credit counted in its place. */
        CAP_REACHED,
        /** Its credit was used for an award already conferred, which this award does not share. */
        ALREADY_USED,
        /** Its credential's validity ended before the as-of date, and the award counts credit only while valid. */
        EXPIRED,
        /** The award is personal, and the learner's claim for it does not name this credential (or there is none). */
        NOT_CLAIMED
    }
}
