package org.accrue.vocabulary;

/** A reason a credential carries no credit at all. Inserted by framework rules. */
public record Exclusion(String credential, String reason) {
}
