package org.accrue.report;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.fasterxml.jackson.module.blackbird.BlackbirdModule;
import org.accrue.result.AwardResult;
import org.accrue.result.Detail;
import org.accrue.result.EvaluationResult;
import org.accrue.result.RequirementResult;

import java.util.List;

/**
 * Results as JSON, one object per line; the shape is documented by {@code docs/result.schema.json}.
 * Thread-safe.
 */
public final class JsonReport {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN)
            .addModule(codes())
            .addModules(accessors())
            .build();

    /**
     * On the class path, Jackson's Blackbird reads record components through generated lambdas, not reflection
     * (faster; docs/performance.md). On the module path it cannot: its generated classes would implement
     * interfaces its module does not export. There, plain Jackson writes the same JSON.
     */
    private static List<com.fasterxml.jackson.databind.Module> accessors() {
        return JsonReport.class.getModule().isNamed() ? List.of() : List.of(new BlackbirdModule());
    }

    /** Every code in a result (an enum) is written as a stable lower-case word: {@code CAP_REACHED} as {@code cap-reached}. */
    @SuppressWarnings({"rawtypes", "unchecked"})
    private static com.fasterxml.jackson.databind.Module codes() {
        com.fasterxml.jackson.databind.module.SimpleModule m = new com.fasterxml.jackson.databind.module.SimpleModule();
        m.addSerializer(Enum.class, new com.fasterxml.jackson.databind.ser.std.StdSerializer<Enum>(Enum.class) {
            @Override
            public void serialize(Enum value, JsonGenerator gen, com.fasterxml.jackson.databind.SerializerProvider p)
                    throws java.io.IOException {
                gen.writeString(code(value));
            }
        });
        return m;
    }

    /** The code an enum value is written as in results: lower case, words joined by '-'. */
    public static String code(Enum<?> value) {
        return value.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    private JsonReport() {
    }

    /** One result as a single line of JSON, without the newline. */
    public static String line(EvaluationResult result) {
        try {
            return MAPPER.writeValueAsString(result);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a result could not be written as JSON", e);
        }
    }

    /** One result as a single line of UTF-8 JSON, without the newline: what a batch writes, with no string between. */
    public static byte[] utf8(EvaluationResult result) {
        try {
            return MAPPER.writeValueAsBytes(result);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a result could not be written as JSON", e);
        }
    }

    /**
     * One result at a level of detail, as a single line of JSON: at {@link Detail#FULL} exactly {@link #line}; below
     * it the same shape with the level's fields only, and {@code "detail"} naming the level
     * ({@code docs/result.schema.json}).
     */
    public static String line(EvaluationResult result, Detail detail) {
        return detail == Detail.FULL ? line(result)
                : new String(utf8(result, detail), java.nio.charset.StandardCharsets.UTF_8);
    }

    /** The same as UTF-8 bytes: what a batch writes. */
    public static byte[] utf8(EvaluationResult result, Detail detail) {
        if (detail == Detail.FULL) {
            return utf8(result);
        }
        com.fasterxml.jackson.core.util.ByteArrayBuilder out = new com.fasterxml.jackson.core.util.ByteArrayBuilder(1024);
        try (JsonGenerator g = MAPPER.getFactory().createGenerator(out)) {
            g.writeStartObject();
            g.writeFieldName("learner");
            MAPPER.writeValue(g, result.learner());
            g.writeStringField("source", result.source());
            g.writeStringField("asOf", result.asOf().toString());
            g.writeStringField("ruleset", result.ruleset());
            g.writeStringField("detail", detail.code());
            g.writeArrayFieldStart("awards");
            for (AwardResult a : result.awards()) {
                g.writeStartObject();
                g.writeStringField("award", a.award());
                if (detail == Detail.REQUIREMENTS) {
                    g.writeStringField("title", a.title());
                    g.writeNumberField("scqfLevel", a.scqfLevel());
                }
                g.writeBooleanField("eligible", a.eligible());
                g.writeNumberField("countedPoints", a.countedPoints());
                g.writeArrayFieldStart("requirements");
                for (RequirementResult r : a.requirements()) {
                    if (detail == Detail.REQUIREMENTS) {
                        MAPPER.writeValue(g, r);
                    } else if (!r.met()) { // verdicts: the shortfalls, in numbers and codes
                        g.writeStartObject();
                        g.writeStringField("id", r.id());
                        g.writeStringField("kind", code(r.kind()));
                        g.writeBooleanField("met", false);
                        number(g, "have", r.have());
                        number(g, "need", r.need());
                        number(g, "max", r.max());
                        g.writeBooleanField("waived", r.waived());
                        g.writeEndObject();
                    }
                }
                g.writeEndArray();
                if (detail == Detail.REQUIREMENTS) {
                    g.writeFieldName("counted");
                    MAPPER.writeValue(g, a.counted());
                    g.writeFieldName("exceptions");
                    MAPPER.writeValue(g, a.exceptions());
                }
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        } catch (java.io.IOException e) {
            throw new IllegalStateException("a result could not be written as JSON", e);
        }
        return out.toByteArray();
    }

    private static void number(JsonGenerator g, String field, java.math.BigDecimal value) throws java.io.IOException {
        if (value == null) {
            g.writeNullField(field);
        } else {
            g.writeNumberField(field, value);
        }
    }

    /** Any of Accrue's result or vocabulary records (an award, say) as JSON, written as results are. */
    public static String json(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a value could not be written as JSON", e);
        }
    }
}
