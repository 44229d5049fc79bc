package org.accrue.spark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.accrue.Outcome;
import org.accrue.RuleSet;
import org.accrue.report.JsonReport;
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
import scala.Tuple2;

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

    /** For tests: the partition whose first attempt fails (a task that dies), or -1. */
    static volatile int failFirstAttemptOf = -1;

    /**
     * The records of JSON Lines files, as {@code accrue batch} reads them: each input a file or a folder (its
     * {@code .jsonl} files in name order), each non-blank line a record named {@code file:line}, numbered in order
     * across all inputs from 0.
     */
    public static Dataset<Row> read(SparkSession spark, List<String> inputs) throws IOException {
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        List<String> files = expand(inputs);
        if (files.isEmpty()) {
            return spark.createDataFrame(List.of(), RECORDS);
        }
        // a few splits per core, so that no core waits for the last large split of a file
        int splits = Math.max(2, jsc.defaultParallelism() * 4);
        List<JavaRDD<String>> parts = new ArrayList<>();
        List<Integer> fileOf = new ArrayList<>(); // the file of each partition of the union, in order
        for (int f = 0; f < files.size(); f++) {
            JavaRDD<String> lines = jsc.textFile(files.get(f), splits);
            parts.add(lines);
            for (int k = 0; k < lines.getNumPartitions(); k++) {
                fileOf.add(f);
            }
        }
        JavaRDD<String> all = parts.size() == 1 ? parts.get(0) : jsc.union(parts.toArray(JavaRDD[]::new));
        // one pass to count each partition's lines and records (non-blank lines), then the numbering in the pass
        // that reads them: a line is file:N within its file, a record's sequence counts records across all inputs
        List<long[]> counts = all.mapPartitionsWithIndex((index, it) -> {
            long lines = 0;
            long records = 0;
            while (it.hasNext()) {
                lines++;
                records += it.next().isBlank() ? 0 : 1;
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
        JavaRDD<Row> rows = all.mapPartitionsWithIndex((index, it) -> new Iterator<Row>() {
            private final String file = names.get(partitionFile.get(index));
            private long n = firstLine[index];
            private long sequence = firstRecord[index];
            private Row next;

            @Override
            public boolean hasNext() {
                while (next == null && it.hasNext()) {
                    String text = it.next();
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
        return spark.createDataFrame(rows, RECORDS);
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

    /** The outcomes, not kept: for a single pass that makes every output from them as they come. */
    private static Dataset<Row> evaluated(Dataset<Row> records, RuleSetSource rules, LocalDate asOf, Options options) {
        SparkSession spark = records.sparkSession();
        Broadcast<byte[]> compiled = JavaSparkContext.fromSparkContext(spark.sparkContext()).broadcast(rules.exported());
        return records.mapPartitions(new Evaluate(rules.id(), compiled, asOf, options.awards(), options.detail()),
                Encoders.row(OUTCOMES));
    }

    /** Lines of text by kind ({@link #lines}). */
    static final StructType LINES = new StructType()
            .add("kind", DataTypes.StringType, false)
            .add("value", DataTypes.StringType, false);

    /**
     * Every output of the job as lines of text, made in one pass as each record is evaluated, with nothing kept: a
     * {@code result} line and a {@code count} line ({@code result}) per learner evaluated, with a {@code verdict}
     * line per award ({@link #AWARDS} as JSON); a {@code reject} line and a {@code count} line
     * ({@code reject<TAB>reason}) per record not evaluated. A result line is as large as a full result (32 KB), so
     * keeping the outcomes for several passes would hold every result at once.
     */
    static Dataset<Row> lines(Dataset<Row> records, RuleSetSource rules, LocalDate asOf, Options options) {
        return evaluated(records, rules, asOf, options).flatMap((FlatMapFunction<Row, Row>) o -> {
            List<Row> out = new ArrayList<>();
            if (o.getString(0).equals("reject")) {
                out.add(RowFactory.create("reject", o.getString(7)));
                out.add(RowFactory.create("count", "reject\t" + o.getString(5)));
                return out.iterator();
            }
            out.add(RowFactory.create("result", o.getString(4)));
            out.add(RowFactory.create("count", "result"));
            com.fasterxml.jackson.databind.node.JsonNodeFactory json =
                    com.fasterxml.jackson.databind.node.JsonNodeFactory.instance;
            for (Row a : o.<Row>getList(8)) {
                ObjectNode v = json.objectNode();
                v.put("learner", o.getString(3)).put("award", a.getString(0)).put("eligible", a.getBoolean(1))
                        .put("countedPoints", a.getDecimal(2));
                ObjectNode shortfall = v.putObject("shortfall");
                scala.jdk.javaapi.CollectionConverters.asJava(a.<String, java.math.BigDecimal>getMap(3))
                        .forEach(shortfall::put);
                out.add(RowFactory.create("verdict", v.toString()));
            }
            return out.iterator();
        }, Encoders.row(LINES));
    }

    /** The task: each record of a partition evaluated with the executor's one copy of the rule set. */
    static final class Evaluate implements MapPartitionsFunction<Row, Row> {
        private static final long serialVersionUID = 1L;
        private final String id;
        private final Broadcast<byte[]> compiled;
        private final LocalDate asOf;
        private final List<String> awards;
        private final org.accrue.result.Detail detail;

        Evaluate(String id, Broadcast<byte[]> compiled, LocalDate asOf, List<String> awards,
                 org.accrue.result.Detail detail) {
            this.detail = detail;
            this.id = id;
            this.compiled = compiled;
            this.asOf = asOf;
            this.awards = List.copyOf(awards);
        }

        @Override
        public Iterator<Row> call(Iterator<Row> records) {
            TaskContext task = TaskContext.get();
            if (task != null && task.partitionId() == failFirstAttemptOf && task.attemptNumber() == 0) {
                throw new IllegalStateException("a task made to fail, for a test");
            }
            RuleSet rules = Loaded.get(id, compiled.value()).withDetail(detail);
            ObjectMapper json = new ObjectMapper();
            return new Iterator<>() {
                @Override
                public boolean hasNext() {
                    return records.hasNext();
                }

                @Override
                public Row next() {
                    Row r = records.next();
                    String source = r.getString(0);
                    long sequence = r.getLong(1);
                    Outcome o = rules.evaluateText(r.getString(2), source, true, asOf, awards);
                    if (o instanceof Outcome.Evaluated e) {
                        return RowFactory.create("result", source, sequence, e.result().learner().id(),
                                JsonReport.line(e.result(), detail), null, null, null,
                                scala.jdk.javaapi.CollectionConverters.asScala(verdicts(e.result())).toSeq());
                    }
                    Outcome.Rejected x = (Outcome.Rejected) o;
                    ObjectNode line = json.createObjectNode();
                    line.put("source", source).put("sequence", sequence).put("reason", x.message());
                    return RowFactory.create("reject", source, sequence, null, null, x.reason().code(), x.message(),
                            line.toString(), null);
                }
            };
        }
    }

    /** Each award's verdict, points counted and shortfalls, from a result as it is (no JSON read back). */
    static List<Row> verdicts(org.accrue.result.EvaluationResult result) {
        List<Row> rows = new ArrayList<>();
        for (org.accrue.result.AwardResult a : result.awards()) {
            Map<String, java.math.BigDecimal> shortfall = new LinkedHashMap<>();
            for (org.accrue.result.RequirementResult q : a.requirements()) {
                if (!q.met() && q.need() != null) {
                    shortfall.put(q.id(), q.need().subtract(q.have()));
                }
            }
            rows.add(RowFactory.create(a.award(), a.eligible(), a.countedPoints(),
                    scala.jdk.javaapi.CollectionConverters.asScala(shortfall)));
        }
        return rows;
    }

    /** The flat table ({@link #AWARDS}) from verdict lines ({@link #lines}, kind {@code verdict}). */
    static Dataset<Row> verdictsTable(Dataset<String> verdictLines) {
        return verdictLines.sparkSession().read().schema(AWARDS).json(verdictLines);
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
