package org.accrue.vocabulary;

import java.math.BigDecimal;

/** An award needs at least {@code minPoints} of its counted points at SCQF level {@code scqfLevel} or above. */
public record CreditAtLevel(String award, BigDecimal minPoints, int scqfLevel) implements AwardFact {
    public CreditAtLevel(String award, int minPoints, int scqfLevel) {
        this(award, BigDecimal.valueOf(minPoints), scqfLevel);
    }

    /** The requirement id this constraint is reported under. */
    public String id() {
        return "level-" + scqfLevel + "-or-above";
    }
}
