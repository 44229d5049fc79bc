package org.accrue.learner;

import java.util.List;

/**
 * One learner's file: the learner and their credentials, in the order the file gives them.
 *
 * @param source where the record was read from (a file name), or null when built in code
 */
public record LearnerRecord(Learner learner, List<Credential> credentials, String source) {
    public LearnerRecord {
        credentials = List.copyOf(credentials);
    }
}
