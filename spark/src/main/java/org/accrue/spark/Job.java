package org.accrue.spark;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.accrue.RuleProblem;
import org.accrue.RuleSet;
import org.accrue.RuleSetException;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

/**
 * The runnable job ({@code spark/submit}, or {@code spark-submit --class org.accrue.spark.Job accrue-spark.jar}):
 * {@code --as-of D [--rules DIR]... [--award ID]... [--detail LEVEL] --out DIR INPUT...}. DIR receives {@code results/} (the result
 * lines, JSON Lines parts), {@code awards/} (the flat table, Parquet), {@code rejects/} (the reject lines, JSON
 * Lines parts) and {@code summary.json} (read = evaluated + rejected, eligible per award).
 *
 * <p>Exit status: 0 done (whatever the verdicts and rejects); 2 usage; 3 the rule set does not load.
 */
public final class Job {
    private Job() {
    }

    public static void main(String[] args) throws Exception {
        System.exit(run(args));
    }

    static int run(String[] args) throws Exception {
        LocalDate asOf = null;
        List<Path> rules = new ArrayList<>();
        List<String> awards = new ArrayList<>();
        org.accrue.result.Detail detail = org.accrue.result.Detail.FULL;
        String out = null;
        List<String> inputs = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            boolean valued = a.equals("--as-of") || a.equals("--rules") || a.equals("--award") || a.equals("--out")
                    || a.equals("--detail");
            if (valued && i + 1 >= args.length) {
                return usage(a + " needs a value");
            }
            switch (a) {
                case "--as-of" -> {
                    try {
                        asOf = LocalDate.parse(args[++i]);
                    } catch (DateTimeParseException e) {
                        return usage("--as-of: '" + args[i] + "' is not a date YYYY-MM-DD");
                    }
                }
                case "--rules" -> rules.add(Path.of(args[++i]));
                case "--award" -> awards.add(args[++i]);
                case "--detail" -> {
                    try {
                        detail = org.accrue.result.Detail.of(args[++i]);
                    } catch (IllegalArgumentException e) {
                        return usage("--detail: " + e.getMessage());
                    }
                }
                case "--out" -> out = args[++i];
                default -> {
                    if (a.startsWith("--")) {
                        return usage("unknown option " + a);
                    }
                    inputs.add(a);
                }
            }
        }
        if (asOf == null || out == null || inputs.isEmpty()) {
            return usage("give --as-of D, --out DIR and at least one INPUT");
        }
        RuleSet loaded;
        try {
            loaded = rules.isEmpty() ? RuleSet.loadDefault() : RuleSet.load(rules, List.of());
        } catch (RuleSetException e) {
            e.problems().stream().map(RuleProblem::toString).forEach(System.err::println);
            System.err.println("accrue spark: the rule set could not be loaded");
            return 3;
        }
        RuleSetSource source = RuleSetSource.of(loaded);
        for (String award : awards) {
            if (loaded.awards().stream().noneMatch(x -> x.id().equals(award))) {
                return usage("--award '" + award + "': unknown award");
            }
        }
        SparkSession.Builder builder = SparkSession.builder().appName("accrue");
        if (!new org.apache.spark.SparkConf().contains("spark.master")) {
            builder.master("local[*]");
        }
        try (SparkSession spark = builder.getOrCreate()) {
            write(spark, inputs, source, asOf, new AccrueSpark.Options(awards, detail), out);
        }
        return 0;
    }

    /**
     * Evaluates the inputs and writes the four outputs to {@code out} in one pass over the records, keeping nothing:
     * every output as lines partitioned by kind ({@link AccrueSpark#lines}), the result and reject lines moved to
     * {@code results/} and {@code rejects/}, the table made from the verdict lines and the counts from the count
     * lines (both small), then the lines removed.
     */
    static ObjectNode write(SparkSession spark, List<String> inputs, RuleSetSource rules, LocalDate asOf,
                            AccrueSpark.Options options, String out) throws Exception {
        org.apache.hadoop.fs.Path root = new org.apache.hadoop.fs.Path(out);
        FileSystem fs = root.getFileSystem(spark.sparkContext().hadoopConfiguration());
        if (fs.exists(root)) {
            throw new IllegalArgumentException(out + " exists already; the job writes a new folder");
        }
        // a local file system keeps a checksum file beside every file it writes (Hadoop's ChecksumFileSystem): the
        // batch writes none, and for 6 GB of results the second write and its CRC are a large part of the run
        if (fs instanceof org.apache.hadoop.fs.LocalFileSystem) {
            fs.setWriteChecksum(false);
        }
        String lines = out + "/.lines";
        // a writer per kind at once in each task, rather than sorting a task's lines (results of 32 KB) by kind
        spark.conf().set("spark.sql.maxConcurrentOutputFileWriters", "8");
        AccrueSpark.lines(AccrueSpark.read(spark, inputs), rules, asOf, options)
                .write().partitionBy("kind").text(lines);
        move(fs, lines + "/kind=result", out + "/results");
        move(fs, lines + "/kind=reject", out + "/rejects");
        move(fs, lines + "/kind=verdict", lines + "/verdicts");
        move(fs, lines + "/kind=count", lines + "/counts");
        AccrueSpark.verdictsTable(spark.read().textFile(lines + "/verdicts")).write().mode(SaveMode.ErrorIfExists)
                .parquet(out + "/awards");
        ObjectNode summary = summary(spark.read().parquet(out + "/awards"), spark.read().text(lines + "/counts"));
        try (FSDataOutputStream o = fs.create(new org.apache.hadoop.fs.Path(out + "/summary.json"), false)) {
            o.write((summary.toPrettyString() + "\n").getBytes(StandardCharsets.UTF_8));
        }
        fs.delete(new org.apache.hadoop.fs.Path(lines), true);
        return summary;
    }

    /** A folder moved into place; an empty one (no rejects, say) made. */
    private static void move(FileSystem fs, String from, String to) throws java.io.IOException {
        org.apache.hadoop.fs.Path source = new org.apache.hadoop.fs.Path(from);
        org.apache.hadoop.fs.Path target = new org.apache.hadoop.fs.Path(to);
        if (fs.exists(source)) {
            if (!fs.rename(source, target)) {
                throw new java.io.IOException("cannot move " + from + " to " + to);
            }
        } else {
            fs.mkdirs(target);
        }
    }

    /**
     * The counts {@code accrue batch --summary} prints: read = evaluated + rejected, rejects per reason, and eligible
     * per award; from the table and the count lines ({@code result}, or {@code reject<TAB>reason}).
     */
    static ObjectNode summary(Dataset<Row> awards, Dataset<Row> counts) {
        long evaluated = 0;
        long rejected = 0;
        ObjectNode s = new ObjectMapper().createObjectNode();
        ObjectNode reasons = new ObjectMapper().createObjectNode();
        for (Row r : counts.groupBy("value").count().orderBy("value").collectAsList()) {
            String kind = r.getString(0);
            if (kind.equals("result")) {
                evaluated += r.getLong(1);
            } else {
                rejected += r.getLong(1);
                reasons.put(kind.substring(kind.indexOf('\t') + 1), r.getLong(1));
            }
        }
        s.put("read", evaluated + rejected).put("evaluated", evaluated).put("rejected", rejected);
        ObjectNode per = s.putObject("awards");
        for (Row r : awards.groupBy("award").agg(sum(when(col("eligible"), 1).otherwise(0)).as("eligible"),
                count("*").as("all")).orderBy("award").collectAsList()) {
            per.putObject(r.getString(0)).put("eligible", r.getLong(1)).put("notEligible", r.getLong(2) - r.getLong(1));
        }
        s.set("rejectedByReason", reasons);
        return s;
    }

    private static int usage(String message) {
        System.err.println("accrue spark: " + message + "; usage: --as-of D [--rules DIR]... [--award ID]... [--detail LEVEL] "
                + "--out DIR INPUT...");
        return 2;
    }
}
