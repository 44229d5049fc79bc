package org.accrue.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code accrue keys generate}, signed badges out, {@code accrue verify}, and the trust options, end to end. */
class TrustCommandsTest {
    static final Path REPO = Path.of(System.getProperty("accrue.repo", ".."));
    static final String AMIRA = REPO.resolve("samples/amira-pgcert-data-science.yaml").toString();
    static final ObjectMapper JSON = new ObjectMapper();

    /** A key, the badges signed with it for the sample learner, and a trust list naming the key's DID. */
    record Signed(Path key, Path badges, Path trust, String did) {
    }

    static Signed signed(Path dir, String format) throws Exception {
        Path key = dir.resolve("keys/issuer.jwk");
        Cli k = Cli.run("keys", "generate", "--out", key.toString(), "--name", "University of Example");
        assertEquals(0, k.status(), k.err());
        String did = k.out().lines().filter(l -> l.startsWith("Issuer (did:key): ")).findFirst().orElseThrow()
                .substring("Issuer (did:key): ".length());
        assertTrue(k.out().contains("  - id: " + did + "\n    name: University of Example"), k.out());
        Path badges = dir.resolve("badges");
        Cli e = Cli.run("evaluate", "--as-of", "2026-11-30", "--emit-badge", badges.toString(), "--sign-key",
                key.toString(), "--sign-format", format, AMIRA);
        assertEquals(0, e.status(), e.err());
        Path trust = dir.resolve("trust.yaml");
        Files.writeString(trust, "issuers:\n  - id: " + did + "\n    name: University of Example\n");
        return new Signed(key, badges, trust, did);
    }

    @Test
    void aGeneratedKeyIsPrivateToItsOwnerAndNotOverwritten(@TempDir Path dir) throws Exception {
        Signed s = signed(dir, "data-integrity");
        assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(s.key())));
        JsonNode jwk = JSON.readTree(s.key().toFile());
        assertEquals("OKP", jwk.get("kty").asText());
        assertTrue(jwk.has("d"));
        Cli again = Cli.run("keys", "generate", "--out", s.key().toString());
        assertEquals(2, again.status());
        assertTrue(again.err().contains("exists; use --force"), again.err());
    }

    @Test
    void signedBadgesVerifyAndAnAlteredOneDoesNot(@TempDir Path dir) throws Exception {
        Signed s = signed(dir, "data-integrity");
        List<Path> files;
        try (Stream<Path> l = Files.list(s.badges())) {
            files = l.sorted().toList();
        }
        assertEquals(6, files.size(), files.toString());
        for (Path f : files) {
            JsonNode badge = JSON.readTree(f.toFile());
            assertEquals(s.did(), badge.get("issuer").get("id").asText());
            assertEquals("eddsa-rdfc-2022", badge.get("proof").get("cryptosuite").asText());
        }
        Cli ok = Cli.run("verify", "--trust", s.trust().toString(), "--as-of", "2026-11-30", s.badges().toString());
        assertEquals(0, ok.status(), ok.out() + ok.err());
        assertEquals(6, ok.out().lines().filter(l -> l.contains(": verified: signed by University of Example")).count(),
                ok.out());

        ObjectNode altered = (ObjectNode) JSON.readTree(files.get(0).toFile());
        altered.with("credentialSubject").put("creditsEarned", 120);
        Files.writeString(files.get(0), altered.toString());
        Cli bad = Cli.run("verify", "--trust", s.trust().toString(), "--as-of", "2026-11-30", "--format", "json",
                s.badges().toString());
        assertEquals(1, bad.status());
        List<JsonNode> lines = bad.out().lines().map(l -> {
            try {
                return JSON.readTree(l);
            } catch (Exception e) {
                throw new AssertionError(l, e);
            }
        }).toList();
        assertEquals("invalid-proof", lines.get(0).get("status").asText());
        assertEquals(files.get(0).toString(), lines.get(0).get("file").asText());
        assertEquals("verified", lines.get(1).get("status").asText());

        Cli untrusted = Cli.run("verify", "--as-of", "2026-11-30", files.get(1).toString());
        assertEquals(1, untrusted.status());
        assertTrue(untrusted.out().contains(": untrusted-issuer: "), untrusted.out());
    }

    @Test
    void vcJwtBadgesVerifyToo(@TempDir Path dir) throws Exception {
        Signed s = signed(dir, "jwt");
        try (Stream<Path> l = Files.list(s.badges())) {
            assertTrue(l.allMatch(p -> p.toString().endsWith(".jwt")));
        }
        Cli ok = Cli.run("verify", "--trust", s.trust().toString(), "--as-of", "2026-11-30", s.badges().toString());
        assertEquals(0, ok.status(), ok.out() + ok.err());
        assertTrue(ok.out().contains("(VC-JWT (EdDSA))"), ok.out());
    }

    @Test
    void underRequireVerifiedAnAlteredBadgeDoesNotCountAndTheReportSaysWhy(@TempDir Path dir) throws Exception {
        Signed s = signed(dir, "data-integrity");
        Path badge = Files.list(s.badges()).sorted().findFirst().orElseThrow();
        Path learner = Files.createDirectories(dir.resolve("learner"));
        ObjectNode vc = (ObjectNode) JSON.readTree(badge.toFile());
        Files.writeString(learner.resolve("genuine.json"), vc.toString());
        vc.put("name", vc.get("name").asText() + " (with Distinction)");
        Path altered = dir.resolve("altered.json");
        Files.writeString(altered, vc.toString());

        Cli flagged = Cli.run("evaluate", "--as-of", "2026-11-30", "--trust", s.trust().toString(), altered.toString());
        assertEquals(0, flagged.status(), flagged.err());
        assertTrue(flagged.out().contains("verification: invalid-proof: its eddsa-rdfc-2022 proof does not check"),
                flagged.out());
        assertFalse(flagged.out().contains("carries no credit: not verified"), flagged.out());

        Cli required = Cli.run("evaluate", "--as-of", "2026-11-30", "--trust", s.trust().toString(),
                "--require-verified", "--format", "json", altered.toString(), learner.resolve("genuine.json").toString());
        assertEquals(0, required.status(), required.err());
        List<JsonNode> results = required.out().lines().map(l -> {
            try {
                return JSON.readTree(l);
            } catch (Exception e) {
                throw new AssertionError(l, e);
            }
        }).toList();
        JsonNode forged = results.get(0).get("credentials").get(0);
        assertEquals("invalid-proof", forged.get("verification").get("status").asText());
        assertFalse(forged.get("creditBearing").asBoolean());
        assertTrue(forged.get("excluded").get(0).asText().startsWith("not verified, and only verified credentials"),
                forged.toString());
        JsonNode genuine = results.get(1).get("credentials").get(0);
        assertEquals("verified", genuine.get("verification").get("status").asText());
    }

    @Test
    void trustOptionsFailAsUsageErrorsInOneLine(@TempDir Path dir) throws Exception {
        Cli noList = Cli.run("evaluate", "--require-verified", AMIRA);
        assertEquals(2, noList.status());
        assertEquals("accrue evaluate: --require-verified needs --trust FILE: without a trust list no issuer is "
                + "trusted and nothing would count", noList.err().strip());
        Path bad = dir.resolve("trust.yaml");
        Files.writeString(bad, "issuers:\n  - id: https://x.example\n    name: X\n");
        Cli badList = Cli.run("batch", "--trust", bad.toString(), "--out", dir.resolve("out").toString(), AMIRA);
        assertEquals(2, badList.status());
        assertEquals(1, badList.err().strip().lines().count(), badList.err());
        assertTrue(badList.err().contains(bad + ": issuers[0].keys: is missing"), badList.err());
        Cli noBadge = Cli.run("evaluate", "--sign-key", bad.toString(), AMIRA);
        assertEquals(2, noBadge.status());
        Files.writeString(dir.resolve("public.jwk"), "{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"x\":\"RUiJH44xe_yhFsSVZqcmt2_0ZESZ3QyqF-PmallTRp0\"}");
        Cli publicKey = Cli.run("evaluate", "--emit-badge", dir.resolve("b").toString(), "--sign-key",
                dir.resolve("public.jwk").toString(), AMIRA);
        assertEquals(2, publicKey.status());
        assertTrue(publicKey.err().contains("public.jwk: d: is missing: this is a public key"), publicKey.err());
    }

    @Test
    void verifyReportsAFileThatIsNoCredentialAndGoesOn(@TempDir Path dir) throws Exception {
        Signed s = signed(dir, "data-integrity");
        Path junk = dir.resolve("junk.json");
        Files.writeString(junk, "not json at all");
        Path one = Files.list(s.badges()).sorted().findFirst().orElseThrow();
        Cli r = Cli.run("verify", "--trust", s.trust().toString(), "--as-of", "2026-11-30", junk.toString(),
                one.toString());
        assertEquals(1, r.status());
        assertTrue(r.err().startsWith(junk + ": neither JSON nor a JWT"), r.err());
        assertTrue(r.out().contains(": verified: "), r.out());
    }
}
