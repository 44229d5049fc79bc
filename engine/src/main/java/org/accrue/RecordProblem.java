package org.accrue;

/**
 * Something in a learner record that does not fit a rule set (a staff exception for an award it does not
 * define, more credentials than its limit), at the record's field.
 *
 * @param where   the field path, such as {@code exceptions[0].award}
 * @param problem what is wrong, in words; printable
 */
public record RecordProblem(String where, String problem) {
    /** {@code where: problem}. */
    @Override
    public String toString() {
        return where + ": " + problem;
    }
}
