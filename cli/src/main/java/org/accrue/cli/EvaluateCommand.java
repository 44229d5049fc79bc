package org.accrue.cli;

import org.accrue.Outcome;
import org.accrue.RuleSet;
import org.accrue.reading.LearnerFiles;
import org.accrue.report.BadgeWriter;
import org.accrue.report.JsonReport;
import org.accrue.report.TextReport;
import org.accrue.result.EvaluationResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "evaluate", sortOptions = false, mixinStandardHelpOptions = true,
        description = {"Decides which awards each learner is eligible for, and explains why.",
                "Each FILE is a learner file in any format Accrue reads, chosen by its content: an Accrue learner "
                        + "record (YAML or JSON), an Open Badges 3.0 credential, a CLR 2.0 credential, a Europass "
                        + "(ELM v3) credential or a CSV transcript (docs/formats.md). A folder stands for the .yaml, "
                        + ".yml, .json and .csv files below it; a folder of one learner's files is one learner, and with "
                        + "--join-learners so are files that name the same learner id wherever they are given. "
                        + "A file that cannot be read or evaluated is reported on stderr in one line naming the "
                        + "file and the field, and the other files are still evaluated."},
        exitCodeListHeading = "%nExit status:%n", exitCodeList = {
        "0:every input was read and evaluated, whatever the verdicts",
        "1:at least one learner file could not be read, was too large or went over a limit; the others were evaluated",
        "2:usage error: unknown option, bad date, unknown award id, a trust list or signing key that cannot be read",
        "3:the rule set could not be loaded, or failed on a learner",
        "4:internal error in Accrue"})
final class EvaluateCommand implements Callable<Integer> {
    enum Format { text, json }

    @Spec
    CommandSpec spec;

    @Option(names = "--as-of", paramLabel = "YYYY-MM-DD",
            description = "The evaluation date: recency limits count back from it. Default: today.")
    LocalDate asOf;

    @Option(names = "--award", paramLabel = "ID",
            description = "Evaluate only this award (repeatable). Default: every award of the rule set; "
                    + "'accrue awards' lists them.")
    List<String> awards = new ArrayList<>();

    @Mixin
    DetailOption detail;

    @Option(names = "--join-learners",
            description = "Read files (and folders) that name the same learner id as one learner, wherever they are "
                    + "given: one record of all their credentials, one result (a badge, a Europass credential and a "
                    + "transcript of one person). Without it each file is its own learner, so two versions of one "
                    + "learner's file can be compared side by side.")
    boolean joinLearners;

    @Option(names = "--format", paramLabel = "text|json", defaultValue = "text",
            description = "text: a report for a registry officer (default). json: one JSON object per learner "
                    + "per line, as described by docs/result.schema.json.")
    Format format;

    @Option(names = "--emit-badge", paramLabel = "DIR",
            description = "Also write, for each award a learner is eligible for, an Open Badges 3.0 "
                    + "AchievementCredential to DIR, with the counted credentials and the rule-set hash as evidence; "
                    + "unsigned unless --sign-key is given.")
    Path emitBadge;

    @Option(names = "--sign-key", paramLabel = "KEY",
            description = "Sign the badges --emit-badge writes with this Ed25519 private key (a JWK, as 'accrue keys "
                    + "generate' writes): an eddsa-rdfc-2022 proof, the key's did:key as issuer.")
    Path signKey;

    @Option(names = "--sign-format", paramLabel = "data-integrity|jwt", defaultValue = "data-integrity",
            description = "data-integrity: an embedded eddsa-rdfc-2022 proof, in .json (default). jwt: a VC-JWT "
                    + "(EdDSA), in .jwt.")
    String signFormat;

    @Option(names = "--issuer", paramLabel = "NAME", defaultValue = "Accrue",
            description = "The issuer named in emitted badges (the institution that will sign them). Default: Accrue.")
    String issuer;

    @Mixin
    RuleSetOption rules;

    @Mixin
    LimitsOption limits;

    @Mixin
    TrustOption trust;

    @Parameters(paramLabel = "FILE", arity = "1..*", description = "Learner files or folders of them.")
    List<Path> files;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        RuleSet ruleSet = rules.load(err);
        if (ruleSet == null) {
            return ExitStatus.RULE_SET;
        }
        ruleSet = limits.apply("evaluate", ruleSet, err);
        ruleSet = ruleSet == null ? null : trust.apply("evaluate", ruleSet, err);
        if (ruleSet == null) {
            return ExitStatus.USAGE;
        }
        String unknown = RuleSetOption.unknownAward("evaluate", ruleSet, awards);
        if (unknown != null) {
            err.println(unknown);
            err.flush();
            return ExitStatus.USAGE;
        }
        org.accrue.trust.Signer signer = null;
        if (signKey != null) {
            if (!signFormat.equals("data-integrity") && !signFormat.equals("jwt")) {
                err.println("accrue evaluate: --sign-format " + signFormat + ": expected data-integrity or jwt");
                err.flush();
                return ExitStatus.USAGE;
            }
            if (emitBadge == null) {
                err.println("accrue evaluate: --sign-key signs the badges --emit-badge DIR writes; give --emit-badge");
                err.flush();
                return ExitStatus.USAGE;
            }
            try {
                signer = org.accrue.trust.Signer.read(signKey);
            } catch (org.accrue.reading.InvalidInputException e) {
                err.println("accrue evaluate: --sign-key " + e.getMessage());
                err.flush();
                return ExitStatus.USAGE;
            }
        }
        LocalDate date = asOf == null ? LocalDate.now() : asOf;
        List<Path> inputs;
        try {
            inputs = LearnerFiles.expand(files);
        } catch (IOException e) {
            err.println("accrue evaluate: " + e.getMessage());
            err.flush();
            return ExitStatus.BAD_INPUT;
        }
        int status = ExitStatus.OK;
        if (inputs.isEmpty()) {
            err.println("accrue evaluate: no learner files (.yaml, .yml, .json, .csv) in " + files);
            status = ExitStatus.BAD_INPUT;
        }
        boolean first = true;
        // badges are made from the full result; what is written is the level asked for
        RuleSet evaluating = emitBadge != null ? ruleSet : ruleSet.withDetail(detail.detail);
        List<List<Path>> learners = joinLearners ? LearnerFiles.byLearner(inputs)
                : inputs.stream().map(List::of).toList();
        for (List<Path> learner : learners) {
            Outcome outcome = evaluating.evaluateFiles(learner, date, awards);
            if (outcome instanceof Outcome.Rejected r) {
                err.println(r.message());
                err.flush();
                status = switch (r.reason()) {
                    case RULE_FAILED -> Math.max(status, ExitStatus.RULE_SET);
                    case INTERNAL -> ExitStatus.INTERNAL;
                    default -> Math.max(status, ExitStatus.BAD_INPUT);
                };
                continue;
            }
            EvaluationResult result = ((Outcome.Evaluated) outcome).result();
            if (emitBadge != null) {
                try {
                    BadgeWriter.writeEligible(emitBadge, result, issuer, signer, "jwt".equals(signFormat));
                } catch (IOException e) {
                    err.println("accrue evaluate: --emit-badge " + org.accrue.io.IoErrors.describe(e));
                    err.flush();
                    status = Math.max(status, ExitStatus.BAD_INPUT);
                } catch (IllegalArgumentException e) {
                    err.println("accrue evaluate: --emit-badge " + e.getMessage());
                    err.flush();
                    status = Math.max(status, ExitStatus.BAD_INPUT);
                }
            }
            if (format == Format.json) {
                out.println(JsonReport.line(result, detail.detail));
            } else {
                if (!first) {
                    out.println();
                }
                out.print(TextReport.render(result, detail.detail));
            }
            out.flush();
            first = false;
        }
        return status;
    }
}
