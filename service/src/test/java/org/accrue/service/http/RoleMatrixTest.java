package org.accrue.service.http;

import org.accrue.service.TestService;
import org.accrue.service.accounts.Role;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every endpoint the server answers ({@link Api#ROUTES}) called with no credentials, wrong credentials, and a
 * token of each role: 401 without, 403 for a role below the one the endpoint needs, neither for a role that
 * covers it. Only {@code /health} and {@code /openapi.json} are open.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RoleMatrixTest {
    TestService service;

    @BeforeAll
    void start() throws Exception {
        service = new TestService("sqlite");
    }

    @AfterAll
    void stop() {
        service.close();
    }

    private HttpResponse<String> call(Api.Route route, String authorization) {
        String path = route.path().replace("{id}", "x").replace("{learnerId}", "L-1").replace("{name}", "nobody");
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(service.base() + path + "?asOf=2026-11-28"))
                .method(route.method().name(), HttpRequest.BodyPublishers.ofString("{}"))
                .header("Content-Type", "application/json");
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return service.send(b.build());
    }

    @Test
    void onlyHealthAndTheDocumentAreOpen() {
        List<String> open = Api.ROUTES.stream().filter(r -> r.role() == null).map(r -> r.method() + " " + r.path())
                .toList();
        assertEquals(List.of("GET /health", "GET /openapi.json"), open);
    }

    @Test
    void everyEndpointByEveryRole() {
        List<String> wrong = new ArrayList<>();
        int checked = 0;
        for (Api.Route route : Api.ROUTES) {
            String name = route.method() + " " + route.path();
            int none = call(route, null).statusCode();
            int forged = call(route, "Bearer accrue_000000000000_forged").statusCode();
            if (route.role() == null) {
                if (none != 200) {
                    wrong.add(name + " without credentials: " + none);
                }
                continue;
            }
            if (none != 401) {
                wrong.add(name + " without credentials: " + none + ", not 401");
            }
            if (forged != 401) {
                wrong.add(name + " with a forged token: " + forged + ", not 401");
            }
            for (Role role : Role.values()) {
                int status = call(route, "Bearer " + service.tokens.get(role)).statusCode();
                boolean allowed = role.covers(route.role());
                if (allowed && (status == 401 || status == 403)) {
                    wrong.add(name + " as " + role.code() + ": " + status + ", though the role covers "
                            + route.role().code());
                }
                if (!allowed && status != 403) {
                    wrong.add(name + " as " + role.code() + ": " + status + ", not 403");
                }
                checked++;
            }
        }
        assertTrue(wrong.isEmpty(), String.join("\n", wrong));
        assertEquals((Api.ROUTES.size() - 2) * Role.values().length, checked);
    }

    private static java.util.Map<String, Role> roles() {
        java.util.Map<String, Role> m = new java.util.HashMap<>();
        Api.ROUTES.forEach(r -> m.put(r.method() + " " + r.path(), r.role()));
        return m;
    }

    @Test
    void theRolesAreAsDocumented() {
        assertEquals(Role.VIEWER, roles().get("POST /v1/evaluations"));
        assertEquals(Role.OFFICER, roles().get("POST /v1/learners/{learnerId}/exceptions"));
        assertEquals(Role.APPROVER, roles().get("POST /v1/exceptions/{id}/approve"));
        assertEquals(Role.APPROVER, roles().get("POST /v1/exceptions/{id}/reject"));
        assertEquals(Role.ADMIN, roles().get("POST /v1/tokens"));
        assertEquals(Role.ADMIN, roles().get("POST /v1/users"));
    }

    @Test
    void repeatedFailedSignInsAreSlowedDown() throws Exception {
        service.server.registry().accounts().addUser("carol", Role.VIEWER, "carol-password".toCharArray());
        String wrong = ApiContract.basic("carol", "not-her-password");
        for (int i = 0; i < 5; i++) {
            assertEquals(401, call(Api.ROUTES.get(2), wrong).statusCode());
        }
        HttpResponse<String> slowed = call(Api.ROUTES.get(2), ApiContract.basic("carol", "carol-password"));
        assertEquals(429, slowed.statusCode(), slowed.body());
        assertTrue(slowed.headers().firstValue("Retry-After").isPresent());
        ApiContract.assertProblem(slowed, 429, "too many failed sign-ins");
    }

    @Test
    void secretsAreKeptOnlyAsHashes() throws Exception {
        service.server.registry().accounts().addUser("dave", Role.OFFICER, "dave-password-1".toCharArray());
        String token = service.tokens.get(Role.ADMIN);
        try (var c = service.server.registry().database().connection();
             var s = c.createStatement();
             var r = s.executeQuery("SELECT password_hash FROM users WHERE name = 'dave'")) {
            r.next();
            String hash = r.getString(1);
            assertTrue(hash.startsWith("$2a$10$"), hash);
            assertTrue(!hash.contains("dave-password-1"));
        }
        try (var c = service.server.registry().database().connection();
             var s = c.createStatement();
             var r = s.executeQuery("SELECT id, secret_hash FROM tokens")) {
            while (r.next()) {
                assertTrue(!token.contains(r.getString(2)), "a token's stored hash is not its secret");
            }
        }
        assertEquals(200, call(Api.ROUTES.get(2), ApiContract.basic("dave", "dave-password-1")).statusCode());
        // a token with its secret changed by one character is refused
        String last = token.substring(token.length() - 1);
        String altered = token.substring(0, token.length() - 1) + (last.equals("A") ? "B" : "A");
        assertEquals(401, call(Api.ROUTES.get(2), "Bearer " + altered).statusCode());
    }
}
