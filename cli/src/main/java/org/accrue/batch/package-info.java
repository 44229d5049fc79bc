/**
 * Batch evaluation: many learner files and JSON Lines streams through one rule set, in parallel, in input
 * order, with a rejects file, a checkpoint to resume from, and a summary that accounts for every record.
 */
package org.accrue.batch;
