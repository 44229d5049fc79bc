package org.accrue;

/** The packaged rule set, compiled once for all tests in a JVM (compiling takes about a second). */
public final class DefaultRules {
    private static RuleSet ruleSet;

    private DefaultRules() {
    }

    public static synchronized RuleSet get() {
        if (ruleSet == null) {
            try {
                ruleSet = RuleSet.loadDefault();
            } catch (RuleSetException e) {
                throw new AssertionError("the packaged rule set does not load:\n" + e.getMessage(), e);
            }
        }
        return ruleSet;
    }
}
