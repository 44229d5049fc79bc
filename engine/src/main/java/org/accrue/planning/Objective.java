package org.accrue.planning;

import java.util.Locale;

/** What a plan minimises: its price, its learning hours, or its number of items. */
public enum Objective {
    COST, HOURS, COUNT;

    /** The word used on the command line and in JSON. */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The objective a word names ({@code cost}, {@code hours}, {@code count}), if any. */
    public static java.util.Optional<Objective> of(String word) {
        for (Objective o : values()) {
            if (o.word().equals(word)) {
                return java.util.Optional.of(o);
            }
        }
        return java.util.Optional.empty();
    }
}
