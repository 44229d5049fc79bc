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
            "0:the rule set is sound (warnings, if any, on stderr)",
            "2:usage error",
            "3:the rule set has problems (listed on stderr)"})
    static final class Check implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "DIR", arity = "0..*",
                description = "Folders of rule files, together one rule set, on the packaged framework rules unless "
                        + "--frameworks is given or a folder is named frameworks. Default: the packaged rule set.")
        List<Path> folders = new ArrayList<>();

        @picocli.CommandLine.Option(names = "--frameworks", paramLabel = "DIR",
                description = "Replace the packaged framework rules with this folder's (repeatable).")
        List<Path> frameworks = new ArrayList<>();

        @picocli.CommandLine.Option(names = "--subjects", paramLabel = "FILE",
                description = "The registry's subject list (one tag a line): warn about a subject tag a rule names that "
                        + "is not in it.")
        Path subjects;

        @picocli.CommandLine.Option(names = "--institutions", paramLabel = "FILE",
                description = "The registry's institution list (one institution a line, its names and identifiers "
                        + "separated by '|'): warn about an awarding body a rule or equivalence row names that is none "
                        + "of them.")
        Path institutions;

        @picocli.CommandLine.Option(names = "--watch",
                description = "Keep running: watch the rule folders (those named, or the working tree's when run from "
                        + "the repository) and check the rule set again after each save, printing the problems when "
                        + "they change and how long the check took. Stop with Ctrl-C.")
        boolean watch;

        @Override
        public Integer call() throws java.io.IOException {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            if (watch) {
                return RuleFolderWatch.watch("rules check", folders, frameworks, this::once, out, err);
            }
            RuleFolderWatch.Run r = once();
            r.problems().forEach(err::println);
            if (r.status() == ExitStatus.OK) {
                out.println(r.summary());
            } else {
                err.println(r.summary());
            }
            out.flush();
            err.flush();
            return r.status();
        }

        /** One check of the rule set: its problems, and the summary line. */
        RuleFolderWatch.Run once() {
            try {
                // the lists first: a list that cannot be read is a problem whatever the rules say
                org.accrue.KnownNames known = org.accrue.KnownNames.read(subjects, institutions);
                RuleSet rules = folders.isEmpty() && frameworks.isEmpty() ? WorkingTree.defaultRuleSet()
                        : RuleSet.load(folders, frameworks);
                List<String> warnings = rules.warnings(known).stream().map(RuleProblem::toString).toList();
                return new RuleFolderWatch.Run(java.util.Map.of(), warnings, "accrue rules check: no problems"
                        + (warnings.isEmpty() ? "" : ", " + warnings.size() + " warning" + (warnings.size() == 1 ? "" : "s"))
                        + "; " + rules.awards().size() + " awards, rule set " + rules.id(), ExitStatus.OK);
            } catch (RuleSetException e) {
                List<RuleProblem> problems = e.problems();
                return new RuleFolderWatch.Run(java.util.Map.of(), problems.stream().map(RuleProblem::toString).toList(),
                        "accrue rules check: " + problems.size() + " problem" + (problems.size() == 1 ? "" : "s"),
                        ExitStatus.RULE_SET);
            }
        }
    }
}
