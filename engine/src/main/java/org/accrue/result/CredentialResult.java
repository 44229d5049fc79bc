package org.accrue.result;

import java.math.BigDecimal;
import java.util.List;

/**
 * One credential after the framework rules.
 *
 * @param scqfPoints      SCQF credit points, or null where no rule gave it any
 * @param scqfLevel       SCQF level, or null where no level could be referenced
 * @param eqfLevel        EQF level, or null where there is none
 * @param creditBearing   true when it carries credit that awards may count
 * @param equivalence     the equivalence-table row it matched (specific credit), or null
 * @param proof           {@code present} or {@code absent}, or null where the format carries none (kept for
 *                        clients of the first API; {@code verification} says whether the proof checks)
 * @param verification    whether the credential is genuine: its proof, issuer, validity and status (docs/trust.md)
 * @param excluded        why it carries no credit (empty when credit-bearing)
 * @param classifications the classifications it meets, sorted
 * @param unmet           for each classification it misses, the criteria it misses
 * @param notes           how its points and level were reached, in words
 * @param rules           the framework rules that concluded something about it, sorted
 */
public record CredentialResult(
        String id,
        String title,
        BigDecimal scqfPoints,
        Integer scqfLevel,
        Integer eqfLevel,
        boolean creditBearing,
        EquivalenceMatch equivalence,
        String proof,
        Verification verification,
        List<String> excluded,
        List<String> classifications,
        List<UnmetClassification> unmet,
        List<String> notes,
        List<String> rules) {

    public CredentialResult {
        excluded = List.copyOf(excluded);
        classifications = List.copyOf(classifications);
        unmet = List.copyOf(unmet);
        notes = List.copyOf(notes);
        rules = List.copyOf(rules);
    }
}
