package org.accrue.cli;

/** The exit statuses of every {@code accrue} command, as documented in {@code accrue --help}. */
public final class ExitStatus {
    /** Every input was read and evaluated (whatever the verdicts). */
    public static final int OK = 0;
    /** At least one learner file could not be read; the others were still evaluated. */
    public static final int BAD_INPUT = 1;
    /** The command line was wrong: an unknown option, a bad date, an unknown award id. */
    public static final int USAGE = 2;
    /** The rule set could not be loaded, or misbehaved while evaluating a learner. */
    public static final int RULE_SET = 3;
    /** A fault in Accrue itself. */
    public static final int INTERNAL = 4;
    /** {@code accrue audit verify}: the decision log does not verify (a record altered, inserted or removed). */
    public static final int LOG_TAMPERED = 5;
    /** The service's database cannot be opened, migrated or written. */
    public static final int DATABASE = 6;

    private ExitStatus() {
    }
}
