package org.accrue.cli;

import org.accrue.EvaluationException;
import org.accrue.RuleSet;
import org.accrue.learner.Credential;
import org.accrue.learner.LearnerRecord;
import org.accrue.planning.WhatIf;
import org.accrue.reading.Catalogues;
import org.accrue.reading.InvalidInputException;
import org.accrue.reading.LearnerFiles;
import org.accrue.report.JsonReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "what-if", sortOptions = false, mixinStandardHelpOptions = true,
        description = {"Evaluates a learner as they are and with some credentials added, and shows per award what "
                + "changes.",
                "Each --add FILE is a catalogue (its items are added, each issued on the --as-of date), a fragment "
                        + "with 'credentials:' and no 'learner:', or any learner file (its credentials are added as "
                        + "they are)."},
        exitCodeListHeading = "%nExit status:%n", exitCodeList = {
        "0:the learner was evaluated both ways",
        "1:the learner file or a file to add could not be read, or adds a credential id the learner already uses",
        "2:usage error: unknown option, bad date, unknown award id, an unreadable trust list",
        "3:the rule set could not be loaded, or failed on this learner",
        "4:internal error in Accrue"})
final class WhatIfCommand implements Callable<Integer> {
    enum Format { text, json }

    @Spec
    CommandSpec spec;

    @Option(names = "--add", paramLabel = "FILE", required = true,
            description = "Credentials to add (repeatable): a catalogue, a 'credentials:' fragment or a learner file.")
    List<Path> add = new ArrayList<>();

    @Option(names = "--as-of", paramLabel = "YYYY-MM-DD", description = "The evaluation date. Default: today.")
    LocalDate asOf;

    @Option(names = "--award", paramLabel = "ID", description = "Compare only this award (repeatable). Default: all.")
    List<String> awards = new ArrayList<>();

    @Option(names = "--format", paramLabel = "text|json", defaultValue = "text",
            description = "text: the awards that change, in words (default). json: one object (docs/planning.md).")
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
        RuleSet ruleSet = rules.load(err);
        if (ruleSet == null) {
            return ExitStatus.RULE_SET;
        }
        ruleSet = trust.apply("what-if", ruleSet, err);
        if (ruleSet == null) {
            return ExitStatus.USAGE;
        }
        String unknown = RuleSetOption.unknownAward("what-if", ruleSet, awards);
        if (unknown != null) {
            err.println(unknown);
            err.flush();
            return ExitStatus.USAGE;
        }
        LocalDate date = asOf == null ? LocalDate.now() : asOf;
        LearnerRecord learner;
        List<Credential> additions = new ArrayList<>();
        try {
            learner = LearnerFiles.read(learnerFile);
            for (Path f : add) {
                additions.addAll(Catalogues.additions(f, date));
            }
        } catch (InvalidInputException e) {
            err.println(e.getMessage());
            err.flush();
            return ExitStatus.BAD_INPUT;
        }
        WhatIf w;
        try {
            RuleSet rs = ruleSet.withLimits(ruleSet.limits().withMaxCredentials(Math.max(ruleSet.limits()
                    .maxCredentials(), learner.credentials().size() + additions.size())));
            w = WhatIf.of(learner, additions, r -> rs.evaluate(r, date, awards));
        } catch (IllegalArgumentException e) {
            err.println("accrue what-if: " + e.getMessage());
            err.flush();
            return ExitStatus.BAD_INPUT;
        } catch (EvaluationException e) {
            err.println("accrue what-if: " + learnerFile + ": " + e.getMessage());
            err.flush();
            return ExitStatus.RULE_SET;
        }
        out.print(format == Format.json ? JsonReport.json(w) + "\n" : w.text());
        out.flush();
        return ExitStatus.OK;
    }
}
