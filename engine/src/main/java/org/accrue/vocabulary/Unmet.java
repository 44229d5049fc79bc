package org.accrue.vocabulary;

/**
 * A criterion of a classification that a credential does not meet, for example the missing
 * "awarding body" of an {@code eu-microcredential}. Inserted by framework rules.
 *
 * @param code      the criterion as a stable code a service can count ({@code awarding-body}); lower-case words
 *                  joined by '-'
 * @param criterion the criterion in words, as the result shows it
 */
public record Unmet(String credential, String classification, String code, String criterion) {
    /** A criterion without a code of its own: its code is made from its words. */
    public Unmet(String credential, String classification, String criterion) {
        this(credential, classification, criterion == null ? null
                : criterion.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", ""),
                criterion);
    }
}
