package org.accrue.planning;

import java.math.BigDecimal;
import java.util.List;

/**
 * A set of catalogue items that, added to what the learner holds, makes them eligible.
 *
 * @param items the items' ids, in id order
 * @param cost  their total price in the catalogue's currency
 * @param hours their total learning hours (items that state none add nothing)
 * @param count how many items
 */
public record Plan(List<String> items, BigDecimal cost, BigDecimal hours, int count) {
    public Plan {
        items = List.copyOf(items);
    }
}
