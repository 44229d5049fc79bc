package org.accrue.vocabulary;

/**
 * A fact that defines an award rather than describing a learner: the award itself and every constraint on it.
 * Rules insert these with an empty {@code when}, once per rule set; the engine refuses one inserted for a
 * learner. The one list of them is this interface's {@code permits} clause.
 */
public sealed interface AwardFact permits Award, Requirement, TotalCredit, CreditAtLevel, CreditCap, Recency,
        GeneralCredit, SharesCredit, CountsWhileValid, DifferentBodies, PersonalAward {
    /** The id of the award it defines or constrains. */
    String award();
}
