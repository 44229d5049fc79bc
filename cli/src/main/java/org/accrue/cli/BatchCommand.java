package org.accrue.cli;

import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.accrue.RuleSet;
import org.accrue.batch.BatchException;
import org.accrue.batch.BatchJob;
import org.accrue.batch.Tally;
import org.accrue.report.Printable;
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

@Command(name = "batch", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Evaluates many learners: learner files, folders of them (recursively) and JSON Lines files "
                + "(.jsonl, one learner record per line). Writes one JSON line per learner to --out, in input "
                + "order, as 'evaluate --format json' does, and one JSON line per bad record to the rejects file "
                + "with its source (file, or file:line) and the reason; the run goes on past bad records.",
                "Every record is accounted for: read = evaluated + rejected. A checkpoint beside the output lets "
                        + "--resume continue a killed run with no learner missing and none written twice."},
        exitCodeListHeading = "%nExit status:%n", exitCodeList = {
        "0:every record was evaluated",
        "1:some records were rejected (see the rejects file), or the output could not be written",
        "2:usage error (an unreadable trust list among them), or the output exists (use --resume or --force)",
        "3:the rule set could not be loaded"})
final class BatchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "INPUT", arity = "1..*", description = "Learner files, folders, .jsonl files.")
    List<Path> inputs;

    @Option(names = "--out", paramLabel = "FILE", required = true, description = "Where the results go (JSON Lines).")
    Path out;

    @Option(names = "--rejects", paramLabel = "FILE",
            description = "Where bad records go (JSON Lines). Default: <out>.rejects.jsonl.")
    Path rejects;

    @Option(names = "--as-of", paramLabel = "YYYY-MM-DD",
            description = "The evaluation date. Default: today; on --resume, the date the run started with.")
    LocalDate asOf;

    @Option(names = "--award", paramLabel = "ID", description = "Evaluate only this award (repeatable).")
    List<String> awards = new ArrayList<>();

    @Option(names = "--threads", paramLabel = "N", description = "Worker threads. Default: all cores.")
    int threads = Runtime.getRuntime().availableProcessors();

    @Option(names = "--resume", description = "Continue the run that wrote --out, from its checkpoint.")
    boolean resume;

    @Option(names = "--force", description = "Start again, overwriting --out, its rejects and its checkpoint.")
    boolean force;

    @Option(names = "--summary", description = "Print counts per award (eligible / not) and per rejection reason.")
    boolean summary;

    @Option(names = "--summary-csv", paramLabel = "FILE", description = "Write the summary as CSV.")
    Path summaryCsv;

    @Option(names = "--quiet", description = "No progress line (there is none when stderr is not a terminal).")
    boolean quiet;

    @Mixin
    DetailOption detail;

    @Mixin
    RuleSetOption rules;

    @Mixin
    LimitsOption limits;

    @Mixin
    TrustOption trust;

    @Override
    public Integer call() throws IOException {
        PrintWriter err = spec.commandLine().getErr();
        if (threads < 1 || threads > MAX_THREADS) {
            err.println("accrue batch: --threads " + threads + ": must be 1 to " + MAX_THREADS);
            return ExitStatus.USAGE;
        }
        if (resume && force) {
            err.println("accrue batch: --resume and --force contradict each other");
            return ExitStatus.USAGE;
        }
        RuleSet loaded = rules.load(err);
        RuleSet ruleSet = loaded == null ? null : limits.apply("batch", loaded, err);
        ruleSet = ruleSet == null ? null : trust.apply("batch", ruleSet, err);
        if (loaded != null && ruleSet == null) {
            return ExitStatus.USAGE;
        }
        if (ruleSet == null) {
            return ExitStatus.RULE_SET;
        }
        ruleSet = ruleSet.withDetail(detail.detail);
        String unknown = RuleSetOption.unknownAward("batch", ruleSet, awards);
        if (unknown != null) {
            err.println(unknown);
            return ExitStatus.USAGE;
        }
        BatchJob.Options options = new BatchJob.Options(inputs, out, rejects, threads, asOf, awards, resume, force);
        boolean showProgress = !quiet && System.console() != null;
        Tally tally;
        try (Bar bar = showProgress ? new Bar(inputs) : null) {
            tally = new BatchJob(ruleSet, options, bar == null ? BatchJob.Progress.NONE : bar).run();
        } catch (BatchException e) {
            err.println("accrue batch: " + e.getMessage());
            return ExitStatus.USAGE;
        } catch (IOException e) {
            err.println("accrue batch: " + Printable.visible(org.accrue.io.IoErrors.describe(e)));
            return ExitStatus.BAD_INPUT;
        }
        if (summary) {
            tally.print(spec.commandLine().getOut());
        } else {
            err.printf("accrue batch: read %d = evaluated %d + rejected %d%s%n", tally.read(), tally.evaluated(),
                    tally.rejected(), tally.rejected() > 0 ? "; rejects in " + options.rejectsFile() : "");
        }
        if (summaryCsv != null) {
            try {
                writeCsv(tally, summaryCsv);
            } catch (IOException e) {
                err.println("accrue batch: --summary-csv " + Printable.visible(org.accrue.io.IoErrors.describe(e)));
                err.flush();
                return ExitStatus.BAD_INPUT;
            }
        }
        err.flush();
        return tally.rejected() == 0 ? ExitStatus.OK : ExitStatus.BAD_INPUT;
    }

    /** More worker threads than this is a typing error, not a machine. */
    static final int MAX_THREADS = 1024;

    /** The summary as CSV, written whole or not at all. */
    private static void writeCsv(Tally tally, Path file) throws IOException {
        java.io.StringWriter w = new java.io.StringWriter();
        tally.writeCsv(w);
        org.accrue.io.AtomicFiles.write(file, w.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** The progress line: records done, rate and time remaining, on stderr. */
    private static final class Bar implements BatchJob.Progress, AutoCloseable {
        private final long total;
        private ProgressBar bar;

        Bar(List<Path> inputs) {
            this.total = org.accrue.batch.Records.count(inputs);
        }

        @Override
        public void start(long done) {
            bar = new ProgressBarBuilder().setTaskName("accrue batch").setInitialMax(total)
                    .setStyle(ProgressBarStyle.ASCII).setUnit(" learners", 1).showSpeed().startsFrom(done, java.time.Duration.ZERO)
                    .build();
        }

        @Override
        public void step(long done) {
            bar.stepTo(done);
        }

        @Override
        public void stop() {
            if (bar != null) {
                bar.close();
                bar = null;
            }
        }

        @Override
        public void close() {
            stop();
        }
    }
}
