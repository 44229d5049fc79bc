package org.accrue.spark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.accrue.RuleSet;
import org.accrue.batch.BatchJob;
import org.accrue.batch.Tally;
import org.accrue.population.PopulationGenerator;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The job in Spark's local mode with two threads, against {@code accrue batch} on the same generated learners
 * (with bad records among them): the same result lines byte for byte, the same rejects, the same counts; the rule
 * set loaded once in the JVM and shared by every task; a task that dies retried without duplicates.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SparkJobTest {
    static final LocalDate AS_OF = LocalDate.of(2026, 11, 28);
    static final ObjectMapper JSON = new ObjectMapper();
    static final int LEARNERS = 1500;
    SparkSession spark;
    Path dir;
    Path input;
    RuleSetSource rules;

    @BeforeAll
    void start() throws Exception {
        // local[2,3]: two threads, and a failed task tried again up to three times
        spark = SparkSession.builder().master("local[2,3]").appName("accrue-test")
                .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "4")
                .config("spark.driver.host", "127.0.0.1").getOrCreate();
        dir = Files.createTempDirectory("accrue-spark");
        input = dir.resolve("learners.jsonl");
        PopulationGenerator g = new PopulationGenerator(11, AS_OF);
        List<String> lines = new ArrayList<>();
        for (int n = 1; n <= LEARNERS; n++) {
            lines.add(g.learner(n).toString());
            if (n % 250 == 0) {
                lines.add("{\"learner\": {\"id\": \"broken-" + n + "\"");              // malformed JSON
                lines.add("");                                                       // blank: not a record
                lines.add("{\"learner\":{\"id\":\"x" + n + "\"},\"credentials\":[{\"id\":\"a\"}]}"); // no title
            }
        }
        Files.write(input, lines);
        rules = RuleSetSource.of(RuleSet.loadDefault());
    }

    @AfterAll
    void stop() {
        spark.stop();
    }

    private static List<String> partLines(Path folder) throws IOException {
        List<String> out = new ArrayList<>();
        try (Stream<Path> parts = Files.list(folder)) {
            for (Path p : parts.filter(f -> f.getFileName().toString().startsWith("part-")).sorted().toList()) {
                out.addAll(Files.readAllLines(p));
            }
        }
        return out;
    }

    private static List<String> bySource(List<String> lines) {
        List<String> sorted = new ArrayList<>(lines);
        sorted.sort(Comparator.comparing(l -> {
            try {
                return JSON.readTree(l).get("source").asText();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }));
        return sorted;
    }

    @Test
    void theJobAnswersAsTheBatchDoesByteForByte() throws Exception {
        Path batchOut = dir.resolve("batch.jsonl");
        Tally tally = new BatchJob(RuleSet.loadDefault(), new BatchJob.Options(List.of(input), batchOut, null, 2,
                AS_OF, List.of(), false, false), BatchJob.Progress.NONE).run();
        Path out = dir.resolve("spark-out");
        ObjectNode summary = Job.write(spark, List.of(input.toString()), rules, AS_OF, AccrueSpark.Options.all(),
                out.toString());

        List<String> batch = Files.readAllLines(batchOut);
        List<String> results = partLines(out.resolve("results"));
        assertEquals(LEARNERS, results.size());
        assertEquals(bySource(batch), bySource(results));

        List<String> batchRejects = Files.readAllLines(Path.of(batchOut + ".rejects.jsonl"));
        List<String> rejects = partLines(out.resolve("rejects"));
        assertEquals(12, rejects.size());
        assertEquals(bySource(batchRejects), bySource(rejects));

        assertEquals(tally.read(), summary.get("read").asLong());
        assertEquals(tally.evaluated(), summary.get("evaluated").asLong());
        assertEquals(tally.rejected(), summary.get("rejected").asLong());
        JsonNode awards = summary.get("awards");
        for (var a : RuleSet.loadDefault().awards()) {
            long[] counts = tally.award(a.id());
            assertEquals(counts[0], awards.get(a.id()).get("eligible").asLong(), a.id());
            assertEquals(counts[1], awards.get(a.id()).get("notEligible").asLong(), a.id());
        }
        assertEquals(12, summary.get("rejectedByReason").get("unreadable").asLong());
        assertTrue(Files.isRegularFile(out.resolve("summary.json")));

        // the flat table the job wrote as it evaluated is the table the library makes from the result lines
        Dataset<Row> written = spark.read().parquet(out.resolve("awards").toString());
        Dataset<Row> fromLines = AccrueSpark.awardsTable(AccrueSpark.evaluateRecords(
                AccrueSpark.read(spark, List.of(input.toString())), rules, AS_OF, AccrueSpark.Options.all()).results());
        assertEquals(AccrueSpark.AWARDS.asNullable(), written.schema().asNullable());
        assertEquals(LEARNERS * RuleSet.loadDefault().awards().size(), written.count());
        // sets of rows, the shortfall map written out as sorted text (maps cannot be compared by EXCEPT)
        org.apache.spark.sql.Column flat = org.apache.spark.sql.functions.to_json(
                org.apache.spark.sql.functions.map_entries(col("shortfall")));
        assertEquals(0, written.withColumn("shortfall", flat).except(fromLines.withColumn("shortfall", flat)).count());
        assertEquals(0, fromLines.withColumn("shortfall", flat).except(written.withColumn("shortfall", flat)).count());

        // the flat table, in SQL
        spark.read().parquet(out.resolve("awards").toString()).createOrReplaceTempView("awards");
        Row pgcert = spark.sql("select count(*), sum(case when eligible then 1 else 0 end) from awards "
                + "where award = 'scqf-pgcert'").first();
        assertEquals(LEARNERS, pgcert.getLong(0));
        assertEquals(tally.award("scqf-pgcert")[0], pgcert.getLong(1));
        Row unmet = spark.sql("select shortfall['total'] from awards where award = 'scqf-pgcert' and not eligible "
                + "and shortfall['total'] is not null limit 1").first();
        assertTrue(unmet.getDecimal(0).signum() > 0);
    }

    /** Records are named and numbered as the batch reads them, across files and their splits, blank lines skipped. */
    @Test
    void recordsAreNumberedAcrossFilesAndSplitsAsTheBatchReadsThem() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("two-files"));
        List<String> lines = Files.readAllLines(input);
        Path a = Files.write(folder.resolve("a.jsonl"), lines.subList(0, 700));
        Path b = Files.write(folder.resolve("b.jsonl"), lines.subList(700, lines.size()));
        List<String> expected = new ArrayList<>();
        long sequence = 0;
        for (Path f : List.of(a, b)) {
            List<String> in = Files.readAllLines(f);
            for (int i = 0; i < in.size(); i++) {
                if (!in.get(i).isBlank()) {
                    expected.add(f + ":" + (i + 1) + " " + sequence++);
                }
            }
        }
        List<String> read = AccrueSpark.read(spark, List.of(folder.toString())).orderBy("sequence")
                .collectAsList().stream().map(r -> r.getString(0) + " " + r.getLong(1)).toList();
        assertEquals(expected, read);
        assertTrue(expected.size() > 1_000 && lines.stream().anyMatch(String::isBlank));
    }

    @Test
    void atALevelOfDetailTheJobAnswersAsTheBatchDoesAtIt() throws Exception {
        Path batchOut = dir.resolve("batch-verdicts.jsonl");
        new BatchJob(RuleSet.loadDefault().withDetail(org.accrue.result.Detail.VERDICTS), new BatchJob.Options(
                List.of(input), batchOut, null, 2, AS_OF, List.of(), false, false), BatchJob.Progress.NONE).run();
        AccrueSpark.Evaluated e = AccrueSpark.evaluateRecords(AccrueSpark.read(spark, List.of(input.toString())),
                rules, AS_OF, new AccrueSpark.Options(List.of(), org.accrue.result.Detail.VERDICTS));
        List<String> results = e.results().select("result").as(org.apache.spark.sql.Encoders.STRING()).collectAsList();
        assertEquals(bySource(Files.readAllLines(batchOut)), bySource(results));
        assertTrue(results.get(0).contains("\"detail\":\"verdicts\""), results.get(0));
        // and the job at that level
        Path out = dir.resolve("job-verdicts");
        Job.write(spark, List.of(input.toString()), rules, AS_OF,
                new AccrueSpark.Options(List.of(), org.accrue.result.Detail.VERDICTS), out.toString());
        assertEquals(bySource(Files.readAllLines(batchOut)), bySource(partLines(out.resolve("results"))));
    }

    @Test
    void theRuleSetIsLoadedOnceAndSharedByEveryTask() throws Exception {
        // as an executor in a JVM of its own receives it: the compiled bytes, nothing loaded in this JVM yet
        RuleSetSource broadcast = RuleSetSource.exported(RuleSet.loadDefault());
        Loaded.forgetAll();
        int before = Loaded.loads();
        Dataset<Row> records = AccrueSpark.read(spark, List.of(input.toString())).repartition(8);
        AccrueSpark.Evaluated e = AccrueSpark.evaluateRecords(records, broadcast, AS_OF, AccrueSpark.Options.all());
        assertEquals(LEARNERS, e.results().count());
        assertEquals(LEARNERS * RuleSet.loadDefault().awards().size(), AccrueSpark.awardsTable(e.results()).count());
        // one executor JVM: one load, however many tasks, and every task saw the same rule set
        assertEquals(1, Loaded.loads() - before);
        String id = broadcast.id();
        byte[] compiled = broadcast.exported();
        List<Integer> seen = records.javaRDD().mapPartitions(rows -> List.of(System.identityHashCode(
                Loaded.get(id, compiled))).iterator()).collect();
        assertEquals(8, seen.size());
        assertEquals(1, seen.stream().distinct().count(), seen.toString());
    }

    /** In local mode the executor is the driver's JVM: its tasks use the rule set the driver loaded. */
    @Test
    void inLocalModeTheJobUsesTheRuleSetTheDriverLoaded() throws Exception {
        Loaded.forgetAll();
        int before = Loaded.loads();
        Job.write(spark, List.of(input.toString()), RuleSetSource.of(RuleSet.loadDefault()), AS_OF,
                AccrueSpark.Options.all(), dir.resolve("driver-loaded").toString());
        assertEquals(0, Loaded.loads() - before);
    }

    /** The job's own pass: a task that dies is tried again, and its first attempt leaves nothing behind. */
    @Test
    void aJobTaskThatDiesIsTriedAgainWithoutDuplicates() throws Exception {
        Path out = dir.resolve("retried");
        AccrueSpark.failFirstAttemptOf = 0;
        ObjectNode summary;
        try {
            summary = Job.write(spark, List.of(input.toString()), rules, AS_OF, AccrueSpark.Options.all(),
                    out.toString());
        } finally {
            AccrueSpark.failFirstAttemptOf = -1;
        }
        List<String> results = partLines(out.resolve("results"));
        assertEquals(LEARNERS, results.size());
        assertEquals(LEARNERS, results.stream().map(l -> {
            try {
                return JSON.readTree(l).get("source").asText();
            } catch (IOException x) {
                throw new IllegalStateException(x);
            }
        }).distinct().count());
        assertEquals(12, partLines(out.resolve("rejects")).size());
        assertEquals(LEARNERS, summary.get("evaluated").asLong());
        assertEquals(LEARNERS * RuleSet.loadDefault().awards().size(),
                spark.read().parquet(out.resolve("awards").toString()).count());
    }

    @Test
    void aTaskThatDiesIsTriedAgainWithoutDuplicates() throws Exception {
        AccrueSpark.failFirstAttemptOf = 0;
        try {
            AccrueSpark.Evaluated e = AccrueSpark.evaluateRecords(AccrueSpark.read(spark, List.of(input.toString())),
                    rules, AS_OF, AccrueSpark.Options.all());
            assertEquals(LEARNERS, e.results().count());
            assertEquals(LEARNERS, e.results().select("source").distinct().count());
            assertEquals(12, e.rejects().count());
        } finally {
            AccrueSpark.failFirstAttemptOf = -1;
        }
    }

    @Test
    void aLearnerTheEngineCannotEvaluateIsARejectWithItsReason() throws Exception {
        StringBuilder big = new StringBuilder("{\"learner\":{\"id\":\"huge\"},\"credentials\":[");
        for (int i = 0; i < 1001; i++) {
            big.append(i == 0 ? "" : ",").append("{\"id\":\"c").append(i).append("\",\"title\":\"T\"}");
        }
        big.append("]}");
        Dataset<String> lines = spark.createDataset(List.of(big.toString(), "{}"), org.apache.spark.sql.Encoders.STRING());
        AccrueSpark.Evaluated e = AccrueSpark.evaluate(lines, rules, AS_OF, AccrueSpark.Options.all());
        List<Row> rejects = e.rejects().orderBy("source").collectAsList();
        assertEquals(2, rejects.size());
        assertEquals("record:0", rejects.get(0).getString(0));
        assertEquals("too-large", rejects.get(0).getString(2));
        assertEquals("unreadable", rejects.get(1).getString(2));
        assertEquals(0, e.results().count());
    }
}
