package org.accrue;

/**
 * One problem with a rule set, at a place in a rule file.
 *
 * @param file   the rule file as the user named it, or null for the rule set as a whole
 * @param line   1-based line, or 0 when unknown
 * @param column 1-based column, or 0 when unknown
 */
public record RuleProblem(String file, int line, int column, String message) {

    /** {@code file:line:column: message}, leaving out what is unknown; printable (no control characters). */
    @Override
    public String toString() {
        StringBuilder b = new StringBuilder();
        if (file != null) {
            b.append(file).append(':');
            if (line > 0) {
                b.append(line).append(':');
                if (column > 0) {
                    b.append(column).append(':');
                }
            }
            b.append(' ');
        }
        return org.accrue.report.Printable.visible(b.append(message).toString());
    }
}
