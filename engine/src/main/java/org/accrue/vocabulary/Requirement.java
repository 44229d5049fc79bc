package org.accrue.vocabulary;

import java.math.BigDecimal;

/**
 * A named requirement of an award that credit is counted toward, such as {@code core}: at least
 * {@code minPoints} SCQF points, and at least {@code minCredentials} credentials, from credentials that
 * {@link MayCount} toward it. A credential counts toward one requirement of an award at most.
 *
 * @param module for a requirement met by a named internal module ({@link #module(String, String, String)}): the
 *               module; a credential an equivalence row maps to it (exemption, or credit granted) may count toward
 *               it, whatever its points; null otherwise
 */
public record Requirement(String award, String id, BigDecimal minPoints, int minCredentials, String description,
                          String module) implements AwardFact {

    public Requirement(String award, String id, BigDecimal minPoints, int minCredentials, String description) {
        this(award, id, minPoints, minCredentials, description, null);
    }

    public Requirement {
        if (minPoints.signum() > 0 && minCredentials > 0) {
            throw new IllegalArgumentException("requirement '" + id + "' of award '" + award
                    + "' needs either points or a number of credentials, not both");
        }
    }

    public Requirement(String award, String id, BigDecimal minPoints, String description) {
        this(award, id, minPoints, 0, description);
    }

    public Requirement(String award, String id, int minPoints, String description) {
        this(award, id, BigDecimal.valueOf(minPoints), 0, description);
    }

    /**
     * A requirement met by the internal module {@code module}: by one credential that is the module or that an
     * equivalence row maps to it, whatever its points (the row exempts the learner from the module).
     */
    public static Requirement module(String award, String id, String module) {
        return new Requirement(award, id, BigDecimal.ZERO, 1, "module " + module, module);
    }

    /** A requirement met by a number of credentials, whatever their points: a required module, say. */
    public static Requirement credentials(String award, String id, int minCredentials, String description) {
        return new Requirement(award, id, BigDecimal.ZERO, minCredentials, description);
    }
}
