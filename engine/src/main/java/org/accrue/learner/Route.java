package org.accrue.learner;

/**
 * How the credit reaches the awarding institution: taught there, transferred in from another institution, or
 * recognised prior learning. Written in lower case in learner files.
 */
public enum Route {
    TAUGHT, TRANSFER, RPL
}
