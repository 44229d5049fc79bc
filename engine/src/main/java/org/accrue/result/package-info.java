/**
 * Immutable results of an evaluation: per award the verdict, each requirement's have and need, what was
 * counted toward what and what is missing; per credential its normalised credit, level and classifications.
 * Explanations in words are built from these same records, never re-derived.
 */
package org.accrue.result;
