package org.accrue.vocabulary;

/**
 * Credit already used for the conferred award {@code with} may count toward {@code award} again: the stacking a
 * ladder allows (a Postgraduate Certificate's credit toward the Postgraduate Diploma). Without it, credit used for a
 * conferred award counts toward no other (Degree Works' ShareWith; "credit is used once"). An award definition.
 */
public record SharesCredit(String award, String with) implements AwardFact {
}
