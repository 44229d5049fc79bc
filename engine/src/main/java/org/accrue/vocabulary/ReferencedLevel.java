package org.accrue.vocabulary;

/**
 * A credential's level once referenced to SCQF (and EQF, 0 where none). Inserted by framework rules.
 *
 * @param explanation how the level was reached, in words
 */
public record ReferencedLevel(String credential, int scqf, int eqf, String explanation) {
}
