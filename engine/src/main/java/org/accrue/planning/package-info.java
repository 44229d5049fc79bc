/**
 * Pathway planning: a catalogue of micro-credentials on offer ({@link org.accrue.planning.Catalogue}), and the least
 * costly set of them that makes a learner eligible for an award ({@link org.accrue.RuleSet#plan}), under the
 * same rule files and the same allocation semantics as an evaluation; and what-if comparisons
 * ({@link org.accrue.planning.WhatIf}). See docs/planning.md.
 */
package org.accrue.planning;
