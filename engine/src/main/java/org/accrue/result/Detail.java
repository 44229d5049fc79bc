package org.accrue.result;

import java.util.Locale;

/**
 * How much of a result an evaluation builds and writes. Each level is a subset of the one after it, in the same
 * shape ({@code docs/result.schema.json}): a field is present in full or absent.
 */
public enum Detail {
    /**
     * Each award's verdict and counted points, and, for a requirement not met, its id, kind and numbers (have, need):
     * what a re-evaluation after a regulation change needs. No sentences are built.
     */
    VERDICTS,
    /** Every requirement's have and need with its description, what counted toward what, and staff exceptions. */
    REQUIREMENTS,
    /** Everything: what did not count and why, what is missing in words, the rules that fired, every credential. */
    FULL;

    /** Its word on the command line and in results: {@code verdicts}, {@code requirements}, {@code full}. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The level a word names.
     *
     * @throws IllegalArgumentException naming the levels, for any other word
     */
    public static Detail of(String word) {
        for (Detail d : values()) {
            if (d.code().equals(word)) {
                return d;
            }
        }
        throw new IllegalArgumentException("detail '" + word + "': expected verdicts, requirements or full");
    }
}
