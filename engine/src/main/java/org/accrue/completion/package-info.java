/**
 * The exact search for the least costly completion of an award: the dynamic programme behind
 * {@link org.accrue.RuleSet#plan}. Internal.
 */
package org.accrue.completion;
