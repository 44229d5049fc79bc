package org.accrue.reading;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Reading and writing the optional fields of the credential formats' JSON, in one place. */
final class JsonFields {
    private JsonFields() {
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
}
