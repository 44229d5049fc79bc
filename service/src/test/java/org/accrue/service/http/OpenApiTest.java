package org.accrue.service.http;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import org.accrue.service.TestService;
import org.accrue.service.accounts.Role;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code /openapi.json} read by a real OpenAPI parser (swagger-parser): valid 3.1, every route the server answers
 * is in it and nothing else, each with the role it needs, and the result schema is the one in docs/.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OpenApiTest {
    TestService service;
    OpenAPI api;

    @BeforeAll
    void start() throws Exception {
        service = new TestService("sqlite");
        HttpResponse<String> r = service.get(null, "/openapi.json");
        assertEquals(200, r.statusCode());
        SwaggerParseResult parsed = new OpenAPIV3Parser().readContents(r.body(), null, null);
        assertTrue(parsed.getMessages() == null || parsed.getMessages().isEmpty(), "parser: " + parsed.getMessages());
        api = parsed.getOpenAPI();
    }

    @AfterAll
    void stop() {
        service.close();
    }

    private Set<String> documented() {
        Set<String> out = new TreeSet<>();
        for (Map.Entry<String, PathItem> p : api.getPaths().entrySet()) {
            p.getValue().readOperationsMap().keySet().forEach(m -> out.add(m.name() + " " + p.getKey()));
        }
        return out;
    }

    @Test
    void itIsOpenApi31() {
        assertEquals("3.1.0", api.getOpenapi());
    }

    @Test
    void everyRouteIsDocumentedAndNothingElse() {
        Set<String> routes = new TreeSet<>();
        Api.ROUTES.forEach(r -> routes.add(r.method().name() + " " + r.path()));
        assertEquals(routes, documented());
    }

    @Test
    void theServerAnswersEveryDocumentedOperationAndRefusesOthers() {
        for (String op : documented()) {
            String method = op.substring(0, op.indexOf(' '));
            String path = op.substring(op.indexOf(' ') + 1).replace("{id}", "x").replace("{learnerId}", "L-1")
                    .replace("{name}", "nobody");
            HttpResponse<String> r = service.send(Role.ADMIN, method, path, "{}".getBytes(), "application/json");
            assertNotEquals(405, r.statusCode(), op + ": " + r.body());
            assertTrue(!r.body().contains("no such endpoint"), op + ": " + r.body());
            for (String other : List.of("GET", "POST", "DELETE", "PUT", "PATCH")) {
                if (!documented().contains(other + " " + op.substring(op.indexOf(' ') + 1))) {
                    assertEquals(405, service.send(Role.ADMIN, other, path, null, null).statusCode(), other + " " + path);
                }
            }
        }
    }

    @Test
    void eachOperationNamesItsRole() {
        for (Api.Route r : Api.ROUTES) {
            var op = api.getPaths().get(r.path()).readOperationsMap()
                    .get(PathItem.HttpMethod.valueOf(r.method().name()));
            Object role = op.getExtensions() == null ? null : op.getExtensions().get("x-accrue-role");
            assertEquals(r.role() == null ? null : r.role().code(), role, r.toString());
        }
    }

    @Test
    void theResultSchemaIsTheOneInDocs() throws Exception {
        var schemas = api.getComponents().getSchemas();
        assertTrue(schemas.containsKey("EvaluationResult"));
        var docs = new com.fasterxml.jackson.databind.ObjectMapper().readTree(
                ApiContract.REPO.resolve("docs/result.schema.json").toFile());
        docs.get("$defs").fieldNames().forEachRemaining(d -> assertTrue(schemas.containsKey(
                "Result" + Character.toUpperCase(d.charAt(0)) + d.substring(1)), d));
        assertEquals(new TreeSet<>(iterator(docs.get("properties").fieldNames())),
                new TreeSet<>(schemas.get("EvaluationResult").getProperties().keySet()));
    }

    private static List<String> iterator(java.util.Iterator<String> it) {
        List<String> out = new java.util.ArrayList<>();
        it.forEachRemaining(out::add);
        return out;
    }
}
