package org.accrue.vocabulary;

/**
 * An award the rule set defines, such as {@code scqf-pgcert}.
 *
 * @param scqfLevel the award's SCQF level, for display
 */
public record Award(String id, String title, int scqfLevel) implements AwardFact {
    /** An award defines itself: its own id. */
    @Override
    public String award() {
        return id;
    }

}
