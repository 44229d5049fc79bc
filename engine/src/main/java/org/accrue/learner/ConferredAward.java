package org.accrue.learner;

import java.time.LocalDate;
import java.util.List;

/**
 * An award already conferred on the learner, and the credentials whose credit it used. That credit is used once: it
 * does not count toward another award unless that award's rules share it ({@code SharesCredit}).
 *
 * @param award       the award's id
 * @param date        when it was conferred, or null
 * @param credentials the ids of the credentials it used, each in the record
 */
public record ConferredAward(String award, LocalDate date, List<String> credentials) {
    public ConferredAward {
        credentials = List.copyOf(credentials);
    }
}
