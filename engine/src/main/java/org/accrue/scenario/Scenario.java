package org.accrue.scenario;

import org.accrue.learner.LearnerRecord;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * One rule test: given a learner's credentials as of a date, the expected outcome for some awards.
 *
 * @param where the file and the scenario's position, for messages
 */
public record Scenario(String name, String where, LocalDate asOf, LearnerRecord learner, List<Expectation> expect) {

    /**
     * What one award should come to. Null fields are not checked.
     *
     * @param requirements expected have/need per requirement id
     * @param counted      expected requirement per credential id ({@code general}, {@code core}, or
     *                     {@code not counted})
     */
    public record Expectation(String award, Boolean eligible, Map<String, Amounts> requirements,
                              Map<String, String> counted) {
    }

    /** Expected have and need of a requirement; either may be null. */
    public record Amounts(BigDecimal have, BigDecimal need) {
    }
}
