package org.accrue.learner;

/** Level frameworks a learner record may state a level in, with the levels each defines. */
public enum LevelFramework {
    SCQF(1, 12),
    EQF(1, 8),
    FHEQ(4, 8);

    private final int lowest;
    private final int highest;

    LevelFramework(int lowest, int highest) {
        this.lowest = lowest;
        this.highest = highest;
    }

    public int lowest() {
        return lowest;
    }

    public int highest() {
        return highest;
    }

    public boolean defines(int level) {
        return level >= lowest && level <= highest;
    }
}
