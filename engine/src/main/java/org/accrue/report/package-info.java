/** Writing results: one JSON object per learner for machines, a plain-words report for registry officers. */
package org.accrue.report;
