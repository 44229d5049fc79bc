package org.accrue.result;

import org.accrue.learner.Learner;

import java.time.LocalDate;
import java.util.List;

/**
 * The outcome of evaluating one learner record against one rule set as of a date.
 *
 * @param source      the learner file, or null when the record was not read from a file
 * @param ruleset     the content hash of the rule set that produced the result ({@code sha256:...})
 * @param awards      the awards evaluated, by SCQF level and then id
 * @param credentials the learner's credentials, in the order of the learner record
 */
public record EvaluationResult(
        Learner learner,
        String source,
        LocalDate asOf,
        String ruleset,
        List<AwardResult> awards,
        List<CredentialResult> credentials) {

    public EvaluationResult {
        awards = List.copyOf(awards);
        credentials = List.copyOf(credentials);
    }

    /** The result for one award, if it was evaluated. */
    public java.util.Optional<AwardResult> award(String id) {
        return awards.stream().filter(a -> a.award().equals(id)).findFirst();
    }

    /** The result for one credential. */
    public java.util.Optional<CredentialResult> credential(String id) {
        return credentials.stream().filter(c -> c.id().equals(id)).findFirst();
    }
}
