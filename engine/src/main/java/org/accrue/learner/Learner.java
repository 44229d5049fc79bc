package org.accrue.learner;

/** Who the record is about. {@code name} may be null. */
public record Learner(String id, String name) {
}
