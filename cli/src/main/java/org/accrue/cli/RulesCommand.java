package org.accrue.cli;

import org.accrue.RuleProblem;
import org.accrue.RuleSet;
import org.accrue.RuleSetException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "rules", mixinStandardHelpOptions = true,
        description = "Checks and tests rule sets: for programme designers.",
        subcommands = {RulesCommand.Check.class, ScenarioCommand.class})
final class RulesCommand {

    @Command(name = "check", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Checks a rule set without evaluating anyone: the safe rule policy, every sentence "
                    + "against the vocabulary, compile errors, and the award definitions (awards or requirements "
                    + "referred to but never defined, defined twice, or that no credential could ever meet).",
                    "Prints every problem as file:line:column: message."},
            exitCodeListHeading = "%nExit status:%n", exitCodeList = {
            "0:the rule set is sound",
            "2:usage error",
            "3:the rule set has problems (listed on stderr)"})
    static final class Check implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "DIR", arity = "0..*",
                description = "Folders of rule files, together one rule set. Default: the packaged rule set.")
        List<Path> folders = new ArrayList<>();

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            try {
                RuleSet rules = folders.isEmpty() ? RuleSet.loadDefault() : RuleSet.load(folders);
                out.println("accrue rules check: no problems; " + rules.awards().size() + " awards, rule set "
                        + rules.id());
            } catch (RuleSetException e) {
                List<RuleProblem> problems = e.problems();
                problems.forEach(err::println);
                err.println("accrue rules check: " + problems.size() + " problem" + (problems.size() == 1 ? "" : "s"));
                err.flush();
                return ExitStatus.RULE_SET;
            }
            out.flush();
            return ExitStatus.OK;
        }
    }
}
