package org.accrue.bench;

import org.accrue.RuleSet;
import org.accrue.learner.LearnerRecord;
import org.accrue.planning.Catalogue;
import org.accrue.planning.Objective;
import org.accrue.planning.PlanRequest;
import org.accrue.population.CatalogueGenerator;
import org.accrue.reading.LearnerFiles;
import org.accrue.vocabulary.Award;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

/**
 * Planning times as rows of bench/run's table: a learner one item short of an award, a learner with nothing
 * against the largest award (a 480-point honours degree), and that learner against every award, on generated
 * catalogues of 100, 250, 500 and 1,000 items; the median of five runs after two
 * warm-ups, in one process with the rule set loaded (what a service or a warm command pays per request).
 */
public final class PlanningBenchmark {
    private static final LocalDate AS_OF = LocalDate.of(2026, 11, 28);

    public static void main(String[] args) throws Exception {
        RuleSet rules = RuleSet.loadDefault();
        LearnerRecord ben = LearnerFiles.read(Path.of("samples/ben-pgcert-nearly.yaml"));
        LearnerRecord max = LearnerFiles.read(Path.of("samples/max-no-credit.yaml"));
        List<String> awards = rules.awards().stream().map(Award::id).toList();
        double base500 = 0;
        for (int size : new int[]{100, 250, 500, 1000}) {
            Catalogue c = new CatalogueGenerator(7).catalogue(size);
            double near = median(() -> rules.plan(ben, c, request("pgcert-data-science", Objective.COST)));
            double far = median(() -> rules.plan(max, c, request("scqf-honours-degree", Objective.COST)));
            double all = median(() -> rules.plan(max, c, awards.stream().map(a -> request(a, Objective.COST)).toList()));
            if (size == 500) {
                base500 = far;
            }
            System.out.printf(Locale.ROOT, "| plan, %,d-item catalogue, one award near (Ben, pgcert-data-science, 1 item "
                    + "short), least cost, 2 alternatives | %.0f ms | target < 1000 ms |%n", size, near);
            System.out.printf(Locale.ROOT, "| plan, %,d-item catalogue, one award far (Max, no credit, honours degree: "
                    + "480 points), least cost, 2 alternatives | %.0f ms | target < 1000 ms |%n", size, far);
            System.out.printf(Locale.ROOT, "| plan, %,d-item catalogue, Max, --all-awards (%d awards) | %.0f ms "
                    + "| target < 5000 ms |%n", size, awards.size(), all);
        }
        Catalogue c = new CatalogueGenerator(7).catalogue(500);
        for (Objective o : new Objective[]{Objective.HOURS, Objective.COUNT}) {
            double t = median(() -> rules.plan(max, c, request("scqf-honours-degree", o)));
            System.out.printf(Locale.ROOT, "| plan, 500-item catalogue, Max, honours degree, least %s | %.0f ms | "
                    + "%.2f of least cost |%n", o.word(), t, t / base500);
        }
    }

    private static PlanRequest request(String award, Objective o) {
        return new PlanRequest(award, AS_OF, o, null, 2);
    }

    private static double median(java.util.function.Supplier<Object> run) {
        for (int i = 0; i < 2; i++) {
            run.get();
        }
        double[] t = new double[5];
        for (int i = 0; i < t.length; i++) {
            long start = System.nanoTime();
            Object r = run.get();
            t[i] = (System.nanoTime() - start) / 1e6;
            if (r instanceof List<?> l && l.isEmpty()) {
                throw new IllegalStateException("no plans");
            }
        }
        java.util.Arrays.sort(t);
        return t[t.length / 2];
    }

}
