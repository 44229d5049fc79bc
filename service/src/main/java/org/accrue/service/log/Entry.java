package org.accrue.service.log;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * A decision to append to the log, before it has a place: {@link DecisionLog#append} gives it its number and
 * hashes. Field meanings as in {@link Decision}.
 */
public record Entry(String id, Instant at, String by, String learnerId, LocalDate asOf, List<String> awards,
                    String ruleSet, Decision.Status status, String reason, Map<String, String> verdicts,
                    List<String> exceptions, String mediaType, byte[] input, String result) {
    public Entry {
        awards = List.copyOf(awards);
        verdicts = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(verdicts));
        exceptions = List.copyOf(exceptions);
        at = at.truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
    }
}
