package org.accrue.cli;

import org.accrue.EvaluationException;
import org.accrue.RuleSet;
import org.accrue.learner.LearnerRecord;
import org.accrue.planning.Catalogue;
import org.accrue.planning.Objective;
import org.accrue.planning.PlanReport;
import org.accrue.planning.PlanRequest;
import org.accrue.planning.PlanResult;
import org.accrue.reading.Catalogues;
import org.accrue.reading.InvalidInputException;
import org.accrue.reading.LearnerFiles;
import org.accrue.vocabulary.Award;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "plan", sortOptions = false, mixinStandardHelpOptions = true,
        description = {"Finds the least costly set of catalogue items that would make a learner eligible for an award.",
                "Each item is added as a credential issued on the plan's date, and the learner is judged by the same "
                        + "rule files and the same allocation as 'accrue evaluate': recency, caps on transfer and "
                        + "prior learning, equivalences, levels and exclusions apply to planned items as to held ones. "
                        + "The plan is exact: no other set of items is better by the objective (ties go to fewer "
                        + "items, then to item ids in order). An item's prerequisites must be held already or be in "
                        + "the plan. docs/planning.md describes the catalogue and the semantics."},
        exitCodeListHeading = "%nExit status:%n", exitCodeList = {
        "0:a plan, or the reason there is none, for every award asked for",
        "1:the learner file or the catalogue could not be read (one line naming the file and the field)",
        "2:usage error: unknown option, bad date, unknown award id, a negative budget, an unreadable trust list",
        "3:the rule set could not be loaded, or failed on this learner",
        "4:internal error in Accrue"})
final class PlanCommand implements Callable<Integer> {
    enum Format { text, json }

    enum Minimise { cost, hours, count }

    @Spec
    CommandSpec spec;

    @Option(names = "--award", paramLabel = "ID", description = "The award to plan for ('accrue awards' lists them).")
    String award;

    @Option(names = "--all-awards", description = "Plan for every award of the rule set: how far the learner is "
            + "from each.")
    boolean allAwards;

    @Option(names = "--catalogue", paramLabel = "FILE", required = true,
            description = "The items on offer: YAML or JSON with 'items:', or CSV (docs/planning.md).")
    Path catalogue;

    @Option(names = "--as-of", paramLabel = "YYYY-MM-DD",
            description = "The plan's date: planned items are issued on it, and recency counts back from it. "
                    + "Default: today.")
    LocalDate asOf;

    @Option(names = "--minimise", paramLabel = "cost|hours|count", defaultValue = "cost",
            description = "What the plan minimises: its price in the catalogue's currency (default), its learning "
                    + "hours, or its number of items.")
    Minimise minimise;

    @Option(names = "--budget", paramLabel = "AMOUNT",
            description = "The most the plan may cost, in the catalogue's currency.")
    BigDecimal budget;

    @Option(names = "--alternatives", paramLabel = "K", defaultValue = "2",
            description = "How many further plans to show after the best (0-" + PlanRequest.MAX_ALTERNATIVES
                    + "; default 2).")
    int alternatives;

    @Option(names = "--format", paramLabel = "text|json", defaultValue = "text",
            description = "text: the plan as a list a learner can act on (default). json: one object per award "
                    + "per line (docs/planning.md).")
    Format format;

    @Mixin
    RuleSetOption rules;

    @Mixin
    TrustOption trust;

    @Parameters(paramLabel = "LEARNER_FILE", description = "The learner's file, in any format 'accrue evaluate' reads.")
    Path learnerFile;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if ((award == null) == !allAwards) {
            return usage(err, "give --award ID or --all-awards, not both");
        }
        if (budget != null && budget.signum() < 0) {
            return usage(err, "--budget cannot be negative");
        }
        if (alternatives < 0 || alternatives > PlanRequest.MAX_ALTERNATIVES) {
            return usage(err, "--alternatives must be from 0 to " + PlanRequest.MAX_ALTERNATIVES);
        }
        RuleSet ruleSet = rules.load(err);
        if (ruleSet == null) {
            return ExitStatus.RULE_SET;
        }
        ruleSet = trust.apply("plan", ruleSet, err);
        if (ruleSet == null) {
            return ExitStatus.USAGE;
        }
        if (award != null) {
            String unknown = RuleSetOption.unknownAward("plan", ruleSet, List.of(award));
            if (unknown != null) {
                err.println(unknown);
                err.flush();
                return ExitStatus.USAGE;
            }
        }
        LearnerRecord learner;
        Catalogue items;
        try {
            learner = LearnerFiles.read(learnerFile);
            items = Catalogues.read(catalogue);
        } catch (InvalidInputException e) {
            err.println(e.getMessage());
            err.flush();
            return ExitStatus.BAD_INPUT;
        }
        LocalDate date = asOf == null ? LocalDate.now() : asOf;
        Objective objective = Objective.valueOf(minimise.name().toUpperCase(java.util.Locale.ROOT));
        List<String> awards = allAwards ? ruleSet.awards().stream().map(Award::id).toList() : List.of(award);
        List<PlanRequest> requests = new ArrayList<>();
        for (String a : awards) {
            requests.add(new PlanRequest(a, date, objective, budget, alternatives));
        }
        List<PlanResult> results;
        try {
            results = ruleSet.plan(learner, items, requests);
        } catch (IllegalArgumentException e) {
            err.println("accrue plan: " + e.getMessage());
            err.flush();
            return ExitStatus.BAD_INPUT;
        } catch (EvaluationException e) {
            err.println("accrue plan: " + learnerFile + ": " + e.getMessage());
            err.flush();
            return ExitStatus.RULE_SET;
        }
        boolean first = true;
        for (PlanResult r : results) {
            if (format == Format.json) {
                out.println(PlanReport.json(r));
            } else {
                if (!first) {
                    out.println();
                }
                out.print(PlanReport.text(r, items));
            }
            first = false;
        }
        out.flush();
        return ExitStatus.OK;
    }

    private static int usage(PrintWriter err, String message) {
        err.println("accrue plan: " + message);
        err.flush();
        return ExitStatus.USAGE;
    }
}
