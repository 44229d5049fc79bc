/** The {@code accrue} command line (picocli). Exit statuses are listed in {@link org.accrue.cli.ExitStatus}. */
package org.accrue.cli;
