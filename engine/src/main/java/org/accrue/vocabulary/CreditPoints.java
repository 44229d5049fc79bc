package org.accrue.vocabulary;

import java.math.BigDecimal;

/**
 * A credential's credit in SCQF credit points. Inserted by framework rules; at most one per credential.
 *
 * @param explanation how the points were reached, in words ("10 ECTS x 2 = 20 SCQF points")
 */
public record CreditPoints(String credential, BigDecimal scqfPoints, String explanation) {
}
