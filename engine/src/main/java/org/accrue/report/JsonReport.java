package org.accrue.report;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.fasterxml.jackson.module.blackbird.BlackbirdModule;
import org.accrue.result.EvaluationResult;

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

    /** Any of Accrue's result or vocabulary records (an award, say) as JSON, written as results are. */
    public static String json(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a value could not be written as JSON", e);
        }
    }
}
