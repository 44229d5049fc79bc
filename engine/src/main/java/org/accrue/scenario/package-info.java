/**
 * Rule tests a programme designer writes: scenarios in YAML next to the rules (files ending
 * {@code .test.yaml}), each a learner's credentials, an evaluation date, and the verdicts expected.
 */
package org.accrue.scenario;
