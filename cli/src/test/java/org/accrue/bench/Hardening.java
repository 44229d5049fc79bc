package org.accrue.bench;

import org.accrue.Limits;
import org.accrue.RuleSet;
import org.accrue.allocation.Allocator;
import org.accrue.allocation.HardShapes;
import org.accrue.learner.LearnerRecord;
import org.accrue.reading.LearnerFiles;

import java.lang.management.ManagementFactory;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * The figures of the issue "Hold the line": the learner the adversarial review hung the allocation search with,
 * evaluated whole (rules and search) at 20, 40, 60, 200 and 5,000 credentials, with its time and the memory it
 * allocates; and {@code rules check} on 2,000, 4,000 and 8,000 refused sentences, which must grow linearly.
 */
final class Hardening {
    private static final LocalDate AS_OF = LocalDate.of(2026, 11, 28);

    private Hardening() {
    }

    /** These rows alone: {@code bench/run --hardening}. */
    public static void main(String[] args) throws Exception {
        Path dir = Files.createTempDirectory("accrue-hardening");
        System.out.println("| measure | figure | ratio |");
        System.out.println("|---|---|---|");
        rows(RuleSet.loadDefault(), dir);
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
    }

    static void rows(RuleSet rules, Path dir) throws Exception {
        RuleSet big = rules.withLimits(Limits.DEFAULT.withMaxCredentials(5_000).withTimeLimit(Duration.ofSeconds(60)));
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        for (int n : new int[] {20, 40, 60, 200, 5_000}) {
            LearnerRecord learner = review(n, dir);
            int runs = n >= 5_000 ? 3 : 21;
            double[] ms = new double[runs];
            long allocated = Long.MAX_VALUE;
            for (int i = 0; i < runs + 5; i++) { // five to warm up
                long bytes = threads.getCurrentThreadAllocatedBytes();
                long start = System.nanoTime();
                var award = big.evaluate(learner, AS_OF, List.of("pgcert-data-science")).award("pgcert-data-science")
                        .orElseThrow();
                long took = System.nanoTime() - start;
                long used = threads.getCurrentThreadAllocatedBytes() - bytes;
                if (award.eligible()) {
                    throw new IllegalStateException("the review's learner cannot be eligible");
                }
                if (i >= 5) {
                    ms[i - 5] = took / 1e6;
                    allocated = Math.min(allocated, used);
                }
            }
            Arrays.sort(ms);
            double median = ms[runs / 2];
            System.out.printf(Locale.ROOT, "| the review's learner, %,d RPL credentials, evaluate pgcert-data-science "
                    + "(median of %d) | %.1f ms, %.1f MB allocated | %.2f of the 100 ms target |%n", n, runs, median,
                    allocated / 1e6, median / 100);
        }
        long searched = Allocator.solve(HardShapes.review(5_000, 1)).searched();
        System.out.printf(Locale.ROOT, "| allocation search alone, 5,000 credentials of that shape | %,d states | |%n",
                searched);

        double first = 0;
        for (int n : new int[] {2_000, 4_000, 8_000}) {
            Path folder = refusedSentences(n, dir);
            double best = Double.MAX_VALUE;
            for (int i = 0; i < 3; i++) {
                long start = System.nanoTime();
                int problems = RuleSet.check(List.of(folder)).size();
                best = Math.min(best, (System.nanoTime() - start) / 1e6);
                if (problems != n) {
                    throw new IllegalStateException(problems + " problems for " + n + " refused sentences");
                }
            }
            first = first == 0 ? best : first;
            System.out.printf(Locale.ROOT, "| rules check, %,d rules each with a refused sentence (best of 3) | %.0f ms "
                    + "| %.2f x the 2,000 figure (linear: %.0f) |%n", n, best, best / first, n / 2_000.0);
        }
    }

    /** The review's learner as a learner file: n credentials by RPL, tagged both ways, two-decimal points. */
    static LearnerRecord review(int n, Path dir) throws Exception {
        Random r = new Random(n);
        StringBuilder y = new StringBuilder("learner: {id: L-REVIEW}\ncredentials:\n");
        for (int i = 0; i < n; i++) {
            y.append(String.format(Locale.ROOT, "  - {id: RPL-%05d, title: Prior learning %d, awardingBody: College, "
                    + "issued: 2025-06-01, credit: {value: %s, system: SCQF}, level: {framework: SCQF, value: 11}, "
                    + "subjects: [data-science, statistics], route: rpl, assessment: summative, "
                    + "qualityAssurance: external}%n", i, i, BigDecimal.valueOf(500 + r.nextInt(1100), 2).toPlainString()));
        }
        Path file = dir.resolve("review-" + n + ".yaml");
        Files.writeString(file, y);
        return LearnerFiles.read(file);
    }

    private static Path refusedSentences(int n, Path dir) throws Exception {
        Path folder = dir.resolve("refused-" + n);
        Files.createDirectories(folder);
        Files.copy(Path.of(System.getProperty("accrue.repo", ".")).resolve("rules/accrue.dsl"), folder.resolve("accrue.dsl"));
        StringBuilder b = new StringBuilder("package accrue.rules;\nimport org.accrue.vocabulary.*;\n");
        for (int i = 1; i <= n; i++) {
            b.append("rule \"r").append(i).append("\"\nwhen\n    a credential\n    - is blessed by \"x\"\nthen\n")
                    .append("    it may count as general credit toward award \"scqf-pgdip\"\nend\n\n");
        }
        Files.writeString(folder.resolve("many.dslr"), b);
        return folder;
    }
}
