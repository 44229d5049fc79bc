package org.accrue.cli;

import org.accrue.report.Printable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;

@Command(name = "accrue", mixinStandardHelpOptions = true, versionProvider = AccrueCommand.Version.class,
        description = {"Accrue: decides what a learner's credentials add up to under credit frameworks and "
                + "award stacking rules written as Drools rule files, and explains why."},
        subcommands = {EvaluateCommand.class, AwardsCommand.class, BatchCommand.class, GenerateCommand.class,
                RulesCommand.class, PlanCommand.class, WhatIfCommand.class, ServeCommand.class, UsersCommand.class, TokensCommand.class, AuditCommand.class,
                VerifyCommand.class, KeysCommand.class,
                CommandLine.HelpCommand.class},
        exitCodeListHeading = "%nExit status:%n", exitCodeList = {
        "0:success; every input was read and evaluated, whatever the verdicts",
        "1:at least one learner file could not be read; the others were evaluated",
        "2:usage error: unknown command or option, bad date, unknown award id",
        "3:the rule set could not be loaded, or failed on a learner",
        "4:internal error in Accrue",
        "5:audit verify: the decision log does not verify",
        "6:the service's database cannot be opened or written"})
public final class AccrueCommand {

    public static void main(String[] args) {
        // the engine's warnings (java.util.logging) as one plain line each, like every other message
        if (System.getProperty("java.util.logging.SimpleFormatter.format") == null) {
            System.setProperty("java.util.logging.SimpleFormatter.format", "%5$s%n");
        }
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the command line with the given output streams; returns the exit status. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cl = new CommandLine(new AccrueCommand())
                .setCaseInsensitiveEnumValuesAllowed(true)
                .registerConverter(LocalDate.class, AccrueCommand::date)
                .setOut(out)
                .setErr(err);
        cl.setParameterExceptionHandler((e, a) -> {
            CommandLine c = e.getCommandLine();
            c.getErr().println(c.getCommandSpec().qualifiedName() + ": " + Printable.visible(e.getMessage()));
            c.getErr().println("Try '" + c.getCommandSpec().qualifiedName() + " --help' for more information.");
            c.getErr().flush();
            return ExitStatus.USAGE;
        });
        cl.setExecutionExceptionHandler((e, c, p) -> {
            c.getErr().println("accrue: internal error: " + e);
            if (System.getenv("ACCRUE_DEBUG") != null) {
                e.printStackTrace(c.getErr());
            }
            c.getErr().flush();
            return ExitStatus.INTERNAL;
        });
        return cl.execute(args);
    }

    private static LocalDate date(String text) {
        LocalDate d;
        try {
            d = LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw new CommandLine.TypeConversionException("'" + Printable.echo(text) + "' is not a date (YYYY-MM-DD)");
        }
        if (d.getYear() < 1000 || d.getYear() > 9999) {
            throw new CommandLine.TypeConversionException("'" + Printable.echo(text) + "' is not a date in years "
                    + "1000-9999");
        }
        return d;
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = AccrueCommand.class.getPackage().getImplementationVersion();
            return new String[]{"accrue " + (v == null ? "(development build)" : v)};
        }
    }
}
