package org.accrue.learner;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * An exception to an award's rules that registry staff authorised for this learner, as degree-audit systems
 * have them. Every exception names who authorised it, when, and why.
 *
 * @param requirement the requirement waived, modified, or filled by a substitute (null for the allowances)
 * @param credential  the credential substituted or allowed (null for {@code waive} and {@code modify})
 * @param proposedBy  who proposed it, when someone other than {@code authorisedBy} did (four eyes: the registry
 *                    service records the proposing officer here and the approving one as {@code authorisedBy});
 *                    null when not recorded
 * @param minimum     for {@code modify}, the requirement's new minimum (points, or credentials for a requirement
 *                    of a number of credentials); null otherwise
 */
public record StaffException(Type type, String award, String requirement, String credential,
                             String authorisedBy, LocalDate date, String reason, String proposedBy,
                             BigDecimal minimum) {

    /** An exception with no new minimum (any but {@code modify}). */
    public StaffException(Type type, String award, String requirement, String credential, String authorisedBy,
                          LocalDate date, String reason, String proposedBy) {
        this(type, award, requirement, credential, authorisedBy, date, reason, proposedBy, null);
    }

    /** An exception with no separate proposer on record. */
    public StaffException(Type type, String award, String requirement, String credential, String authorisedBy,
                          LocalDate date, String reason) {
        this(type, award, requirement, credential, authorisedBy, date, reason, null, null);
    }

    public enum Type {
        /** The requirement counts as met. */
        WAIVE,
        /** The credential may count toward the requirement, whatever the rules say it may count toward. */
        SUBSTITUTE,
        /** The credential counts although a recency limit, its expiry or a cap would leave it out. */
        ALLOW,
        /** The credential counts although the recency limit or its expiry would leave it out; caps still apply. */
        ALLOW_RECENCY,
        /** The credential counts although a cap would leave it out; time limits still apply. */
        ALLOW_CAP,
        /** The requirement's minimum is {@code minimum} for this learner instead of the rules' (6 credits to 4). */
        MODIFY;

        /** Whether it lifts the recency limit and expiry for its credential. */
        public boolean liftsTime() {
            return this == ALLOW || this == ALLOW_RECENCY;
        }

        /** Whether it lifts caps for its credential. */
        public boolean liftsCaps() {
            return this == ALLOW || this == ALLOW_CAP;
        }

        /** Whether it names a requirement (else a credential alone). */
        public boolean namesRequirement() {
            return this == WAIVE || this == SUBSTITUTE || this == MODIFY;
        }

        /** Whether it names a credential. */
        public boolean namesCredential() {
            return this != WAIVE && this != MODIFY;
        }
    }
}
