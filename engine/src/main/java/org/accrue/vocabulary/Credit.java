package org.accrue.vocabulary;

import org.accrue.learner.Credential;
import org.accrue.learner.Route;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * A credit-bearing credential after normalisation: what award rules match in the second phase.
 * Inserted by the engine, never by rules.
 *
 * @param gradeBand its passed grade as an ECTS band (A to E, from {@link GradeBand}), or null
 * @param points    SCQF credit points
 * @param scqfLevel SCQF level, or 0 where the credential states no level that could be referenced
 * @param eqfLevel  EQF level, or 0 where there is none
 * @param modules   the internal modules an equivalence table maps it to (specific credit); empty for general
 *                  credit only
 */
public record Credit(Credential credential, BigDecimal points, int scqfLevel, int eqfLevel, List<String> modules,
                     String gradeBand) {

    public Credit {
        modules = List.copyOf(modules);
    }

    /** Credit with no grade band: ungraded, or a grade no band table reads. */
    public Credit(Credential credential, BigDecimal points, int scqfLevel, int eqfLevel, List<String> modules) {
        this(credential, points, scqfLevel, eqfLevel, modules, null);
    }

    /**
     * Whether its grade is at least {@code band} on the ECTS bands (A best, E the last pass), as the grade-band
     * tables read it from its own scale; false for credit with no band (ungraded, or not judged).
     *
     * @throws IllegalArgumentException when {@code band} is not A to E ({@code rules check} names it first)
     */
    public boolean gradeAtLeast(String band) {
        String wanted = band == null ? "" : band.strip().toUpperCase(java.util.Locale.ROOT);
        if (!GradeBand.BANDS.contains(wanted)) {
            throw new IllegalArgumentException("a minimum grade is an ECTS band, A to E, not '" + band + "'");
        }
        return gradeBand != null && gradeBand.compareTo(wanted) <= 0;
    }

    public String id() {
        return credential.id();
    }

    public String code() {
        return credential.code();
    }

    /** The awarding body; for a joint award the first of {@link #awardingBodies()}. */
    public String awardingBody() {
        return credential.awardingBody();
    }

    /** Whether the body (an identifier or a name, case and spacing aside) is one of its awarding bodies. */
    public boolean awardedBy(String body) {
        return credential.awardedBy(body);
    }

    /** Every awarding body: several for a joint award. */
    public List<String> awardingBodies() {
        return credential.awardingBodies();
    }

    public List<String> subjects() {
        return credential.subjects();
    }

    public Route route() {
        return credential.route();
    }

    public LocalDate issued() {
        return credential.issued();
    }

    /** True when the credit came by the named route ({@code "transfer"}, {@code "rpl"}, {@code "taught"}). */
    public boolean routeIs(String route) {
        return credential.route() != null && credential.route().name().equalsIgnoreCase(route);
    }

    /** True when the credential is tagged with any of the given subjects. */
    public boolean hasSubject(String... wanted) {
        return credential.hasSubject(wanted);
    }

    /** True when the credit is at the given SCQF level or above; credit of unknown level is at no level. */
    public boolean atLevel(int scqf) {
        return scqfLevel > 0 && scqfLevel >= scqf;
    }
}
