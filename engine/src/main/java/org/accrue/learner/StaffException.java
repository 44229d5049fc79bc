package org.accrue.learner;

import java.time.LocalDate;

/**
 * An exception to an award's rules that registry staff authorised for this learner, as degree-audit systems
 * have them. Every exception names who authorised it, when, and why.
 *
 * @param requirement the requirement waived, or filled by a substitute (null for {@code allow})
 * @param credential  the credential substituted or allowed (null for {@code waive})
 * @param proposedBy  who proposed it, when someone other than {@code authorisedBy} did (four eyes: the registry
 *                    service records the proposing officer here and the approving one as {@code authorisedBy});
 *                    null when not recorded
 */
public record StaffException(Type type, String award, String requirement, String credential,
                             String authorisedBy, LocalDate date, String reason, String proposedBy) {

    /** An exception with no separate proposer on record. */
    public StaffException(Type type, String award, String requirement, String credential, String authorisedBy,
                          LocalDate date, String reason) {
        this(type, award, requirement, credential, authorisedBy, date, reason, null);
    }

    public enum Type {
        /** The requirement counts as met. */
        WAIVE,
        /** The credential may count toward the requirement, whatever the rules say it may count toward. */
        SUBSTITUTE,
        /** The credential counts although a recency limit or a cap would leave it out. */
        ALLOW
    }
}
