package org.accrue.planning;

import org.accrue.learner.Credential;
import org.accrue.learner.Participation;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * One micro-credential on offer: the credential a learner would hold after it (in the learner record's shape,
 * issued on the plan's date, taught unless it states a route), and what taking it involves.
 *
 * @param credential    the credential it leads to; its {@code issued} date is the plan's date
 * @param cost          the price as stated
 * @param price         the price in the catalogue's currency ({@link Catalogue#currency()}), to the cent
 * @param weeks         how long it runs, or null when not stated
 * @param starts        the dates it starts on, or empty when it can be started at any time
 * @param mode          how it is taken, or null when not stated
 * @param prerequisites the ids of items (or credentials by id or code) a learner must hold, or take in the same
 *                      plan, before this one
 */
public record CatalogueItem(Credential credential, Cost cost, BigDecimal price, Integer weeks, List<LocalDate> starts,
                            Participation mode, List<String> prerequisites) {
    public CatalogueItem {
        starts = List.copyOf(starts);
        prerequisites = List.copyOf(prerequisites);
    }

    public String id() {
        return credential.id();
    }

    /** False when it lists start dates and every one is before {@code date}: it is no longer on offer. */
    public boolean offeredOn(LocalDate date) {
        return starts.isEmpty() || starts.stream().anyMatch(d -> !d.isBefore(date));
    }

    /** The credential a learner holds after taking it on {@code date}: issued that day. */
    public Credential credentialOn(LocalDate date) {
        Credential c = credential;
        return new Credential(c.id(), c.code(), c.title(), c.awardingBody(), c.country(), date, c.credit(), c.level(),
                c.hours(), c.assessment(), c.participation(), c.qualityAssurance(), c.identityVerified(), c.subjects(),
                c.outcomes(), null, c.route(), null, null, c.nationalLevel());
    }
}
