package org.accrue.vocabulary;

/**
 * A criterion of a classification that a credential does not meet, for example the missing
 * "awarding body" of an {@code eu-microcredential}. Inserted by framework rules.
 */
public record Unmet(String credential, String classification, String criterion) {
}
