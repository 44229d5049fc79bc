package org.accrue.vocabulary;

import java.math.BigDecimal;

/**
 * A credit-transfer equivalence: the credential matches a row of an equivalence table, which maps it to an
 * internal module (specific credit) and may grant it credit of its own. Inserted by equivalence tables.
 *
 * @param scqfPoints the SCQF points the row grants, or null to keep the credential's own
 * @param row        which row matched, as the table's rule names it
 */
public record Equivalence(String credential, String module, BigDecimal scqfPoints, String row) {

    /**
     * A row as a table states what it grants: a number of SCQF points (the credential's credit becomes that), or
     * {@code exempt} (the credential stands for the module, whatever its points, and keeps its own credit).
     *
     * @throws IllegalArgumentException when the grant is neither
     */
    public static Equivalence of(String credential, String module, String grant, String row) {
        String g = grant == null ? "" : grant.strip();
        if (g.equalsIgnoreCase("exempt")) {
            return new Equivalence(credential, module, null, row);
        }
        try {
            BigDecimal points = new BigDecimal(g);
            if (points.signum() < 0) {
                throw new NumberFormatException();
            }
            return new Equivalence(credential, module, points, row);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("equivalence row '" + row + "' grants '" + g + "': a number of SCQF "
                    + "points, or 'exempt'");
        }
    }
}
