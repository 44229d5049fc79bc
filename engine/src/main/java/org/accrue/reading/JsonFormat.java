package org.accrue.reading;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.function.Predicate;

/**
 * A JSON learner-file format, declared by how its tree is recognised and mapped. A record of its own, not a
 * factory on {@link LearnerFormat}: making a format must not initialise {@code LearnerFormat}, whose list of
 * formats reads each format's constant (a fresh JVM that meets a badge first would otherwise see the list
 * half made).
 */
record JsonFormat(Predicate<JsonNode> recogniser, TreeMapper mapper) implements LearnerFormat {
    /** Maps a JSON format's tree to the learner record. */
    @FunctionalInterface
    interface TreeMapper {
        Mapped map(JsonNode tree, String source) throws InvalidInputException;
    }

    @Override
    public boolean recognises(String text, JsonNode json) {
        return json != null && recogniser.test(json);
    }

    @Override
    public Mapped map(String text, JsonNode json, String source) throws InvalidInputException {
        return mapper.map(json, source);
    }
}
