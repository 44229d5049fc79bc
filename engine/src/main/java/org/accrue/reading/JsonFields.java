package org.accrue.reading;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reading and writing the optional fields of the credential formats' JSON, in one place. */
final class JsonFields {
    private static final Pattern TRAILING_NUMBER = Pattern.compile("(\\d+)\\D*$");

    private JsonFields() {
    }

    /**
     * The level a code or URI ends in ({@code "SCQF 11"}, {@code ".../eqf/6"}), or an error at {@code where} saying
     * it names no level of {@code framework}.
     */
    static int level(String code, String framework, String source, String where) throws InvalidInputException {
        Matcher m = TRAILING_NUMBER.matcher(code);
        if (!m.find() || m.group(1).length() > 3) {
            // a level is one or two digits; more is no level of any framework (and would not fit an int)
            throw new InvalidInputException(source, where, "'" + org.accrue.report.Printable.echo(code)
                    + "' names no " + framework + " level");
        }
        return Integer.parseInt(m.group(1));
    }

    /** A field's value as text, or null when it is absent, null, or not a single value. */
    static String text(JsonNode node, String field) {
        JsonNode v = node == null ? null : node.get(field);
        return v == null || v.isNull() || !v.isValueNode() ? null : v.asText();
    }

    static void putIf(ObjectNode node, String field, String v) {
        if (v != null) {
            node.put(field, v);
        }
    }

    static void putIf(ArrayNode node, String v) {
        if (v != null) {
            node.add(v);
        }
    }

    /**
     * A learner-record field that takes one value or a list (a joint award's bodies, countries, identifiers): one
     * value as itself, several as the list, none not at all.
     */
    static void putOneOrMore(ObjectNode node, String field, ArrayNode values) {
        if (values.size() == 1) {
            node.set(field, values.get(0));
        } else if (values.size() > 1) {
            node.set(field, values);
        }
    }
}
