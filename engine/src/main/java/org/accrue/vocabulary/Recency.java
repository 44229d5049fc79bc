package org.accrue.vocabulary;

import java.time.LocalDate;

/**
 * Every credential counted toward an award was issued on or after the same calendar date {@code years}
 * before the evaluation date. A credential with no issue date cannot show it and does not count.
 */
public record Recency(String award, int years) implements AwardFact {

    /** The earliest issue date that counts when evaluating as of {@code asOf}. */
    public LocalDate earliest(LocalDate asOf) {
        return asOf.minusYears(years);
    }
}
