package org.accrue.result;

import java.math.BigDecimal;

/**
 * A credential counted toward an award.
 *
 * @param requirement the named requirement it fills, or {@code general} for general credit
 * @param scqfLevel   its SCQF level, 0 where unknown
 */
public record Counted(String credential, String requirement, BigDecimal points, int scqfLevel) {
    /** The requirement id reported for credit that fills no named requirement. */
    public static final String GENERAL = "general";
}
