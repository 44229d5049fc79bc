package org.accrue.learner;

/** Level frameworks a learner record may state a level in, with the levels each defines. */
public enum LevelFramework {
    SCQF(1, 12),
    EQF(1, 8),
    FHEQ(4, 8),
    /** Ireland's National Framework of Qualifications. */
    NFQ(1, 10),
    /** England's and Northern Ireland's Regulated Qualifications Framework (entry levels not read). */
    RQF(1, 8),
    /** The Credit and Qualifications Framework for Wales (entry levels not read). */
    CQFW(1, 8),
    /** The New Zealand Qualifications and Credentials Framework. */
    NZQF(1, 10),
    /** The Australian Qualifications Framework: read, not referenced (no EQF referencing exists). */
    AQF(1, 10);

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
