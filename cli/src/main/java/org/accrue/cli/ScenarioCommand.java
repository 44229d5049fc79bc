package org.accrue.cli;

import org.accrue.RuleSet;
import org.accrue.reading.InvalidInputException;
import org.accrue.scenario.Scenario;
import org.accrue.scenario.ScenarioFiles;
import org.accrue.scenario.ScenarioRunner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "test", mixinStandardHelpOptions = true,
        description = {"Runs the rule tests next to the rules: every scenario in the files ending "
                + ScenarioFiles.SUFFIX + " below the rule folders, against the rule set of those folders.",
                "Prints PASS or FAIL per scenario, what differed for each failure, and 'N passed, N failed'."},
        exitCodeListHeading = "%nExit status:%n", exitCodeList = {
        "0:every scenario passed",
        "1:a scenario failed, or a scenario file could not be read",
        "2:usage error",
        "3:the rule set could not be loaded"})
final class ScenarioCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "DIR", arity = "0..*",
            description = "Folders of rule files and their scenarios, together one rule set. "
                    + "On the packaged framework rules unless --frameworks is given or a folder is named frameworks. "
                    + "Default: the packaged rule set and its scenarios.")
    List<Path> folders = new ArrayList<>();

    @picocli.CommandLine.Option(names = "--frameworks", paramLabel = "DIR",
            description = "Replace the packaged framework rules with this folder's (repeatable).")
    List<Path> frameworks = new ArrayList<>();

    @picocli.CommandLine.Option(names = "--watch",
            description = "Keep running: watch the rule folders (those named, or the working tree's when run from the "
                    + "repository) and, on each save, load the rule set again and re-run the scenarios, printing "
                    + "only what changed and how long it took. Stop with Ctrl-C.")
    boolean watch;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!watch) {
            RuleFolderWatch.Run r = once();
            r.problems().forEach(err::println);
            r.scenarios().values().forEach(out::println);
            if (r.summary() != null) {
                out.println(r.summary());
            }
            out.flush();
            err.flush();
            return r.status();
        }
        return RuleFolderWatch.watch("rules test", folders, frameworks, this::once, out, err);
    }

    /** Loads the rule set and runs every scenario once. */
    RuleFolderWatch.Run once() {
        java.io.StringWriter problems = new java.io.StringWriter();
        PrintWriter err = new PrintWriter(problems);
        java.util.Map<String, String> lines = new java.util.LinkedHashMap<>();
        RuleSetOption option = new RuleSetOption();
        option.folders = folders;
        option.frameworks = frameworks;
        RuleSet rules = option.load(err);
        if (rules == null) {
            err.flush();
            return new RuleFolderWatch.Run(lines, problems.toString().lines().toList(), null, ExitStatus.RULE_SET);
        }
        var tree = folders.isEmpty() ? WorkingTree.home() : java.util.Optional.<Path>empty();
        List<Path> files;
        try {
            files = tree.isPresent() ? ScenarioFiles.find(List.of(tree.get().resolve("rules")))
                    : folders.isEmpty() ? ScenarioFiles.packaged() : ScenarioFiles.find(folders);
        } catch (IOException e) {
            return new RuleFolderWatch.Run(lines, List.of("accrue rules test: the scenario files cannot be listed: "
                    + org.accrue.io.IoErrors.describe(e)), null, ExitStatus.BAD_INPUT);
        }
        if (files.isEmpty()) {
            return new RuleFolderWatch.Run(lines, List.of("accrue rules test: no scenario files (*" + ScenarioFiles.SUFFIX + ") in "
                    + (folders.isEmpty() ? "the packaged rule set" : folders.toString())), null, ExitStatus.BAD_INPUT);
        }
        int passed = 0;
        int failed = 0;
        List<String> unreadable = new ArrayList<>();
        for (Path file : files) {
            String display = tree.isPresent() ? WorkingTree.display(file)
                    : folders.isEmpty() ? "(packaged) " + file.toString().replaceFirst("^/?accrue/ruleset/", "")
                    : file.toString();
            List<Scenario> scenarios;
            try {
                scenarios = ScenarioFiles.read(file, display);
            } catch (InvalidInputException e) {
                unreadable.add(e.getMessage());
                failed++;
                continue;
            }
            for (Scenario s : scenarios) {
                ScenarioRunner.Outcome o = ScenarioRunner.run(rules, s);
                if (o.passed()) {
                    passed++;
                    lines.put(s.where(), "PASS " + s.where());
                } else {
                    failed++;
                    StringBuilder b = new StringBuilder("FAIL " + s.where());
                    o.differences().forEach(d -> b.append("\n       ").append(d));
                    lines.put(s.where(), b.toString());
                }
            }
        }
        return new RuleFolderWatch.Run(lines, unreadable, passed + " passed, " + failed + " failed",
                failed == 0 ? ExitStatus.OK : ExitStatus.BAD_INPUT);
    }
}
