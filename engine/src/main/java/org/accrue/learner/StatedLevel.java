package org.accrue.learner;

/** The level a credential states, in its own framework; the reader checks the value is in range. */
public record StatedLevel(LevelFramework framework, int value) {
}
