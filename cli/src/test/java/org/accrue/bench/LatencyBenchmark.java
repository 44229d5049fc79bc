package org.accrue.bench;

import org.accrue.RuleSet;
import org.accrue.learner.LearnerRecord;
import org.accrue.population.PopulationGenerator;
import org.accrue.reading.LearnerFiles;
import org.accrue.result.EvaluationResult;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.time.LocalDate;
import java.util.concurrent.TimeUnit;

/** Single-learner evaluation latency: one generated learner after another, every award. */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class LatencyBenchmark {
    private static final LocalDate AS_OF = LocalDate.of(2026, 11, 28);
    private RuleSet rules;
    private LearnerRecord[] learners;
    private int next;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        rules = RuleSet.loadDefault();
        PopulationGenerator population = new PopulationGenerator(1, AS_OF);
        learners = new LearnerRecord[1000];
        for (int i = 0; i < learners.length; i++) {
            learners[i] = LearnerFiles.parseEmbedded(population.learner(i + 1).toString(), "generated", "learner");
        }
    }

    @Benchmark
    public EvaluationResult evaluate() {
        next = (next + 1) % learners.length;
        return rules.evaluate(learners[next], AS_OF);
    }
}
