package org.accrue.learner;

import java.util.List;

/**
 * One learner's file: the learner, their credentials in the order the file gives them, and any exceptions
 * registry staff authorised.
 *
 * @param source where the record was read from (a file name), or null when built in code
 */
public record LearnerRecord(Learner learner, List<Credential> credentials, List<StaffException> exceptions,
                            String source) {
    public LearnerRecord {
        credentials = List.copyOf(credentials);
        exceptions = List.copyOf(exceptions);
    }

    /** A record with no staff exceptions. */
    public LearnerRecord(Learner learner, List<Credential> credentials, String source) {
        this(learner, credentials, List.of(), source);
    }
}
