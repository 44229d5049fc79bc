/**
 * Internal: one evaluation of a learner record in a Drools session, in two phases, then the allocation search
 * per award and the result with its explanation. Embedders use {@link org.accrue.RuleSet} instead.
 */
package org.accrue.evaluation;
