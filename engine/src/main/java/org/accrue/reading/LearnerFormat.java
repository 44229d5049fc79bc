package org.accrue.reading;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.function.UnaryOperator;

/**
 * A learner-file format Accrue reads besides its own learner record: how it is recognised by content, how it
 * maps to the learner-record tree, and where a problem found in that tree is in the format's own terms (a JSON
 * path in a badge, a CSV line and column). Every format's record then goes through the one learner-record
 * parser and the one remapping of its errors ({@link LearnerFiles#read(Mapped)}).
 */
interface LearnerFormat {
    /** The formats, in the order they are tried. */
    List<LearnerFormat> ALL = List.of(OpenBadges.FORMAT, OpenBadges2.FORMAT, Clr.FORMAT, Elm.FORMAT,
            CsvTranscripts.FORMAT);

    /** Whether the text is in this format; {@code json} is its tree when it parses as JSON, else null. */
    boolean recognises(String text, JsonNode json);

    /** The learner record the text maps to; a problem with the text itself is an error in the format's terms. */
    Mapped map(String text, JsonNode json, String source) throws InvalidInputException;

    /**
     * A learner-record tree and how to place a problem found in it.
     *
     * @param place      turns an error at a learner-record field into the same error at the format's own place
     * @param provenance for credential i of the record, its provenance (or null); empty for formats without
     */
    record Mapped(ObjectNode record, String source, UnaryOperator<InvalidInputException> place,
                  java.util.List<org.accrue.learner.Provenance> provenance) {
        Mapped(ObjectNode record, String source, UnaryOperator<InvalidInputException> place) {
            this(record, source, place, java.util.List.of());
        }
    }
}
