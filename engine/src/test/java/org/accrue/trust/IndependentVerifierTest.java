package org.accrue.trust;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.accrue.result.Verification.Status;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Interoperability with an independent implementation, under Node.js: Digital Bazaar's {@code @digitalbazaar/vc}
 * with its {@code eddsa-rdfc-2022} cryptosuite, and {@code jose} for VC-JWT ({@code tools/trust-interop}). What
 * Accrue signs, they accept (and they refuse it altered); what they sign, Accrue accepts.
 */
class IndependentVerifierTest {
    private static final Path TOOL = Path.of("../tools/trust-interop");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final LocalDate AS_OF = LocalDate.of(2026, 11, 30);

    @BeforeAll
    static void install() throws Exception {
        if (!Files.isDirectory(TOOL.resolve("node_modules/@digitalbazaar/vc"))) {
            // .ci/run installs them first; a developer's first run installs them here, from the lock file
            String out = run(List.of("npm", "ci", "--no-audit", "--no-fund", "--prefix", TOOL.toString()), 0);
            assertTrue(Files.isDirectory(TOOL.resolve("node_modules/@digitalbazaar/vc")), out);
        }
    }

    private static String run(List<String> command, int expected) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(expected, p.waitFor(), String.join(" ", command) + "\n" + out);
        return out;
    }

    private static List<JsonNode> nodeVerifies(Path... files) throws Exception {
        List<String> command = new ArrayList<>(List.of("node", TOOL.resolve("interop.mjs").toString(), "verify"));
        for (Path f : files) {
            command.add(f.toString());
        }
        List<JsonNode> results = new ArrayList<>();
        for (String line : run(command, 0).strip().split("\n")) {
            results.add(JSON.readTree(line));
        }
        return results;
    }

    private static ObjectNode sample(Signer signer) throws IOException {
        ObjectNode vc = (ObjectNode) JSON.readTree(Path.of("../samples/formats/open-badge-ob3.json").toFile());
        if (signer != null) {
            vc.with("issuer").put("id", signer.issuer());
        }
        return vc;
    }

    @Test
    void whatAccrueSignsTheIndependentVerifierAcceptsAndRefusesAltered(@TempDir Path dir) throws Exception {
        Path key = dir.resolve("key.jwk");
        Files.writeString(key, Signer.generate().privateJwk());
        Signer signer = Signer.read(key);

        ObjectNode di = sample(signer);
        signer.sign(di, "2026-11-30T08:00:00Z");
        Path diFile = Files.writeString(dir.resolve("badge.json"), di.toString());
        ObjectNode changed = di.deepCopy();
        changed.with("credentialSubject").put("creditsEarned", 16);
        Path alteredFile = Files.writeString(dir.resolve("altered.json"), changed.toString());
        Path jwtFile = Files.writeString(dir.resolve("badge.jwt"), signer.signJwt(sample(signer)));

        List<JsonNode> r = nodeVerifies(diFile, alteredFile, jwtFile);
        assertTrue(r.get(0).get("verified").asBoolean(), r.get(0).toString());
        assertFalse(r.get(1).get("verified").asBoolean(), r.get(1).toString());
        assertTrue(r.get(2).get("verified").asBoolean(), r.get(2).toString());
    }

    @Test
    void whatTheIndependentImplementationSignsAccrueVerifies(@TempDir Path dir) throws Exception {
        ObjectNode unsigned = sample(null);
        Path in = Files.writeString(dir.resolve("unsigned.json"), unsigned.toString());
        String diIssuer = run(List.of("node", TOOL.resolve("interop.mjs").toString(), "sign-di", in.toString(),
                dir.resolve("by-npm.json").toString()), 0).strip();
        String jwtIssuer = run(List.of("node", TOOL.resolve("interop.mjs").toString(), "sign-jwt", in.toString(),
                dir.resolve("by-jose.jwt").toString()), 0).strip();
        Files.writeString(dir.resolve("trust.yaml"), "issuers:\n  - id: " + diIssuer + "\n    name: Signed by npm\n"
                + "  - id: " + jwtIssuer + "\n    name: Signed by jose\n");
        Verifier v = new Verifier(TrustList.read(dir.resolve("trust.yaml")));

        String byNpm = Files.readString(dir.resolve("by-npm.json"));
        var di = v.verify(byNpm, AS_OF);
        assertEquals(Status.VERIFIED, di.status(), di.message());
        assertTrue(di.message().contains("Signed by npm"), di.message());
        ObjectNode altered = (ObjectNode) JSON.readTree(byNpm);
        altered.with("credentialSubject").with("achievement").put("name", "Statistical Learning II");
        assertEquals(Status.INVALID_PROOF, v.verify(altered.toString(), AS_OF).status());

        var jwt = v.verify(Files.readString(dir.resolve("by-jose.jwt")), AS_OF);
        assertEquals(Status.VERIFIED, jwt.status(), jwt.message());
        assertTrue(jwt.message().contains("Signed by jose"), jwt.message());
    }
}
