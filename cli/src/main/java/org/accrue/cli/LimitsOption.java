package org.accrue.cli;

import org.accrue.Limits;
import org.accrue.RuleSet;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.math.BigDecimal;
import java.time.Duration;

/** {@code --time-limit} and {@code --max-credentials}: what one learner's evaluation may take. */
final class LimitsOption {
    @Option(names = "--time-limit", paramLabel = "SECONDS",
            description = "The longest one learner's evaluation may take (rules and allocation search), in seconds; "
                    + "a learner over it is reported as an evaluation error (time-limit) and the others go on. "
                    + "Default: 2.")
    BigDecimal timeLimit;

    @Option(names = "--max-credentials", paramLabel = "N",
            description = "The most credentials one learner record may hold; a larger one is refused as too large. "
                    + "Default: 1000.")
    Integer maxCredentials;

    /** The rule set under these limits, or null after printing a usage error to {@code err}. */
    RuleSet apply(String command, RuleSet rules, PrintWriter err) {
        Limits limits = rules.limits();
        if (timeLimit != null) {
            if (timeLimit.signum() <= 0 || timeLimit.compareTo(BigDecimal.valueOf(86_400)) > 0) {
                err.println("accrue " + command + ": --time-limit " + timeLimit.toPlainString()
                        + ": must be more than 0 and at most 86400 seconds");
                err.flush();
                return null;
            }
            limits = limits.withTimeLimit(Duration.ofNanos(timeLimit.movePointRight(9).longValue()));
        }
        if (maxCredentials != null) {
            if (maxCredentials < 1) {
                err.println("accrue " + command + ": --max-credentials " + maxCredentials + ": must be 1 or more");
                err.flush();
                return null;
            }
            limits = limits.withMaxCredentials(maxCredentials);
        }
        return rules.withLimits(limits);
    }
}
