package org.accrue.planning;

import java.util.Locale;

/** What a plan minimises: its price, its learning hours, or its number of items. */
public enum Objective {
    COST, HOURS, COUNT;

    /** The word used on the command line and in JSON. */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }
}
