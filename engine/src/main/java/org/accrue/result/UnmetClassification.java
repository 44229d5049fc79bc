package org.accrue.result;

import java.util.List;

/** A classification a credential does not meet, with every criterion it misses. */
public record UnmetClassification(String classification, List<String> missing) {
    public UnmetClassification {
        missing = List.copyOf(missing);
    }
}
