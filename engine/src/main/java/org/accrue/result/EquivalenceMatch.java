package org.accrue.result;

import java.math.BigDecimal;

/**
 * The equivalence-table row a credential matched: the internal module it gives specific credit for.
 *
 * @param row           the row, as the table's rule names it ({@code <table>_<spreadsheet row>})
 * @param grantedPoints SCQF points the row grants in place of the credential's own, or null
 */
public record EquivalenceMatch(String module, String row, BigDecimal grantedPoints) {
}
