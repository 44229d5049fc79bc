package org.accrue.vocabulary;

/**
 * Every credit-bearing credential may count toward {@code award} as general credit: toward its totals and level
 * rules, filling no named requirement. An award definition, said once for the rule set rather than once per
 * learner and credit; use {@link MayCount} for general credit that depends on the credential.
 */
public record GeneralCredit(String award) implements AwardFact {
}
