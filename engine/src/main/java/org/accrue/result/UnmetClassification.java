package org.accrue.result;

import java.util.List;

/**
 * A classification a credential does not meet, with every criterion it misses.
 *
 * @param missing  the criteria in words, in order
 * @param criteria the same criteria as stable codes ({@code awarding-body}, {@code study-hours}), in code order
 */
public record UnmetClassification(String classification, List<String> missing, List<String> criteria) {
    public UnmetClassification {
        missing = List.copyOf(missing);
        criteria = List.copyOf(criteria);
    }
}
