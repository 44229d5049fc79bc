package org.accrue.vocabulary;

import java.math.BigDecimal;

/**
 * A named requirement of an award that credit is counted toward, such as {@code core}: at least
 * {@code minPoints} SCQF points from credentials that {@link MayCount} toward it. A credential counts toward
 * one requirement of an award at most.
 */
public record Requirement(String award, String id, BigDecimal minPoints, String description) {
    public Requirement(String award, String id, int minPoints, String description) {
        this(award, id, BigDecimal.valueOf(minPoints), description);
    }
}
