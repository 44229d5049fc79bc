package org.accrue.vocabulary;

/**
 * Credit counts toward {@code award} only while its credential is valid: a credential whose {@code validUntil}
 * (Open Badges 3.0 and Europass carry it) is before the evaluation date does not count. A credential that states no
 * end of validity stays valid. An award definition.
 */
public record CountsWhileValid(String award) implements AwardFact {
}
