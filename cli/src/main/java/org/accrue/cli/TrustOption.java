package org.accrue.cli;

import org.accrue.RuleSet;
import org.accrue.reading.InvalidInputException;
import org.accrue.trust.Trust;
import org.accrue.trust.TrustList;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;

/** {@code --trust} and {@code --require-verified}: the issuers a registry trusts, and whether only they count. */
final class TrustOption {
    @Option(names = "--trust", paramLabel = "FILE",
            description = "The registry's trust list (YAML, docs/trust.md): the issuers it accepts and their keys. "
                    + "Each credential's result then says whether it is verified. Default: no issuer is trusted, "
                    + "and results say so.")
    Path trust;

    @Option(names = "--require-verified",
            description = "Count only credentials whose proof checks and whose issuer is on the trust list; the "
                    + "others are listed as carrying no credit, with the reason. Needs --trust.")
    boolean requireVerified;

    /** The rule set under this trust, or null after printing a usage error to {@code err}. */
    RuleSet apply(String command, RuleSet rules, PrintWriter err) {
        if (trust == null) {
            if (requireVerified) {
                err.println("accrue " + command + ": --require-verified needs --trust FILE: without a trust list no "
                        + "issuer is trusted and nothing would count");
                err.flush();
                return null;
            }
            return rules;
        }
        TrustList list = read(command, trust, err);
        return list == null ? null : rules.withTrust(Trust.of(list, requireVerified));
    }

    /** A trust list, or null after printing its one-line error to {@code err}. */
    static TrustList read(String command, Path file, PrintWriter err) {
        try {
            return TrustList.read(file);
        } catch (InvalidInputException e) {
            err.println("accrue " + command + ": --trust " + e.getMessage());
            err.flush();
            return null;
        }
    }
}
