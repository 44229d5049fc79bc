package org.accrue.cli;

import org.accrue.service.StaffExceptions;
import org.accrue.service.log.Audit;
import org.accrue.service.log.DecisionLog;
import org.accrue.service.store.Database;
import org.accrue.service.store.StoreException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.time.Instant;

@Command(name = "audit", mixinStandardHelpOptions = true,
        description = "The service's decision log: verify its hash chain, erase a learner's personal data.",
        subcommands = {AuditCommand.Verify.class, AuditCommand.Erase.class})
final class AuditCommand {

    @Command(name = "verify", mixinStandardHelpOptions = true, description = {"Walks the decision log from its "
            + "first record and checks every hash, link and stored input. Prints the head (its number and hash: "
            + "keep it somewhere else to catch a log rewritten from scratch) and exits 0, or names the first "
            + "record altered, inserted or removed and exits 5. Then checks the staff exceptions against their "
            + "records on the log.", "Pass --expect-head with a head you kept."})
    static final class Verify implements java.util.concurrent.Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        DbOption db = new DbOption();
        @Option(names = "--expect-head", paramLabel = "SEQ:HASH",
                description = "A head printed by an earlier verify: the log must still contain it at that number.")
        String expectHead;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            Database d = db.open("audit verify", err);
            if (d == null) {
                return ExitStatus.DATABASE;
            }
            try (d; DecisionLog log = new DecisionLog(d)) {
                Audit a = log.verify();
                if (!a.ok()) {
                    err.println("accrue audit verify: " + a.describe());
                    return ExitStatus.LOG_TAMPERED;
                }
                String exceptions = new StaffExceptions(d, log).verify();
                if (exceptions != null) {
                    err.println("accrue audit verify: decision log NOT verified: " + exceptions);
                    return ExitStatus.LOG_TAMPERED;
                }
                if (expectHead != null) {
                    String problem = expected(log, expectHead);
                    if (problem != null) {
                        err.println("accrue audit verify: decision log NOT verified: " + problem);
                        return ExitStatus.LOG_TAMPERED;
                    }
                }
                out.println(a.describe());
                return ExitStatus.OK;
            } catch (StoreException e) {
                err.println("accrue audit verify: " + e.getMessage());
                return ExitStatus.DATABASE;
            }
        }

        private static String expected(DecisionLog log, String head) {
            int colon = head.indexOf(':');
            long seq;
            try {
                seq = Long.parseLong(head.substring(0, Math.max(0, colon)));
            } catch (NumberFormatException e) {
                return "--expect-head '" + head + "': expected SEQ:HASH as verify prints it";
            }
            String hash = head.substring(colon + 1);
            java.util.Optional<String> at = log.hashAt(seq);
            if (at.isEmpty()) {
                return "record " + seq + " is gone: the log was cut back";
            }
            return at.get().equals(hash) ? null : "record " + seq + " no longer has the hash kept for it: the log "
                    + "was rewritten";
        }
    }

    @Command(name = "erase", mixinStandardHelpOptions = true, description = {"Erases a learner's personal data "
            + "from the decision log: the inputs and results of their decisions are replaced by the SHA-256 their "
            + "records hold. Verdicts stay, the chain still verifies, and the erasure is itself logged."})
    static final class Erase implements java.util.concurrent.Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Parameters(paramLabel = "LEARNER_ID")
        String learner;
        @Option(names = "--by", paramLabel = "NAME", description = "Who erases, for the log. Default: the "
                + "operating-system user.")
        String by;
        @Mixin
        DbOption db = new DbOption();

        @Override
        public Integer call() {
            PrintWriter err = spec.commandLine().getErr();
            Database d = db.open("audit erase", err);
            if (d == null) {
                return ExitStatus.DATABASE;
            }
            try (d; DecisionLog log = new DecisionLog(d)) {
                String who = by != null ? by : "os:" + System.getProperty("user.name", "unknown");
                int n = log.erase(learner, who, Instant.now());
                spec.commandLine().getOut().println("erased the inputs and results of " + n + " decision"
                        + (n == 1 ? "" : "s") + " for learner " + learner + "; verdicts and hashes kept");
                return ExitStatus.OK;
            } catch (StoreException e) {
                err.println("accrue audit erase: " + e.getMessage());
                return ExitStatus.DATABASE;
            }
        }
    }
}
