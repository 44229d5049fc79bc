package org.accrue.service;

import org.accrue.RuleSet;
import org.accrue.RuleSetException;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The rule sets a registry keeps, each with the date it comes into force: an evaluation uses the one in force on
 * its as-of date (degree-audit systems call this the catalogue year), so last year's applicants are still
 * judged under last year's regulations.
 */
public final class RuleSets {
    /**
     * One rule set and the first date it is in force.
     *
     * @param source the folders it was read from, or {@code packaged}
     */
    public record InForce(RuleSet ruleSet, LocalDate from, String source) {
    }

    /** What the configuration names: folders (none for the packaged rule set) and a date in force. */
    public record Spec(List<Path> folders, LocalDate from) {
        public Spec {
            folders = List.copyOf(folders);
        }

        String source() {
            return folders.isEmpty() ? "packaged" : String.join(", ", folders.stream().map(Path::toString).toList());
        }
    }

    /** The date of a rule set that is in force from the beginning. */
    public static final LocalDate ALWAYS = LocalDate.of(1900, 1, 1);

    private final List<InForce> sets;

    private RuleSets(List<InForce> sets) {
        this.sets = List.copyOf(sets);
    }

    /**
     * Loads each rule set (the packaged one for a spec with no folders).
     *
     * @throws RuleSetException for the first that does not load, its problems each at file:line
     * @throws IllegalArgumentException when none is given or two come into force on one date
     */
    public static RuleSets load(List<Spec> specs) throws RuleSetException {
        return load(specs, org.accrue.trust.Trust.DEFAULT);
    }

    /** As {@link #load(List)}, each rule set verifying credentials under {@code trust} (docs/trust.md). */
    public static RuleSets load(List<Spec> specs, org.accrue.trust.Trust trust) throws RuleSetException {
        if (specs.isEmpty()) {
            throw new IllegalArgumentException("no rule set configured");
        }
        List<InForce> sets = new ArrayList<>();
        for (Spec s : specs) {
            if (sets.stream().anyMatch(x -> x.from().equals(s.from()))) {
                throw new IllegalArgumentException("two rule sets come into force on " + s.from()
                        + "; give each its own date");
            }
            RuleSet r = (s.folders().isEmpty() ? RuleSet.loadDefault() : RuleSet.load(s.folders(), List.of())).withTrust(trust);
            sets.add(new InForce(r, s.from(), s.source()));
        }
        sets.sort(Comparator.comparing(InForce::from));
        return new RuleSets(sets);
    }

    /** The rule set in force on a date, or empty when the date is before every rule set's. */
    public Optional<InForce> on(LocalDate date) {
        InForce found = null;
        for (InForce s : sets) {
            if (!s.from().isAfter(date)) {
                found = s;
            }
        }
        return Optional.ofNullable(found);
    }

    /**
     * The rule set that governs what is decided today: the one in force today, or, before any is, the first to
     * come into force (what exceptions are checked against, what replay compares with, what the pages list).
     */
    public InForce current(LocalDate today) {
        return on(today).orElse(sets.get(0));
    }

    /** The loaded rule set with this hash ({@code sha256:<hex>}, or the hex alone). */
    public Optional<RuleSet> byId(String id) {
        String full = id.startsWith("sha256:") ? id : "sha256:" + id;
        return sets.stream().map(InForce::ruleSet).filter(r -> r.id().equals(full)).findFirst();
    }

    /** Every rule set, by the date it comes into force. */
    public List<InForce> all() {
        return sets;
    }
}
