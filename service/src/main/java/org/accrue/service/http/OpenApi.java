package org.accrue.service.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.Map;

/**
 * The OpenAPI 3.1 document {@code GET /openapi.json} serves: the endpoints as written in {@code openapi.json}
 * beside this class, with the result schema taken from {@code docs/result.schema.json} (packaged as
 * {@code result.schema.json}) rather than copied: its {@code $defs} become component schemas named
 * {@code Result<Name>}, and the whole becomes {@code EvaluationResult}.
 */
final class OpenApi {
    private static final String DOCUMENT = build();

    private OpenApi() {
    }

    static String document() {
        return DOCUMENT;
    }

    private static String build() {
        ObjectNode doc = (ObjectNode) read("/org/accrue/service/http/openapi.json");
        ObjectNode result = (ObjectNode) read("/result.schema.json");
        ObjectNode schemas = (ObjectNode) doc.path("components").path("schemas");
        JsonNode defs = result.remove("$defs");
        result.remove("$schema");
        result.remove("$id");
        if (defs != null) {
            for (Iterator<Map.Entry<String, JsonNode>> it = defs.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> d = it.next();
                schemas.set(name(d.getKey()), refs(d.getValue()));
            }
        }
        schemas.set("EvaluationResult", refs(result));
        return doc.toString();
    }

    private static String name(String def) {
        return "Result" + Character.toUpperCase(def.charAt(0)) + def.substring(1);
    }

    /** The schema with its {@code #/$defs/x} references pointing at the component schemas. */
    private static JsonNode refs(JsonNode node) {
        if (node.isObject()) {
            ObjectNode o = (ObjectNode) node;
            JsonNode ref = o.get("$ref");
            if (ref != null && ref.asText().startsWith("#/$defs/")) {
                o.put("$ref", "#/components/schemas/" + name(ref.asText().substring("#/$defs/".length())));
            }
            o.fields().forEachRemaining(e -> refs(e.getValue()));
        } else if (node.isArray()) {
            node.forEach(OpenApi::refs);
        }
        return node;
    }

    private static JsonNode read(String resource) {
        try (InputStream in = OpenApi.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is not packaged with the service");
            }
            return Api.JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
