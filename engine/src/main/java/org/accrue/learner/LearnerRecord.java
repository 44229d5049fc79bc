package org.accrue.learner;

import java.util.List;

/**
 * One learner's file: the learner, their credentials in the order the file gives them, and any exceptions
 * registry staff authorised.
 *
 * @param source     where the record was read from (a file name), or null when built in code
 * @param provenance for credentials read from a signed format (Open Badges, CLR, Europass), by credential id:
 *                   their issuer and the credential as signed, for verification; empty for Accrue's own format
 * @param conferred  awards already conferred on the learner and the credentials each used ("credit is used once")
 */
public record LearnerRecord(Learner learner, List<Credential> credentials, List<StaffException> exceptions,
                            String source, java.util.Map<String, Provenance> provenance,
                            List<ConferredAward> conferred) {
    public LearnerRecord {
        credentials = List.copyOf(credentials);
        exceptions = List.copyOf(exceptions);
        provenance = java.util.Map.copyOf(provenance);
        conferred = List.copyOf(conferred);
    }

    /** A record with no award conferred. */
    public LearnerRecord(Learner learner, List<Credential> credentials, List<StaffException> exceptions,
                         String source, java.util.Map<String, Provenance> provenance) {
        this(learner, credentials, exceptions, source, provenance, List.of());
    }

    /** A record in Accrue's own format: no provenance. */
    public LearnerRecord(Learner learner, List<Credential> credentials, List<StaffException> exceptions,
                         String source) {
        this(learner, credentials, exceptions, source, java.util.Map.of());
    }

    /** The same record with other credentials (their provenance kept). */
    public LearnerRecord withCredentials(List<Credential> replaced) {
        return new LearnerRecord(learner, replaced, exceptions, source, provenance, conferred);
    }

    /** A record with no staff exceptions. */
    public LearnerRecord(Learner learner, List<Credential> credentials, String source) {
        this(learner, credentials, List.of(), source);
    }
}
