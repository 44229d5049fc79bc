package org.accrue.learner;

/** Form of participation. Written in lower case in learner files. */
public enum Participation {
    ONLINE, ONSITE, BLENDED
}
