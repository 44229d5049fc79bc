package org.accrue.result;

import java.time.LocalDate;

/**
 * A staff exception for this award, as the learner file gives it, and what it did.
 *
 * @param type   waive, substitute or allow (written in JSON in lower case)
 * @param used   true when the verdict or the allocation depends on it: a waived requirement that was not
 *               otherwise met, a substitute or allowed credential that was counted where the rules alone
 *               would not count it
 * @param effect what it did, in words
 * @param proposedBy who proposed it when that was someone other than {@code authorisedBy}; left out of JSON when
 *                   not recorded
 */
public record AppliedException(org.accrue.learner.StaffException.Type type, String requirement, String credential, String authorisedBy,
                               LocalDate date, String reason, boolean used, String effect,
                               @com.fasterxml.jackson.annotation.JsonInclude(
                                       com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
                               String proposedBy,
                               @com.fasterxml.jackson.annotation.JsonInclude(
                                       com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
                               java.math.BigDecimal minimum) {

    /** An exception with no new minimum (any but {@code modify}). */
    public AppliedException(org.accrue.learner.StaffException.Type type, String requirement, String credential,
                            String authorisedBy, LocalDate date, String reason, boolean used, String effect,
                            String proposedBy) {
        this(type, requirement, credential, authorisedBy, date, reason, used, effect, proposedBy, null);
    }

    /** An exception with no separate proposer on record. */
    public AppliedException(org.accrue.learner.StaffException.Type type, String requirement, String credential,
                            String authorisedBy, LocalDate date, String reason, boolean used, String effect) {
        this(type, requirement, credential, authorisedBy, date, reason, used, effect, null, null);
    }
}
