package org.accrue.result;

import java.math.BigDecimal;

/**
 * One requirement of an award. Minimums ({@code requirement}, {@code total}, {@code level}) have a
 * {@code need}; a {@code cap} has a {@code max} instead.
 *
 * @param id          {@code total}, {@code level-N-or-above}, {@code max-<routes>}, or a named requirement
 * @param kind        what sort of requirement it is; written in JSON in lower case
 * @param description what it asks, in words
 * @param have        SCQF points counted toward it
 * @param need        the minimum, or null for a cap
 * @param max         the maximum for a cap, otherwise null
 * @param waived      true when a staff exception waives it (it is then met whatever it has)
 */
public record RequirementResult(
        String id,
        Kind kind,
        String description,
        boolean met,
        BigDecimal have,
        BigDecimal need,
        BigDecimal max,
        boolean waived) {

    /** The sorts of requirement an award can set. */
    public enum Kind {
        /** At least so many SCQF points of the credit the rules let count toward it. */
        REQUIREMENT,
        /** At least so many credentials the rules let count toward it (named modules). */
        CREDENTIALS,
        /** At least so many SCQF points in all. */
        TOTAL,
        /** At least so many SCQF points at a level or above. */
        LEVEL,
        /** At most so many SCQF points by some routes. */
        CAP,
        /** Credit from at least so many different awarding bodies (for the award, or one requirement). */
        BODIES,
        /** A personal award's share of counted credit in the theme the learner declares, in SCQF points. */
        THEME
    }
}
