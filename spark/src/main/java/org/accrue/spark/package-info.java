/**
 * Accrue on Apache Spark (docs/spark.md): {@link org.accrue.spark.AccrueSpark} evaluates learner records as a
 * Spark job, with the compiled rule set broadcast once and loaded once per executor JVM; {@link org.accrue.spark.Job}
 * is the runnable job {@code spark/submit} launches.
 */
package org.accrue.spark;
