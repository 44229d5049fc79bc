package org.accrue.vocabulary;

/** A classification a credential meets, such as {@code cmf-microcredential}. Inserted by framework rules. */
public record Classification(String credential, String name) {
}
