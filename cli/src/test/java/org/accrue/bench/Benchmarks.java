package org.accrue.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.accrue.RuleSet;
import org.accrue.batch.BatchJob;
import org.accrue.batch.Tally;
import org.accrue.learner.LearnerRecord;
import org.accrue.population.PopulationGenerator;
import org.accrue.reading.LearnerFiles;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * Every benchmark in one run, printed as one table with ratios (the machine is shared: compare within a run).
 * Run by {@code bench/run}; not a test, and no test asserts a timing.
 */
public final class Benchmarks {
    private static final LocalDate AS_OF = LocalDate.of(2026, 11, 28);

    public static void main(String[] args) throws Exception {
        int learners = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        boolean batchOnly = java.util.Arrays.asList(args).contains("--batch");
        int threads = Runtime.getRuntime().availableProcessors();
        Path dir = Files.createTempDirectory("accrue-bench");
        // a registry's population (learners share the courses of a catalogue), and one of a course per credential
        Path population = generate(dir.resolve("population.jsonl"), learners, PopulationGenerator.DEFAULT_CATALOGUE);
        Path unique = generate(dir.resolve("unique.jsonl"), learners, 0);
        System.err.printf("bench: %d learners generated, %d MB; %d threads%n", learners,
                Files.size(population) >> 20, threads);

        RuleSet rules = RuleSet.loadDefault();
        if (batchOnly) {
            batchRows(rules, dir, population, unique, learners, threads);
            return;
        }
        // warm up every path until the JIT has settled (the batch takes about 100,000 learners), so that each
        // figure is a steady state, as JMH's are, and none pays for compilation (the batch rows warm their own)
        Path warm = dir.resolve("warm.jsonl");
        try (var lines = Files.lines(population)) {
            Files.write(warm, lines.limit(Math.min(learners, 20_000)).toList());
        }
        for (int i = 0; i < 5; i++) {
            parseOnly(warm, threads, r -> ReferenceLadder.evaluate(r));
        }

        // best of two runs each: on a shared machine the slower run measures the neighbours
        double reference = best(learners, () -> parseOnly(population, threads, r -> ReferenceLadder.evaluate(r)));
        double[] latency = jmh(dir.resolve("jmh-cache"));
        double[] compile = compileTimes();

        double[] batchFigures = batchRows(rules, dir, population, unique, learners, threads);
        row("hand-written SCQF ladder (no rules engine, 9 awards), learners/s", reference,
                ratio(batchFigures[1], reference) + " batch (full) / hand-written");
        System.out.printf(Locale.ROOT, "| single-learner evaluate latency (JMH), median | %.0f us | |%n", latency[0]);
        System.out.printf(Locale.ROOT, "| single-learner evaluate latency (JMH), p99 | %.0f us | %.1f x median |%n",
                latency[1], latency[1] / latency[0]);
        System.out.printf(Locale.ROOT, "| rule set load, first run (compile), whole process | %.2f s | |%n", compile[0]);
        System.out.printf(Locale.ROOT, "| rule set load, cached, whole process | %.2f s | %.2f of first |%n", compile[1],
                compile[1] / compile[0]);
        Hardening.rows(rules, dir);
        try (var files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
    }

    private static Path generate(Path file, int learners, int catalogue) throws Exception {
        ObjectMapper json = new ObjectMapper();
        PopulationGenerator generator = new PopulationGenerator(1, AS_OF, catalogue);
        try (BufferedWriter w = Files.newBufferedWriter(file)) {
            for (long n = 1; n <= learners; n++) {
                w.write(json.writeValueAsString(generator.learner(n)));
                w.write('\n');
            }
        }
        return file;
    }

    /**
     * The batch rows: parse-only against the batch at each level of detail, one thread against two, on the
     * catalogue population and on the one of a course per credential; the stages of one learner at full and at
     * verdicts. Prints the table's header and rows; returns {parse-only, batch full} on the catalogue population.
     */
    private static double[] batchRows(RuleSet full, Path dir, Path population, Path unique, int learners, int threads)
            throws Exception {
        RuleSet requirements = full.withDetail(org.accrue.result.Detail.REQUIREMENTS);
        RuleSet verdicts = full.withDetail(org.accrue.result.Detail.VERDICTS);
        Path warm = dir.resolve("warm.jsonl");
        try (var lines = Files.lines(population)) {
            Files.write(warm, lines.limit(Math.min(learners, 20_000)).toList());
        }
        for (int i = 0; i < 5; i++) {
            parseOnly(warm, threads, r -> { });
            for (RuleSet r : List.of(full, requirements, verdicts)) {
                batch(r, warm, dir.resolve("warm-out.jsonl"), threads);
            }
        }
        Stages.Figures stages = Stages.best(full, warm, AS_OF, 20_000, 5);
        Stages.Figures verdictStages = Stages.best(verdicts, warm, AS_OF, 20_000, 5);

        // best of two runs each: on a shared machine the slower run measures the neighbours
        double parse = best(learners, () -> parseOnly(population, threads, r -> { }));
        double batchFull = best(learners, () -> batch(full, population, dir.resolve("out.jsonl"), threads));
        double batchRequirements = best(learners, () -> batch(requirements, population, dir.resolve("out.jsonl"), threads));
        double batchVerdicts = best(learners, () -> batch(verdicts, population, dir.resolve("out.jsonl"), threads));
        Path quarter = slice(population, dir, learners / 4);
        double full1 = best(learners / 4, () -> batch(full, quarter, dir.resolve("out1.jsonl"), 1));
        double verdicts1 = best(learners / 4, () -> batch(verdicts, quarter, dir.resolve("out1.jsonl"), 1));
        double parseUnique = best(learners, () -> parseOnly(unique, threads, r -> { }));
        double fullUnique = best(learners, () -> batch(full, unique, dir.resolve("out.jsonl"), threads));
        double verdictsUnique = best(learners, () -> batch(verdicts, unique, dir.resolve("out.jsonl"), threads));

        System.out.println();
        System.out.println("| measure | figure | ratio |");
        System.out.println("|---|---|---|");
        row("parse and validate only (the limit), learners/s", parse, "1.00");
        row("batch --detail verdicts, " + threads + " threads, learners/s", batchVerdicts,
                ratio(batchVerdicts, parse) + " of parse-only (target 0.25)");
        row("batch --detail requirements, " + threads + " threads, learners/s", batchRequirements,
                ratio(batchRequirements, parse) + " of parse-only");
        row("batch --detail full, " + threads + " threads, learners/s", batchFull,
                ratio(batchFull, parse) + " of parse-only (target 0.12)");
        row("batch --detail full, 1 thread, learners/s", full1, ratio(batchFull, full1) + " speed-up with " + threads
                + " threads (target 1.8)");
        row("batch --detail verdicts, 1 thread, learners/s", verdicts1, ratio(batchVerdicts, verdicts1)
                + " speed-up with " + threads + " threads (target 1.8)");
        row("a course per credential: parse and validate only, learners/s", parseUnique, "1.00");
        row("a course per credential: batch --detail verdicts, " + threads + " threads, learners/s", verdictsUnique,
                ratio(verdictsUnique, parseUnique) + " of its parse-only");
        row("a course per credential: batch --detail full, " + threads + " threads, learners/s", fullUnique,
                ratio(fullUnique, parseUnique) + " of its parse-only");
        double perLearner = stages.parse() + stages.evaluate() + stages.write();
        System.out.printf(Locale.ROOT, "| one learner on one core (CPU time): parse and validate | %.1f us | %.2f of the three |%n",
                stages.parse(), stages.parse() / perLearner);
        System.out.printf(Locale.ROOT, "| one learner on one core (CPU time): evaluate, full | %.1f us | %.2f of the three |%n",
                stages.evaluate(), stages.evaluate() / perLearner);
        System.out.printf(Locale.ROOT, "| one learner on one core (CPU time): write the full result (%.0f bytes of JSON) | %.1f us | %.2f of the three; %.2f x parsing (target 1.0) |%n",
                stages.bytes(), stages.write(), stages.write() / perLearner, stages.write() / stages.parse());
        System.out.printf(Locale.ROOT, "| one learner on one core (CPU time): evaluate, verdicts | %.1f us | %.2f of full |%n",
                verdictStages.evaluate(), verdictStages.evaluate() / stages.evaluate());
        System.out.printf(Locale.ROOT, "| one learner on one core (CPU time): write the verdicts (%.0f bytes of JSON) | %.1f us | %.2f x parsing |%n",
                verdictStages.bytes(), verdictStages.write(), verdictStages.write() / stages.parse());
        return new double[]{parse, batchFull};
    }

    interface Timed {
        void run() throws Exception;
    }

    private static double best(long n, Timed t) throws Exception {
        return Math.max(rate(n, t), rate(n, t));
    }

    private static double rate(long n, Timed t) throws Exception {
        long start = System.nanoTime();
        t.run();
        return n / ((System.nanoTime() - start) / 1e9);
    }

    private static void row(String what, double rate, String ratio) {
        System.out.printf(Locale.ROOT, "| %s | %,.0f | %s |%n", what, rate, ratio);
    }

    private static String ratio(double a, double b) {
        return String.format(Locale.ROOT, "%.2f", a / b);
    }

    private static Path slice(Path population, Path dir, int n) throws Exception {
        Path out = dir.resolve("slice-" + n + ".jsonl");
        try (var lines = Files.lines(population)) {
            Files.write(out, lines.limit(n).toList());
        }
        return out;
    }

    /** Reads and validates every record with the batch's reader, in chunks on all threads, then {@code then}. */
    private static void parseOnly(Path file, int threads, Consumer<LearnerRecord> then) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try (BufferedReader in = Files.newBufferedReader(file)) {
            List<Future<?>> pending = new ArrayList<>();
            List<String> chunk = new ArrayList<>();
            String line;
            long n = 0;
            while ((line = in.readLine()) != null) {
                chunk.add(line);
                if (chunk.size() == 500) {
                    pending.add(submit(pool, chunk, n, file, then));
                    n += chunk.size();
                    chunk = new ArrayList<>();
                    if (pending.size() > threads * 4) {
                        pending.remove(0).get();
                    }
                }
            }
            pending.add(submit(pool, chunk, n, file, then));
            for (Future<?> f : pending) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
    }

    private static Future<?> submit(ExecutorService pool, Collection<String> lines, long first, Path file,
                                    Consumer<LearnerRecord> then) {
        return pool.submit(() -> {
            long n = first;
            for (String l : lines) {
                try {
                    then.accept(LearnerFiles.parse(l, file + ":" + (++n), true));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
        });
    }

    private static void batch(RuleSet rules, Path input, Path out, int threads) throws Exception {
        Tally t = new BatchJob(rules, new BatchJob.Options(List.of(input), out, null, threads, AS_OF, List.of(),
                false, true), BatchJob.Progress.NONE).run();
        if (t.rejected() > 0) {
            throw new IllegalStateException(t.rejected() + " rejected");
        }
    }

    /** Median and p99 of single-learner evaluation, in microseconds. */
    private static double[] jmh(Path cache) throws Exception {
        Collection<RunResult> results = new Runner(new OptionsBuilder()
                .include(LatencyBenchmark.class.getName())
                .forks(1)
                .warmupIterations(3).warmupTime(TimeValue.seconds(2))
                .measurementIterations(5).measurementTime(TimeValue.seconds(2))
                .jvmArgs("-Xmx1g", "-Daccrue.cache.dir=" + System.getProperty("accrue.cache.dir",
                        cache.toString()))
                .build()).run();
        var stats = results.iterator().next().getPrimaryResult().getStatistics();
        return new double[]{stats.getPercentile(50), stats.getPercentile(99)};
    }

    /** A whole `accrue awards` process: with an empty cache (first), then with the cache it left (cached). */
    private static double[] compileTimes() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        double first = 0;
        double cached = 0;
        int runs = 3;
        for (int i = 0; i < runs; i++) {
            Path cache = Files.createTempDirectory("accrue-bench-cache");
            first += process(java, cache);
            cached += process(java, cache);
            try (var files = Files.walk(cache)) {
                files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
        return new double[]{first / runs, cached / runs};
    }

    private static double process(String java, Path cache) throws Exception {
        long start = System.nanoTime();
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                "-Daccrue.cache.dir=" + cache, "org.accrue.cli.AccrueCommand", "awards")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (p.waitFor() != 0) {
            throw new IllegalStateException("accrue awards failed");
        }
        return (System.nanoTime() - start) / 1e9;
    }
}
