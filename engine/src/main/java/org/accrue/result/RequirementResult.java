package org.accrue.result;

import java.math.BigDecimal;

/**
 * One requirement of an award. Minimums ({@code requirement}, {@code total}, {@code level}) have a
 * {@code need}; a {@code cap} has a {@code max} instead.
 *
 * @param id          {@code total}, {@code level-N-or-above}, {@code max-<routes>}, or a named requirement
 * @param kind        {@code requirement}, {@code credentials}, {@code total}, {@code level} or {@code cap}
 * @param description what it asks, in words
 * @param have        SCQF points counted toward it
 * @param need        the minimum, or null for a cap
 * @param max         the maximum for a cap, otherwise null
 * @param waived      true when a staff exception waives it (it is then met whatever it has)
 */
public record RequirementResult(
        String id,
        String kind,
        String description,
        boolean met,
        BigDecimal have,
        BigDecimal need,
        BigDecimal max,
        boolean waived) {
}
