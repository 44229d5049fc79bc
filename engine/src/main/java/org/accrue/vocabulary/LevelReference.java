package org.accrue.vocabulary;

import org.accrue.learner.LevelFramework;

/**
 * One row of a level-referencing table: a level of one framework, the SCQF levels it corresponds to
 * ({@code scqfLow} to {@code scqfHigh}) and its EQF level (0 where it has none).
 */
public record LevelReference(LevelFramework framework, int level, int scqfLow, int scqfHigh, int eqf) {

    /** True when the level corresponds to more than one SCQF level. */
    public boolean ambiguous() {
        return scqfHigh != scqfLow;
    }
}
