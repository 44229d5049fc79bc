package org.accrue.vocabulary;

import java.math.BigDecimal;

/** An award needs at least {@code minPoints} SCQF points counted in all. */
public record TotalCredit(String award, BigDecimal minPoints) implements AwardFact {
    public TotalCredit(String award, int minPoints) {
        this(award, BigDecimal.valueOf(minPoints));
    }
}
