package org.accrue.service.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.accrue.service.Databases;
import org.accrue.service.ServiceConfig;
import org.accrue.service.TestService;
import org.accrue.service.accounts.Role;
import org.accrue.trust.Signer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A registry that requires verified credentials, configured as a registry would (trust: and requireVerified: in its
 * configuration file), on a running server: a genuine signed badge counts, an altered one is decided on without it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TrustApiTest {
    static final Path REPO = Path.of(System.getProperty("accrue.repo", ".."));
    static final ObjectMapper JSON = new ObjectMapper();
    TestService service;
    String genuine;
    String altered;

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        Path key = dir.resolve("key.jwk");
        Files.writeString(key, Signer.generate().privateJwk());
        Signer signer = Signer.read(key);
        ObjectNode vc = (ObjectNode) JSON.readTree(REPO.resolve("samples/formats/open-badge-ob3.json").toFile());
        vc.with("issuer").put("id", signer.issuer());
        genuine = signer.sign(vc.toString(), "2026-01-10T09:00:00Z");
        vc = (ObjectNode) JSON.readTree(genuine);
        vc.with("credentialSubject").put("creditsEarned", 60);
        altered = vc.toString();
        Files.writeString(dir.resolve("trust.yaml"), "issuers:\n  - id: " + signer.issuer()
                + "\n    name: University of St Andrews\n");
        Files.writeString(dir.resolve("accrue.yaml"), "trust: trust.yaml\nrequireVerified: true\n");
        ServiceConfig config = ServiceConfig.read(dir.resolve("accrue.yaml"));
        assertTrue(config.requireVerified());
        service = new TestService(config.withPort(0).withDb(Databases.fresh("sqlite")));
    }

    @AfterAll
    void stop() {
        service.close();
    }

    private JsonNode credential(String badge) throws Exception {
        HttpResponse<String> r = service.post(Role.VIEWER, "/v1/evaluations?asOf=2026-11-30", badge, "application/json");
        assertEquals(201, r.statusCode(), r.body());
        return JSON.readTree(r.body()).get("result").get("credentials").get(0);
    }

    @Test
    void aGenuineBadgeIsVerifiedAndCounts() throws Exception {
        JsonNode c = credential(genuine);
        assertEquals("verified", c.get("verification").get("status").asText(), c.toString());
        assertTrue(c.get("creditBearing").asBoolean());
    }

    @Test
    void anAlteredBadgeIsDecidedWithoutItsCreditAndSaysWhy() throws Exception {
        JsonNode c = credential(altered);
        assertEquals("invalid-proof", c.get("verification").get("status").asText());
        assertFalse(c.get("creditBearing").asBoolean());
        assertTrue(c.get("excluded").get(0).asText().startsWith("not verified, and only verified credentials count"),
                c.toString());
    }

    @Test
    void requireVerifiedWithoutATrustListIsRefusedAtStart(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("accrue.yaml"), "requireVerified: true\n");
        ServiceConfig config = ServiceConfig.read(dir.resolve("accrue.yaml")).withPort(0)
                .withDb(Databases.fresh("sqlite"));
        var e = assertThrows(IllegalArgumentException.class, () -> Server.start(config, java.time.Clock.systemUTC()));
        assertTrue(e.getMessage().startsWith("requireVerified needs a trust list"), e.getMessage());
        Files.writeString(dir.resolve("accrue.yaml"), "requireVerified: yes please\n");
        var bad = assertThrows(IllegalArgumentException.class, () -> ServiceConfig.read(dir.resolve("accrue.yaml")));
        assertEquals(dir.resolve("accrue.yaml") + ": requireVerified: expected true or false", bad.getMessage());
    }
}
