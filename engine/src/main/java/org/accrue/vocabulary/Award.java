package org.accrue.vocabulary;

/**
 * An award the rule set defines, such as {@code scqf-pgcert}.
 *
 * @param scqfLevel the award's SCQF level, for display
 * @param terms     the framework whose words the award's regulations use, and its results with them: {@code SCQF}
 *                  ("SCQF points", "SCQF level 11") or {@code FHEQ} ("credits", "FHEQ level 7"). Only the words
 *                  differ: credit is counted in SCQF points and levels either way, one UK credit being one point
 */
public record Award(String id, String title, int scqfLevel, String terms) implements AwardFact {
    /** The frameworks whose terms an award may be worded in. */
    public static final java.util.List<String> TERMS = java.util.List.of("SCQF", "FHEQ");

    /** An award worded in SCQF terms. */
    public Award(String id, String title, int scqfLevel) {
        this(id, title, scqfLevel, "SCQF");
    }

    /** An award defines itself: its own id. */
    @Override
    public String award() {
        return id;
    }
}
