package org.accrue.learner;

/** Type of quality assurance of the credential. Written in lower case in learner files. */
public enum QualityAssurance {
    EXTERNAL, INTERNAL, NONE
}
