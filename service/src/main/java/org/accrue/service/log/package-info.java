/**
 * The decision log: every evaluation the service answered and every input it rejected, append-only and
 * hash-chained ({@link org.accrue.service.log.Chain}), written in group commits before any answer is sent
 * ({@link org.accrue.service.log.DecisionLog}), verified by walking it ({@link org.accrue.service.log.Audit}).
 */
package org.accrue.service.log;
