/**
 * The engine's file primitives, one home each: SHA-256 hashing ({@link org.accrue.io.Sha256}: rule-set
 * hashes, cache records, a batch's identity, badge names) and writing a file whole or not at all
 * ({@link org.accrue.io.AtomicFiles}: cache entries, checkpoints, summaries, badges), and a failed read or write
 * told with its reason ({@link org.accrue.io.IoErrors}).
 */
package org.accrue.io;
