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
 * @param claims     personal awards the learner declares: theme and chosen credentials
 */
public record LearnerRecord(Learner learner, List<Credential> credentials, List<StaffException> exceptions,
                            String source, java.util.Map<String, Provenance> provenance,
                            List<ConferredAward> conferred, List<Claim> claims) {
    public LearnerRecord {
        credentials = List.copyOf(credentials);
        exceptions = List.copyOf(exceptions);
        provenance = java.util.Map.copyOf(provenance);
        conferred = List.copyOf(conferred);
        claims = claims == null ? List.of() : List.copyOf(claims);
    }

    /** A record declaring no personal award. */
    public LearnerRecord(Learner learner, List<Credential> credentials, List<StaffException> exceptions,
                         String source, java.util.Map<String, Provenance> provenance, List<ConferredAward> conferred) {
        this(learner, credentials, exceptions, source, provenance, conferred, List.of());
    }

    /** The same record with other staff exceptions (everything else kept). */
    public LearnerRecord withExceptions(List<StaffException> replaced) {
        return new LearnerRecord(learner, credentials, replaced, source, provenance, conferred, claims);
    }

    /** The same record with other credentials and their provenance (everything else kept). */
    public LearnerRecord withCredentials(List<Credential> replaced, java.util.Map<String, Provenance> provenanceOf) {
        return new LearnerRecord(learner, replaced, exceptions, source, provenanceOf, conferred, claims);
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
        return new LearnerRecord(learner, replaced, exceptions, source, provenance, conferred, claims);
    }

    /** A record with no staff exceptions. */
    public LearnerRecord(Learner learner, List<Credential> credentials, String source) {
        this(learner, credentials, List.of(), source);
    }
}
