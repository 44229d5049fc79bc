/**
 * Accrue's public API. Load a {@link org.accrue.RuleSet} once (from folders of rule files or the packaged
 * default), then evaluate learner records ({@link org.accrue.learner}, read with {@link org.accrue.reading})
 * as of a date, from any number of threads, and read the immutable {@link org.accrue.result} records.
 * The packages {@code ruleset}, {@code evaluation} and {@code allocation} are internal.
 */
package org.accrue;
