package org.accrue.spark;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.accrue.RuleProblem;
import org.accrue.RuleSet;
import org.accrue.RuleSetException;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.io.Text;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

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
     * Evaluates the inputs and writes the four outputs to {@code out} in one pass that evaluates the records (after
     * one that counts their lines), keeping nothing:
     * every output written by kind as each record is evaluated ({@link JobLines}), the result and reject lines and
     * the table's Parquet files moved into place, and the counts summed from each task's count lines.
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
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        String lines = out + "/.lines";
        JobLines.of(AccrueSpark.records(jsc, inputs), AccrueSpark.Evaluator.of(spark, rules, asOf, options))
                .saveAsHadoopFile(lines, Text.class, Object.class, JobLines.ByKind.class);
        move(fs, lines + "/" + JobLines.RESULT, out + "/results");
        move(fs, lines + "/" + JobLines.REJECT, out + "/rejects");
        move(fs, lines + "/" + JobLines.AWARDS, out + "/awards");
        ObjectNode summary = summary(jsc.textFile(lines + "/" + JobLines.COUNT).collect());
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
     * and not per award; summed from the tasks' count lines ({@link JobLines}).
     */
    static ObjectNode summary(List<String> counts) {
        long evaluated = 0;
        java.util.Map<String, Long> reasons = new java.util.TreeMap<>();
        java.util.Map<String, long[]> awards = new java.util.TreeMap<>();
        for (String line : counts) {
            String kind = line.substring(0, line.indexOf('\t'));
            String rest = line.substring(kind.length() + 1);
            switch (kind) {
                case JobLines.RESULT -> evaluated += Long.parseLong(rest);
                case JobLines.REJECT -> reasons.merge(rest.substring(0, rest.lastIndexOf('\t')),
                        Long.parseLong(rest.substring(rest.lastIndexOf('\t') + 1)), Long::sum);
                case JobLines.AWARD -> {
                    int notEligible = rest.lastIndexOf('\t');
                    int eligible = rest.lastIndexOf('\t', notEligible - 1);
                    long[] n = awards.computeIfAbsent(rest.substring(0, eligible), k -> new long[2]);
                    n[0] += Long.parseLong(rest.substring(eligible + 1, notEligible));
                    n[1] += Long.parseLong(rest.substring(notEligible + 1));
                }
                default -> throw new IllegalStateException("not a count line: " + line);
            }
        }
        long rejected = reasons.values().stream().mapToLong(Long::longValue).sum();
        ObjectNode s = new ObjectMapper().createObjectNode();
        s.put("read", evaluated + rejected).put("evaluated", evaluated).put("rejected", rejected);
        ObjectNode per = s.putObject("awards");
        awards.forEach((award, n) -> per.putObject(award).put("eligible", n[0]).put("notEligible", n[1]));
        reasons.forEach(s.putObject("rejectedByReason")::put);
        return s;
    }

    private static int usage(String message) {
        System.err.println("accrue spark: " + message + "; usage: --as-of D [--rules DIR]... [--award ID]... [--detail LEVEL] "
                + "--out DIR INPUT...");
        return 2;
    }
}
