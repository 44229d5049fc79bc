package org.accrue.cli;

import org.accrue.RuleSet;
import org.accrue.vocabulary.Award;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

@Command(name = "awards", mixinStandardHelpOptions = true, description = "Lists the awards the rule set defines: id, SCQF level and title.",
        exitCodeListHeading = "%nExit status:%n", exitCodeList = {
        "0:the awards were listed",
        "2:usage error",
        "3:the rule set could not be loaded"})
final class AwardsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--format", paramLabel = "text|json", defaultValue = "text",
            description = "text: one award per line (default). json: one JSON object per award per line.")
    EvaluateCommand.Format format;

    @Mixin
    RuleSetOption rules;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        RuleSet ruleSet = rules.load(spec.commandLine().getErr());
        if (ruleSet == null) {
            return ExitStatus.RULE_SET;
        }
        for (Award a : ruleSet.awards()) {
            if (format == EvaluateCommand.Format.json) {
                out.println(org.accrue.report.JsonReport.json(a));
            } else {
                out.printf("%-28s SCQF %-3d %s%n", a.id(), a.scqfLevel(), a.title());
            }
        }
        out.flush();
        return ExitStatus.OK;
    }
}
