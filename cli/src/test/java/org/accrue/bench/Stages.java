package org.accrue.bench;

import org.accrue.RuleSet;
import org.accrue.learner.LearnerRecord;
import org.accrue.reading.LearnerFiles;
import org.accrue.report.JsonReport;
import org.accrue.result.EvaluationResult;

import java.io.BufferedReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * The cost of each stage of the batch for one learner on one core: parse and validate, check, evaluate, write
 * the JSON line (at the rule set's level of detail). Each stage is timed over the same learners, in the same JVM, one after another, in this
 * thread's CPU time (what the neighbours on a shared machine take is not counted).
 * Run by {@link Benchmarks}; also on its own ({@code Stages FILE.jsonl [ROUNDS]}) under a profiler.
 */
public final class Stages {
    private static final java.lang.management.ThreadMXBean CPU = java.lang.management.ManagementFactory.getThreadMXBean();

    /** Microseconds per learner: parse, evaluate, write; and the mean JSON line length in bytes. */
    record Figures(double parse, double evaluate, double write, double bytes) {
    }

    static Figures measure(RuleSet rules, Path population, LocalDate asOf, int limit) throws Exception {
        List<String> lines = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(population)) {
            String l;
            while ((l = in.readLine()) != null && lines.size() < limit) {
                lines.add(l);
            }
        }
        String source = population.toString();
        List<LearnerRecord> records = new ArrayList<>(lines.size());
        long t0 = CPU.getCurrentThreadCpuTime();
        for (int i = 0; i < lines.size(); i++) {
            records.add(LearnerFiles.parse(lines.get(i), source + ":" + (i + 1), true));
        }
        long t1 = CPU.getCurrentThreadCpuTime();
        List<EvaluationResult> results = new ArrayList<>(records.size());
        for (LearnerRecord r : records) {
            results.add(rules.evaluate(r, asOf));
        }
        long t2 = CPU.getCurrentThreadCpuTime();
        long bytes = 0;
        for (EvaluationResult r : results) {
            bytes += JsonReport.utf8(r, rules.detail()).length;
        }
        long t3 = CPU.getCurrentThreadCpuTime();
        double n = lines.size();
        return new Figures((t1 - t0) / 1e3 / n, (t2 - t1) / 1e3 / n, (t3 - t2) / 1e3 / n, bytes / n);
    }

    /** The least of each stage over {@code rounds} measurements, after two rounds to warm up. */
    static Figures best(RuleSet rules, Path population, LocalDate asOf, int limit, int rounds) throws Exception {
        measure(rules, population, asOf, limit);
        measure(rules, population, asOf, limit);
        Figures best = null;
        for (int i = 0; i < rounds; i++) {
            Figures f = measure(rules, population, asOf, limit);
            best = best == null ? f : new Figures(Math.min(best.parse(), f.parse()),
                    Math.min(best.evaluate(), f.evaluate()), Math.min(best.write(), f.write()), f.bytes());
        }
        return best;
    }

    public static void main(String[] args) throws Exception {
        RuleSet rules = RuleSet.loadDefault();
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        Figures f = best(rules, Path.of(args[0]), LocalDate.of(2026, 11, 28), 20_000, rounds);
        System.out.printf("parse %.1f us, evaluate %.1f us, write %.1f us, %.0f bytes%n",
                f.parse(), f.evaluate(), f.write(), f.bytes());
    }
}
