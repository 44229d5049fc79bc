package org.accrue.spark;

import org.accrue.result.AwardResult;
import org.accrue.result.EvaluationResult;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapred.RecordWriter;
import org.apache.hadoop.mapred.Reporter;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Types;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Map;

/**
 * The flat table of verdicts ({@link AccrueSpark#AWARDS}) written as Parquet by the job's own tasks, a row per
 * learner and award, as each learner is evaluated: through parquet-hadoop's {@link WriteSupport}, in the schema
 * Spark reads back as {@code learner string, award string, eligible boolean, countedPoints decimal(12,2),
 * shortfall map<string, decimal(12,2)>}. Points are rounded half up to two places and a value of more than 12
 * digits is null, as Spark's own cast to {@code decimal(12,2)} does.
 */
final class AwardsParquet {
    static final int PRECISION = 12;
    static final int SCALE = 2;
    private static final BigDecimal LIMIT = BigDecimal.TEN.pow(PRECISION - SCALE);

    static final MessageType SCHEMA = Types.buildMessage()
            .required(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named("learner")
            .required(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named("award")
            .required(PrimitiveTypeName.BOOLEAN).named("eligible")
            .optional(PrimitiveTypeName.INT64).as(LogicalTypeAnnotation.decimalType(SCALE, PRECISION))
            .named("countedPoints")
            .requiredMap()
            .key(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType())
            .optionalValue(PrimitiveTypeName.INT64).as(LogicalTypeAnnotation.decimalType(SCALE, PRECISION))
            .named("shortfall")
            .named("awards");

    private AwardsParquet() {
    }

    /** A task's table file: every award of each learner it is given. */
    static RecordWriter<Text, Object> writer(Path file, Configuration conf) throws IOException {
        ParquetWriter<Row> parquet = new Builder(file).withConf(conf)
                .withWriteMode(ParquetFileWriter.Mode.CREATE)
                .withCompressionCodec(CompressionCodecName.SNAPPY).build();
        return new RecordWriter<>() {
            @Override
            public void write(Text kind, Object result) throws IOException {
                EvaluationResult r = (EvaluationResult) result;
                for (AwardResult a : r.awards()) {
                    parquet.write(new Row(r.learner().id(), a));
                }
            }

            @Override
            public void close(Reporter reporter) throws IOException {
                parquet.close();
            }
        };
    }

    /** One row: a learner's verdict for one award. */
    record Row(String learner, AwardResult award) {
    }

    /** Two places, half up; null beyond the twelve digits of {@code decimal(12,2)}. */
    static Long unscaled(BigDecimal value) {
        BigDecimal v = value.setScale(SCALE, RoundingMode.HALF_UP);
        return v.abs().compareTo(LIMIT) >= 0 ? null : v.unscaledValue().longValueExact();
    }

    private static final class Builder extends ParquetWriter.Builder<Row, Builder> {
        Builder(Path file) {
            super(file);
        }

        @Override
        protected Builder self() {
            return this;
        }

        @Override
        protected WriteSupport<Row> getWriteSupport(Configuration conf) {
            return new Support();
        }
    }

    private static final class Support extends WriteSupport<Row> {
        private RecordConsumer out;

        @Override
        public WriteContext init(Configuration configuration) {
            return new WriteContext(SCHEMA, Map.of());
        }

        @Override
        public void prepareForWrite(RecordConsumer recordConsumer) {
            this.out = recordConsumer;
        }

        @Override
        public void write(Row row) {
            AwardResult a = row.award();
            out.startMessage();
            string(0, "learner", row.learner());
            string(1, "award", a.award());
            out.startField("eligible", 2);
            out.addBoolean(a.eligible());
            out.endField("eligible", 2);
            Long points = unscaled(a.countedPoints());
            if (points != null) {
                out.startField("countedPoints", 3);
                out.addLong(points);
                out.endField("countedPoints", 3);
            }
            out.startField("shortfall", 4);
            out.startGroup();
            Map<String, BigDecimal> shortfall = AccrueSpark.shortfall(a);
            if (!shortfall.isEmpty()) {
                out.startField("key_value", 0);
                shortfall.forEach((requirement, amount) -> {
                    out.startGroup();
                    string(0, "key", requirement);
                    Long v = unscaled(amount);
                    if (v != null) {
                        out.startField("value", 1);
                        out.addLong(v);
                        out.endField("value", 1);
                    }
                    out.endGroup();
                });
                out.endField("key_value", 0);
            }
            out.endGroup();
            out.endField("shortfall", 4);
            out.endMessage();
        }

        private void string(int index, String name, String value) {
            out.startField(name, index);
            out.addBinary(Binary.fromString(value));
            out.endField(name, index);
        }
    }
}
