package org.accrue.learner;

/** How the learning was assessed. Written in lower case in learner files. */
public enum Assessment {
    SUMMATIVE, FORMATIVE, PARTICIPATION, NONE
}
