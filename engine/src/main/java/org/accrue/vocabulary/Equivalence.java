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
}
