package org.accrue.spark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.accrue.Outcome;
import org.accrue.RuleSet;
import org.accrue.report.JsonReport;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapred.TextInputFormat;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.apache.spark.sql.functions.col;

/**
 * Accrue's evaluation as a Spark computation: learner records in, the exact result lines {@code accrue batch}
 * writes out, with the rejects apart and a flat table of verdicts for SQL. The rule set is broadcast once as its
 * compiled form ({@link RuleSetSource}) and loaded at most once per executor JVM; each record is evaluated by
 * {@link RuleSet#evaluateText}, which never throws: a record the engine cannot evaluate becomes a reject with its
 * reason, never a failed job.
 */
public final class AccrueSpark {
    private AccrueSpark() {
    }

    /**
     * @param awards the awards to evaluate; all when empty
     * @param detail how much of each result to build and write (as {@code accrue batch --detail})
     */
    public record Options(List<String> awards, org.accrue.result.Detail detail) implements Serializable {
        public Options {
            awards = List.copyOf(awards);
            java.util.Objects.requireNonNull(detail);
        }

        /** The awards, with full results. */
        public Options(List<String> awards) {
            this(awards, org.accrue.result.Detail.FULL);
        }

        public static Options all() {
            return new Options(List.of());
        }
    }

    /**
     * @param results one row per evaluated learner: {@code source}, {@code learner} (the id), {@code result} (the
     *                JSON line {@code accrue batch} writes for it)
     * @param rejects one row per record not evaluated: {@code source}, {@code sequence}, {@code reason} (a code:
     *                {@code unreadable}, {@code does-not-fit}, {@code too-large}, {@code time-limit} and so on),
     *                {@code message} (the one line), {@code line} (the JSON line {@code accrue batch} writes to its
     *                rejects file)
     */
    public record Evaluated(Dataset<Row> results, Dataset<Row> rejects) {
    }

    /** Records: where each came from ({@code file:line}), its place among all records, and its text. */
    public static final StructType RECORDS = new StructType()
            .add("source", DataTypes.StringType, false)
            .add("sequence", DataTypes.LongType, false)
            .add("text", DataTypes.StringType, false);

    static final StructType OUTCOMES = new StructType()
            .add("kind", DataTypes.StringType, false)
            .add("source", DataTypes.StringType, false)
            .add("sequence", DataTypes.LongType, false)
            .add("learner", DataTypes.StringType, true)
            .add("result", DataTypes.StringType, true)
            .add("reason", DataTypes.StringType, true)
            .add("message", DataTypes.StringType, true)
            .add("line", DataTypes.StringType, true)
            .add("awards", DataTypes.createArrayType(new StructType()
                    .add("award", DataTypes.StringType, false)
                    .add("eligible", DataTypes.BooleanType, false)
                    .add("countedPoints", DataTypes.createDecimalType(12, 2), false)
                    .add("shortfall", DataTypes.createMapType(DataTypes.StringType,
                            DataTypes.createDecimalType(12, 2)), false)), true);

    /** The flat table of verdicts: a row per learner and award. */
    public static final StructType AWARDS = new StructType()
            .add("learner", DataTypes.StringType, false)
            .add("award", DataTypes.StringType, false)
            .add("eligible", DataTypes.BooleanType, false)
            .add("countedPoints", DataTypes.createDecimalType(12, 2), false)
            .add("shortfall", DataTypes.createMapType(DataTypes.StringType, DataTypes.createDecimalType(12, 2)), false);

    /** For tests: the partition whose first attempt dies at its tenth record (its first nine written), or -1. */
    static volatile int failFirstAttemptOf = -1;

    /**
     * The records of JSON Lines files, as {@code accrue batch} reads them: each input a file or a folder (its
     * {@code .jsonl} files in name order), each non-blank line a record named {@code file:line}, numbered in order
     * across all inputs from 0.
     */
    public static Dataset<Row> read(SparkSession spark, List<String> inputs) throws IOException {
        return spark.createDataFrame(records(JavaSparkContext.fromSparkContext(spark.sparkContext()), inputs), RECORDS);
    }

    /** The records {@link #read} makes, as rows of {@link #RECORDS} not yet a dataset (the job works on these). */
    static JavaRDD<Row> records(JavaSparkContext jsc, List<String> inputs) throws IOException {
        List<String> files = expand(inputs);
        if (files.isEmpty()) {
            return jsc.emptyRDD();
        }
        // a few splits per core, so that no core waits for the last large split of a file
        int splits = Math.max(2, jsc.defaultParallelism() * 4);
        List<JavaRDD<Text>> parts = new ArrayList<>();
        List<Integer> fileOf = new ArrayList<>(); // the file of each partition of the union, in order
        for (int f = 0; f < files.size(); f++) {
            // the lines as Hadoop reads them (what textFile reads), not yet decoded: the counting pass needs none
            JavaRDD<Text> lines = jsc.hadoopFile(files.get(f), TextInputFormat.class, LongWritable.class, Text.class,
                    splits).values();
            parts.add(lines);
            for (int k = 0; k < lines.getNumPartitions(); k++) {
                fileOf.add(f);
            }
        }
        JavaRDD<Text> all = parts.size() == 1 ? parts.get(0) : jsc.union(parts.toArray(JavaRDD[]::new));
        // one pass to count each partition's lines and records (non-blank lines), then the numbering in the pass
        // that reads them: a line is file:N within its file, a record's sequence counts records across all inputs
        List<long[]> counts = all.mapPartitionsWithIndex((index, it) -> {
            long lines = 0;
            long records = 0;
            while (it.hasNext()) {
                lines++;
                records += blank(it.next()) ? 0 : 1;
            }
            return List.of(new long[]{index, lines, records}).iterator();
        }, false).collect();
        long[] firstLine = new long[fileOf.size()];
        long[] firstRecord = new long[fileOf.size()];
        long line = 0;
        long record = 0;
        for (int k = 0; k < fileOf.size(); k++) {
            if (k > 0 && !fileOf.get(k).equals(fileOf.get(k - 1))) {
                line = 0; // a new file: its lines count from 1 again
            }
            firstLine[k] = line;
            firstRecord[k] = record;
            long[] c = counts.get(k);
            if (c[0] != k) {
                throw new IllegalStateException("partition counts out of order");
            }
            line += c[1];
            record += c[2];
        }
        List<String> names = List.copyOf(files);
        List<Integer> partitionFile = List.copyOf(fileOf);
        return all.mapPartitionsWithIndex((index, it) -> new Iterator<Row>() {
            private final String file = names.get(partitionFile.get(index));
            private long n = firstLine[index];
            private long sequence = firstRecord[index];
            private Row next;

            @Override
            public boolean hasNext() {
                while (next == null && it.hasNext()) {
                    String text = it.next().toString();
                    n++;
                    if (!text.isBlank()) {
                        next = RowFactory.create(file + ":" + n, sequence++, text);
                    }
                }
                return next != null;
            }

            @Override
            public Row next() {
                if (!hasNext()) {
                    throw new java.util.NoSuchElementException();
                }
                Row r = next;
                next = null;
                return r;
            }
        }, true);
    }

    /**
     * Whether a line is blank as {@link String#isBlank} says of its text, mostly without decoding it: any ASCII
     * character that is not white space answers at once; a line of ASCII white space is blank; only a line with
     * other characters and no ASCII one that is not white space is decoded.
     */
    static boolean blank(Text line) {
        byte[] bytes = line.getBytes();
        boolean ascii = true;
        for (int i = 0, n = line.getLength(); i < n; i++) {
            int c = bytes[i];
            if (c < 0) {
                ascii = false;
            } else if (!Character.isWhitespace(c)) {
                return false;
            }
        }
        return ascii || line.toString().isBlank();
    }

    /** Files as given; folders as their {@code .jsonl} files in name order (local or mounted paths). */
    static List<String> expand(List<String> inputs) throws IOException {
        List<String> files = new ArrayList<>();
        for (String input : inputs) {
            Path p = input.contains("://") ? null : Path.of(input);
            if (p != null && Files.isDirectory(p)) {
                try (var s = Files.list(p)) {
                    s.filter(f -> f.getFileName().toString().endsWith(".jsonl")).sorted()
                            .forEach(f -> files.add(f.toString()));
                }
            } else {
                files.add(input);
            }
        }
        return files;
    }

    /** Learner records as JSON text, named {@code record:N} in the order of the dataset (from 0). */
    public static Evaluated evaluate(Dataset<String> learnerJsonLines, RuleSetSource rules, LocalDate asOf,
                                     Options options) {
        JavaRDD<Row> rows = learnerJsonLines.javaRDD().zipWithIndex()
                .map(t -> RowFactory.create("record:" + t._2(), t._2(), t._1()));
        return evaluateRecords(learnerJsonLines.sparkSession().createDataFrame(rows, RECORDS), rules, asOf, options);
    }

    /** Records as {@link #read} makes them ({@link #RECORDS}). */
    public static Evaluated evaluateRecords(Dataset<Row> records, RuleSetSource rules, LocalDate asOf, Options options) {
        Dataset<Row> outcomes = outcomes(records, rules, asOf, options);
        Dataset<Row> results = outcomes.filter(col("kind").equalTo("result")).select("source", "learner", "result");
        Dataset<Row> rejects = outcomes.filter(col("kind").equalTo("reject"))
                .select("source", "sequence", "reason", "message", "line");
        return new Evaluated(results, rejects);
    }

    /**
     * Every record's outcome ({@link #OUTCOMES}: a result or a reject, with the awards' verdicts taken from the
     * result itself), computed once and kept for the several outputs made from it.
     */
    static Dataset<Row> outcomes(Dataset<Row> records, RuleSetSource rules, LocalDate asOf, Options options) {
        return evaluated(records, rules, asOf, options).persist();
    }

    /** The outcomes, not kept. */
    private static Dataset<Row> evaluated(Dataset<Row> records, RuleSetSource rules, LocalDate asOf, Options options) {
        Evaluator evaluator = Evaluator.of(records.sparkSession(), rules, asOf, options);
        return records.mapPartitions((MapPartitionsFunction<Row, Row>) rows -> {
            Evaluator.Task task = evaluator.task();
            ObjectMapper json = new ObjectMapper();
            return new Iterator<>() {
                @Override
                public boolean hasNext() {
                    return rows.hasNext();
                }

                @Override
                public Row next() {
                    Row r = rows.next();
                    String source = r.getString(0);
                    long sequence = r.getLong(1);
                    Outcome o = task.evaluate(r.getString(2), source);
                    if (o instanceof Outcome.Evaluated e) {
                        return RowFactory.create("result", source, sequence, e.result().learner().id(),
                                JsonReport.line(e.result(), options.detail()), null, null, null,
                                scala.jdk.javaapi.CollectionConverters.asScala(verdicts(e.result())).toSeq());
                    }
                    Outcome.Rejected x = (Outcome.Rejected) o;
                    return RowFactory.create("reject", source, sequence, null, null, x.reason().code(), x.message(),
                            rejectLine(json, source, sequence, x), null);
                }
            };
        }, Encoders.row(OUTCOMES));
    }

    /** The line {@code accrue batch} writes to its rejects file for a record not evaluated. */
    static String rejectLine(ObjectMapper json, String source, long sequence, Outcome.Rejected rejected) {
        ObjectNode line = json.createObjectNode();
        line.put("source", source).put("sequence", sequence).put("reason", rejected.message());
        return line.toString();
    }

    /**
     * What a task needs to evaluate records: the rule set's id and its broadcast compiled form, the date and the
     * options. Each task takes the executor's one loaded copy of the rule set ({@link Loaded}).
     */
    static final class Evaluator implements Serializable {
        private static final long serialVersionUID = 1L;
        private final String id;
        private final Broadcast<byte[]> compiled;
        private final LocalDate asOf;
        private final List<String> awards;
        private final org.accrue.result.Detail detail;

        private Evaluator(String id, Broadcast<byte[]> compiled, LocalDate asOf, Options options) {
            this.id = id;
            this.compiled = compiled;
            this.asOf = asOf;
            this.awards = options.awards();
            this.detail = options.detail();
        }

        /** The rule set broadcast once for every task of the session's jobs. */
        static Evaluator of(SparkSession spark, RuleSetSource rules, LocalDate asOf, Options options) {
            rules.offer();
            Broadcast<byte[]> compiled = JavaSparkContext.fromSparkContext(spark.sparkContext())
                    .broadcast(rules.exported());
            return new Evaluator(rules.id(), compiled, asOf, options);
        }

        org.accrue.result.Detail detail() {
            return detail;
        }

        /** For the task that runs now: the executor's rule set at the level of detail. */
        Task task() {
            TaskContext context = TaskContext.get();
            boolean dies = context != null && context.partitionId() == failFirstAttemptOf
                    && context.attemptNumber() == 0;
            return new Task(Loaded.get(id, compiled.value()).withDetail(detail), dies ? 10 : -1);
        }

        /** Evaluates records one at a time; never throws for a record ({@link RuleSet#evaluateText}). */
        final class Task {
            private final RuleSet rules;
            private final int diesAt;
            private int evaluated;

            private Task(RuleSet rules, int diesAt) {
                this.rules = rules;
                this.diesAt = diesAt;
            }

            Outcome evaluate(String text, String source) {
                if (++evaluated == diesAt) {
                    throw new IllegalStateException("a task made to fail, for a test");
                }
                return rules.evaluateText(text, source, true, asOf, awards);
            }
        }
    }

    /** Each award's verdict, points counted and shortfalls, from a result as it is (no JSON read back). */
    static List<Row> verdicts(org.accrue.result.EvaluationResult result) {
        List<Row> rows = new ArrayList<>();
        for (org.accrue.result.AwardResult a : result.awards()) {
            rows.add(RowFactory.create(a.award(), a.eligible(), a.countedPoints(),
                    scala.jdk.javaapi.CollectionConverters.asScala(shortfall(a))));
        }
        return rows;
    }

    /** For each requirement of the award not met, how far short it is (points, or credentials), in order. */
    static Map<String, java.math.BigDecimal> shortfall(org.accrue.result.AwardResult award) {
        Map<String, java.math.BigDecimal> shortfall = new LinkedHashMap<>();
        for (org.accrue.result.RequirementResult q : award.requirements()) {
            if (!q.met() && q.need() != null) {
                shortfall.put(q.id(), q.need().subtract(q.have()));
            }
        }
        return shortfall;
    }

    /**
     * The results as a flat table for SQL ({@link #AWARDS}): per learner and award, the verdict, the points
     * counted, and for each requirement not met how far short it is (points, or credentials for a requirement
     * that counts them).
     */
    public static Dataset<Row> awardsTable(Dataset<Row> results) {
        return results.select("result").flatMap((FlatMapFunction<Row, Row>) r -> {
            JsonNode result = new ObjectMapper().readTree(r.getString(0));
            String learner = result.get("learner").get("id").asText();
            List<Row> rows = new ArrayList<>();
            for (JsonNode a : result.get("awards")) {
                Map<String, java.math.BigDecimal> shortfall = new LinkedHashMap<>();
                for (JsonNode q : a.get("requirements")) {
                    if (!q.get("met").asBoolean() && q.hasNonNull("need")) {
                        shortfall.put(q.get("id").asText(), q.get("need").decimalValue().subtract(q.get("have").decimalValue()));
                    }
                }
                rows.add(RowFactory.create(learner, a.get("award").asText(), a.get("eligible").asBoolean(),
                        a.get("countedPoints").decimalValue(), scala.jdk.javaapi.CollectionConverters.asScala(shortfall)));
            }
            return rows.iterator();
        }, Encoders.row(AWARDS));
    }
}
