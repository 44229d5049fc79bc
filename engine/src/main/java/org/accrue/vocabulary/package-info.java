/**
 * The vocabulary of rule files: the facts framework rules and award rules match and insert.
 *
 * <p>Evaluation runs in two phases. In the first, the engine inserts the {@link org.accrue.learner.Learner}
 * and each {@link org.accrue.learner.Credential}; framework rules insert {@link CreditPoints},
 * {@link ReferencedLevel}, {@link Exclusion}, {@link Unmet} and {@link Classification} facts, and award rules
 * define awards ({@link Award}, {@link Requirement}, {@link TotalCredit}, {@link CreditAtLevel},
 * {@link CreditCap}, {@link Recency}, {@link GeneralCredit}). Between the phases the engine turns each credit-bearing credential into
 * a {@link Credit}. In the second phase award rules say which credit {@link MayCount} toward which requirement.
 * The engine then searches for an allocation of credit to requirements; rules never allocate. The facts that
 * define awards share {@link AwardFact}, whose {@code permits} clause is the one list of them.
 */
package org.accrue.vocabulary;
