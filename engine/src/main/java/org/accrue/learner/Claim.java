package org.accrue.learner;

import java.util.List;

/**
 * A personal award the learner declares: the award, the theme their combination of micro-credentials has (a
 * subject tag, lower-cased), and the credentials they chose for it. The award's rules check its coherence (credit
 * volume and level, and the share of credit in the theme).
 *
 * @param credentials the ids of the chosen credentials, each in the record
 */
public record Claim(String award, String theme, List<String> credentials) {
    public Claim {
        credentials = List.copyOf(credentials);
    }
}
