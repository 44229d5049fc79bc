package org.accrue.spark;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.accrue.Outcome;
import org.accrue.report.JsonReport;
import org.accrue.result.AwardResult;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.mapred.FileOutputFormat;
import org.apache.hadoop.mapred.JobConf;
import org.apache.hadoop.mapred.RecordWriter;
import org.apache.hadoop.mapred.TextOutputFormat;
import org.apache.hadoop.mapred.lib.MultipleOutputFormat;
import org.apache.hadoop.util.Progressable;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Row;
import scala.Tuple2;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.TreeMap;

/**
 * The job's one pass: every record evaluated once and turned at once into what every output holds, written by
 * kind into folders of their own ({@link ByKind}) under Hadoop's commit protocol (a task tried again leaves no
 * duplicate). Nothing is kept between passes, and nothing goes through Spark SQL's rows: a result line is encoded
 * to UTF-8 once, as {@code accrue batch} writes it.
 *
 * <ul>
 *   <li>{@code result}: a learner's result line, byte for byte the batch's;</li>
 *   <li>{@code reject}: the batch's reject line for a record not evaluated;</li>
 *   <li>{@code awards}: the flat table's rows for the learner, one per award, into the task's Parquet file
 *       ({@link AwardsParquet});</li>
 *   <li>{@code count}: per task, how many results, how many rejects for each reason and how many learners each
 *       award found eligible and not ({@code result<TAB>N}, {@code reject<TAB>reason<TAB>N},
 *       {@code award<TAB>id<TAB>eligible<TAB>notEligible}).</li>
 * </ul>
 */
final class JobLines {
    static final String RESULT = "result";
    static final String REJECT = "reject";
    static final String AWARDS = "awards";
    static final String AWARD = "award";
    static final String COUNT = "count";

    private JobLines() {
    }

    /** Each record's lines, with the task's count lines after its last record. */
    static JavaPairRDD<Text, Object> of(JavaRDD<Row> records, AccrueSpark.Evaluator evaluator) {
        return records.mapPartitionsToPair(rows -> {
            AccrueSpark.Evaluator.Task task = evaluator.task();
            ObjectMapper json = new ObjectMapper();
            Text result = new Text(RESULT);
            Text reject = new Text(REJECT);
            Text awards = new Text(AWARDS);
            Text count = new Text(COUNT);
            return new Iterator<Tuple2<Text, Object>>() {
                private final ArrayDeque<Tuple2<Text, Object>> pending = new ArrayDeque<>();
                private final Map<String, Long> rejected = new TreeMap<>();
                private final Map<String, long[]> byAward = new TreeMap<>();
                private long evaluated;
                private boolean counted;

                @Override
                public boolean hasNext() {
                    while (pending.isEmpty() && !counted) {
                        if (rows.hasNext()) {
                            add(rows.next());
                        } else {
                            counted = true;
                            if (evaluated > 0) {
                                pending.add(new Tuple2<>(count, new Text(RESULT + "\t" + evaluated)));
                            }
                            rejected.forEach((reason, n) ->
                                    pending.add(new Tuple2<>(count, new Text(REJECT + "\t" + reason + "\t" + n))));
                            byAward.forEach((award, n) -> pending.add(new Tuple2<>(count,
                                    new Text(AWARD + "\t" + award + "\t" + n[0] + "\t" + n[1]))));
                        }
                    }
                    return !pending.isEmpty();
                }

                private void add(Row r) {
                    String source = r.getString(0);
                    long sequence = r.getLong(1);
                    Outcome o = task.evaluate(r.getString(2), source);
                    if (o instanceof Outcome.Evaluated e) {
                        evaluated++;
                        pending.add(new Tuple2<>(result, new Text(JsonReport.utf8(e.result(), evaluator.detail()))));
                        pending.add(new Tuple2<>(awards, e.result()));
                        for (AwardResult a : e.result().awards()) {
                            byAward.computeIfAbsent(a.award(), k -> new long[2])[a.eligible() ? 0 : 1]++;
                        }
                    } else {
                        Outcome.Rejected x = (Outcome.Rejected) o;
                        rejected.merge(x.reason().code(), 1L, Long::sum);
                        pending.add(new Tuple2<>(reject, new Text(AccrueSpark.rejectLine(json, source, sequence, x))));
                    }
                }

                @Override
                public Tuple2<Text, Object> next() {
                    if (!hasNext()) {
                        throw new NoSuchElementException();
                    }
                    return pending.poll();
                }
            };
        });
    }

    /**
     * Each kind into a folder of its own in the task's output: the lines of text as they are (not the kind), the
     * table's rows into a Parquet file.
     */
    public static final class ByKind extends MultipleOutputFormat<Text, Object> {
        private final TextOutputFormat<Text, Object> text = new TextOutputFormat<>();

        @Override
        protected String generateFileNameForKeyValue(Text kind, Object value, String name) {
            return kind + "/" + name + (value instanceof Text ? "" : ".parquet");
        }

        @Override
        protected Text generateActualKey(Text kind, Object value) {
            return null;
        }

        @Override
        protected RecordWriter<Text, Object> getBaseRecordWriter(FileSystem fs, JobConf job, String name,
                                                                 Progressable progress) throws IOException {
            if (name.startsWith(AWARDS + "/")) {
                return AwardsParquet.writer(FileOutputFormat.getTaskOutputPath(job, name), job);
            }
            return text.getRecordWriter(fs, job, name, progress);
        }
    }
}
