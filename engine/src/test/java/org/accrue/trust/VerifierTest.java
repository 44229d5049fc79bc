package org.accrue.trust;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import org.accrue.reading.InvalidInputException;
import org.accrue.result.Verification.Status;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every verification status, from the W3C test vector and from credentials signed here and by Nimbus JOSE. */
class VerifierTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path W3C = Path.of("src/test/resources/trust/w3c");
    private static final LocalDate DAY = LocalDate.of(2026, 11, 30);

    private static Verifier w3c;
    private static String vector;

    @BeforeAll
    static void load() throws Exception {
        w3c = new Verifier(TrustList.read(W3C.resolve("trust.yaml")));
        vector = Files.readString(W3C.resolve("eddsa-rdfc-2022-signed.json"));
    }

    @Test
    void theW3cTestVectorVerifiesWithTheSpecificationsKey() {
        var v = w3c.verify(vector, DAY);
        assertEquals(Status.VERIFIED, v.status(), v.message());
        assertTrue(v.message().contains("The W3C example issuer"), v.message());
        assertTrue(v.message().contains("eddsa-rdfc-2022"), v.message());
    }

    @Test
    void anyOneCharacterChangeToASignedFieldFailsTheTestVector() throws Exception {
        JsonNode original = JSON.readTree(vector);
        List<String> paths = new ArrayList<>();
        strings(original, "", paths);
        assertTrue(paths.size() >= 10, "fields to change: " + paths);
        int checked = 0;
        for (String path : paths) {
            if (path.startsWith("/proof/") || path.startsWith("/@context")) {
                continue; // the proof's own fields and the contexts are tested below
            }
            ObjectNode changed = original.deepCopy();
            JsonNode parent = changed.at(path.substring(0, path.lastIndexOf('/')));
            String field = path.substring(path.lastIndexOf('/') + 1);
            String value = changed.at(path).asText();
            String altered = value.substring(0, value.length() - 1) + (value.endsWith("1") ? "2" : "1");
            if (parent.isArray()) {
                ((com.fasterxml.jackson.databind.node.ArrayNode) parent).set(Integer.parseInt(field), new TextNode(altered));
            } else {
                ((ObjectNode) parent).put(field, altered);
            }
            var v = w3c.verify(changed.toString(), DAY);
            assertNotEquals(Status.VERIFIED, v.status(), path + " changed and still verified");
            checked++;
        }
        assertTrue(checked >= 8, "changed " + checked);
    }

    @Test
    void aChangedProofValueOrVerificationMethodFails() throws Exception {
        ObjectNode vc = (ObjectNode) JSON.readTree(vector);
        ObjectNode proof = (ObjectNode) vc.get("proof");
        String value = proof.get("proofValue").asText();
        proof.put("proofValue", value.substring(0, 20) + (value.charAt(20) == 'a' ? 'b' : 'a') + value.substring(21));
        assertEquals(Status.INVALID_PROOF, w3c.verify(vc.toString(), DAY).status());
        ObjectNode vc2 = (ObjectNode) JSON.readTree(vector);
        ((ObjectNode) vc2.get("proof")).put("created", "2023-02-24T23:36:39Z");
        assertEquals(Status.INVALID_PROOF, w3c.verify(vc2.toString(), DAY).status());
    }

    @Test
    void withoutTheTrustListTheW3cIssuerIsUntrusted() {
        var v = new Verifier(TrustList.EMPTY).verify(vector, DAY);
        assertEquals(Status.UNTRUSTED_ISSUER, v.status());
        assertTrue(v.message().contains("https://vc.example/issuers/5678"), v.message());
    }

    @Test
    void aContextNeitherBundledNorListedIsNamedNotFetched(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("t.yaml"), """
                issuers:
                  - id: https://vc.example/issuers/5678
                    name: Example
                    keys: [{multikey: z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2}]
                """);
        var v = new Verifier(TrustList.read(dir.resolve("t.yaml"))).verify(vector, DAY);
        assertEquals(Status.UNSUPPORTED_PROOF, v.status());
        assertTrue(v.message().contains("unknown JSON-LD context https://www.w3.org/ns/credentials/examples/v2"),
                v.message());
    }

    // --- credentials signed here, with a did:key issuer

    private static ObjectNode badge(String issuer, String validFrom, String validUntil) {
        ObjectNode vc = JSON.createObjectNode();
        vc.putArray("@context").add("https://www.w3.org/ns/credentials/v2")
                .add("https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json");
        vc.put("id", "urn:uuid:2f1c8d52-0d43-4c35-9a2e-6d3e1f0a9b10");
        vc.putArray("type").add("VerifiableCredential").add("OpenBadgeCredential");
        vc.put("name", "Data Ethics");
        ObjectNode i = vc.putObject("issuer");
        i.put("id", issuer);
        i.putArray("type").add("Profile");
        i.put("name", "Example College");
        vc.put("validFrom", validFrom);
        if (validUntil != null) {
            vc.put("validUntil", validUntil);
        }
        ObjectNode s = vc.putObject("credentialSubject");
        s.put("id", "did:example:learner-1");
        s.putArray("type").add("AchievementSubject");
        ObjectNode a = s.putObject("achievement");
        a.put("id", "urn:example:achievement:data-ethics");
        a.putArray("type").add("Achievement");
        a.put("name", "Data Ethics");
        a.put("creditsAvailable", 15);
        a.putObject("criteria").put("narrative", "Passed the assessed project.");
        return vc;
    }

    private static TrustList trusting(Path dir, String issuer, String extra) throws Exception {
        Files.writeString(dir.resolve("trust.yaml"), "issuers:\n  - id: " + issuer + "\n    name: Example College\n"
                + extra);
        return TrustList.read(dir.resolve("trust.yaml"));
    }

    @Test
    void aBadgeSignedHereVerifiesAndEachAlterationIsCaught(@TempDir Path dir) throws Exception {
        Signer signer = Signer.read(key(dir));
        ObjectNode vc = badge(signer.issuer(), "2026-01-10T00:00:00Z", null);
        signer.sign(vc, "2026-01-10T09:00:00Z");
        Verifier v = new Verifier(trusting(dir, signer.issuer(), ""));
        assertEquals(Status.VERIFIED, v.verify(vc.toString(), DAY).status(), v.verify(vc.toString(), DAY).message());

        ObjectNode credit = vc.deepCopy();
        ((ObjectNode) credit.at("/credentialSubject/achievement")).put("creditsAvailable", 16);
        assertEquals(Status.INVALID_PROOF, v.verify(credit.toString(), DAY).status());
        ObjectNode learner = vc.deepCopy();
        ((ObjectNode) learner.get("credentialSubject")).put("id", "did:example:learner-2");
        assertEquals(Status.INVALID_PROOF, v.verify(learner.toString(), DAY).status());
        ObjectNode added = vc.deepCopy();
        ((ObjectNode) added.at("/credentialSubject/achievement")).put("humanCode", "DE101");
        assertEquals(Status.INVALID_PROOF, v.verify(added.toString(), DAY).status());
    }

    @Test
    void aKeyOfAnotherIssuerIsAnInvalidProof(@TempDir Path dir) throws Exception {
        Signer signer = Signer.read(key(dir));
        Signer other = Signer.read(key(dir.resolve("other")));
        ObjectNode vc = badge(signer.issuer(), "2026-01-10T00:00:00Z", null);
        signer.sign(vc, "2026-01-10T09:00:00Z");
        // the issuer claims to be the other key's DID: the proof is not by the issuer
        vc.with("issuer").put("id", other.issuer());
        var r = new Verifier(trusting(dir, other.issuer(), "")).verify(vc.toString(), DAY);
        assertEquals(Status.INVALID_PROOF, r.status());
        assertTrue(r.message().contains("not of its issuer"), r.message());
    }

    @Test
    void validityIsJudgedForTheAsOfDay(@TempDir Path dir) throws Exception {
        Signer signer = Signer.read(key(dir));
        Verifier v = new Verifier(trusting(dir, signer.issuer(), ""));
        ObjectNode vc = badge(signer.issuer(), "2026-01-10T00:00:00Z", "2026-11-29T23:59:59Z");
        signer.sign(vc, "2026-01-10T09:00:00Z");
        assertEquals(Status.EXPIRED, v.verify(vc.toString(), DAY).status());
        assertEquals(Status.VERIFIED, v.verify(vc.toString(), DAY.minusDays(1)).status());
        ObjectNode later = badge(signer.issuer(), "2026-12-01T00:00:00Z", null);
        signer.sign(later, "2026-01-10T09:00:00Z");
        assertEquals(Status.NOT_YET_VALID, v.verify(later.toString(), DAY).status());
        assertEquals(Status.VERIFIED, v.verify(later.toString(), DAY.plusDays(1)).status());
    }

    @Test
    void unsignedAndUnsupportedProofsAreSaidSo(@TempDir Path dir) throws Exception {
        Verifier v = new Verifier(TrustList.EMPTY);
        ObjectNode vc = badge("did:example:college", "2026-01-10T00:00:00Z", null);
        assertEquals(Status.UNSIGNED, v.verify(vc.toString(), DAY).status());
        vc.putObject("proof").put("type", "DataIntegrityProof").put("cryptosuite", "ecdsa-rdfc-2019")
                .put("proofValue", "z3");
        var r = v.verify(vc.toString(), DAY);
        assertEquals(Status.UNSUPPORTED_PROOF, r.status());
        assertTrue(r.message().contains("ecdsa-rdfc-2019"), r.message());
    }

    @Test
    void aLocalStatusListRevokes(@TempDir Path dir) throws Exception {
        Signer signer = Signer.read(key(dir));
        String listUrl = "https://college.example/status/1";
        ObjectNode vc = badge(signer.issuer(), "2026-01-10T00:00:00Z", null);
        vc.putObject("credentialStatus").put("id", listUrl + "#5").put("type", "BitstringStatusListEntry")
                .put("statusPurpose", "revocation").put("statusListIndex", "5").put("statusListCredential", listUrl);
        signer.sign(vc, "2026-01-10T09:00:00Z");
        for (int revokedIndex : new int[] {5, 6}) {
            Files.writeString(dir.resolve("list.json"), statusList(signer, listUrl, revokedIndex).toString());
            Verifier v = new Verifier(trusting(dir, signer.issuer(), "statusLists:\n  " + listUrl + ": list.json\n"));
            var r = v.verify(vc.toString(), DAY);
            assertEquals(revokedIndex == 5 ? Status.REVOKED : Status.VERIFIED, r.status(), r.message());
        }
        var unchecked = new Verifier(trusting(dir, signer.issuer(), "")).verify(vc.toString(), DAY);
        assertEquals(Status.VERIFIED, unchecked.status());
        assertTrue(unchecked.message().contains("revocation not checked"), unchecked.message());
    }

    private static ObjectNode statusList(Signer signer, String url, int revoked) throws Exception {
        byte[] bits = new byte[16 * 1024];
        bits[revoked / 8] |= (byte) (0x80 >> (revoked % 8));
        ByteArrayOutputStream z = new ByteArrayOutputStream();
        try (GZIPOutputStream g = new GZIPOutputStream(z)) {
            g.write(bits);
        }
        ObjectNode list = JSON.createObjectNode();
        list.putArray("@context").add("https://www.w3.org/ns/credentials/v2");
        list.put("id", url);
        list.putArray("type").add("VerifiableCredential").add("BitstringStatusListCredential");
        list.put("issuer", signer.issuer());
        list.put("validFrom", "2026-01-01T00:00:00Z");
        ObjectNode s = list.putObject("credentialSubject");
        s.put("id", url + "#list");
        s.put("type", "BitstringStatusList");
        s.put("statusPurpose", "revocation");
        s.put("encodedList", "u" + Base64.getUrlEncoder().withoutPadding().encodeToString(z.toByteArray()));
        signer.sign(list, "2026-01-10T09:00:00Z");
        return list;
    }

    // --- VC-JWT

    @Test
    void vcJwtsSignedRs256Es256AndEdDsaVerifyWithTheTrustListsKeys(@TempDir Path dir) throws Exception {
        String issuer = "https://college.example/issuer";
        RSAKey rsa = new RSAKeyGenerator(2048).keyID(issuer + "#rsa").generate();
        ECKey ec = new ECKeyGenerator(Curve.P_256).keyID(issuer + "#ec").generate();
        TrustList list = trusting(dir, issuer, "    keys:\n      - id: " + issuer + "#rsa\n        jwk: "
                + rsa.toPublicJWK().toJSONString() + "\n      - id: " + issuer + "#ec\n        jwk: "
                + ec.toPublicJWK().toJSONString() + "\n");
        Verifier v = new Verifier(list);
        ObjectNode vc = badge(issuer, "2026-01-10T00:00:00Z", null);
        String rs = jwt(vc, JWSAlgorithm.RS256, issuer + "#rsa", new RSASSASigner(rsa));
        String es = jwt(vc, JWSAlgorithm.ES256, issuer + "#ec", new ECDSASigner(ec));
        assertEquals(Status.VERIFIED, v.verify(rs, DAY).status(), v.verify(rs, DAY).message());
        assertEquals(Status.VERIFIED, v.verify(es, DAY).status(), v.verify(es, DAY).message());
        assertTrue(v.verify(es, DAY).message().contains("ES256"));
        // the same JWT with its payload's credits raised: the signature no longer checks
        String[] parts = rs.split("\\.");
        ObjectNode claims = (ObjectNode) JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
        ((ObjectNode) claims.at("/vc/credentialSubject/achievement")).put("creditsAvailable", 60);
        String forged = parts[0] + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(JSON.writeValueAsBytes(claims)) + "." + parts[2];
        assertEquals(Status.INVALID_PROOF, v.verify(forged, DAY).status());
        // a JWT whose iss is another issuer than the credential's
        String lying = jwtWithClaims(vc, "https://elsewhere.example", JWSAlgorithm.RS256, issuer + "#rsa",
                new RSASSASigner(rsa));
        var r = v.verify(lying, DAY);
        assertEquals(Status.INVALID_PROOF, r.status());
        assertTrue(r.message().contains("iss claim"), r.message());

        Signer signer = Signer.read(key(dir));
        ObjectNode own = badge(signer.issuer(), "2026-01-10T00:00:00Z", "2027-01-10T00:00:00Z");
        String ed = signer.signJwt(own);
        var e = new Verifier(trusting(dir, signer.issuer(), "")).verify(ed, DAY);
        assertEquals(Status.VERIFIED, e.status(), e.message());
        assertEquals(Status.EXPIRED, new Verifier(trusting(dir, signer.issuer(), "")).verify(ed,
                LocalDate.of(2027, 2, 1)).status());
    }

    @Test
    void aJwtThatNamesNoKeyIsCheckedWithItsDidKeyIssuersKey(@TempDir Path dir) throws Exception {
        java.security.KeyPair pair = Keys.generate();
        String did = Keys.didKey(pair.getPublic());
        String token = VcJwt.sign(badge(did, "2026-01-10T00:00:00Z", null), pair.getPrivate(), null);
        assertEquals(null, VcJwt.parse(token).kid());
        var r = new Verifier(trusting(dir, did, "")).verify(token, DAY);
        assertEquals(Status.VERIFIED, r.status(), r.message());
    }

    @Test
    void aDidJwkIssuerIsResolvedFromItsDidAndMustBeTheSigner(@TempDir Path dir) throws Exception {
        ECKey ec = new ECKeyGenerator(Curve.P_256).generate();
        String did = "did:jwk:" + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(ec.toPublicJWK().toJSONString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        ObjectNode vc = badge(did, "2026-01-10T00:00:00Z", null);
        String token = jwt(vc, JWSAlgorithm.ES256, did + "#0", new ECDSASigner(ec));
        assertEquals(Status.UNTRUSTED_ISSUER, new Verifier(TrustList.EMPTY).verify(token, DAY).status());
        var listed = new Verifier(trusting(dir, did, "")).verify(token, DAY);
        assertEquals(Status.VERIFIED, listed.status(), listed.message());
        // another did:jwk's key signing for this issuer is not the issuer's
        ECKey other = new ECKeyGenerator(Curve.P_256).generate();
        String otherDid = "did:jwk:" + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(other.toPublicJWK().toJSONString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        String forged = jwtWithClaims(vc, did, JWSAlgorithm.ES256, otherDid + "#0", new ECDSASigner(other));
        var r = new Verifier(trusting(dir, did, "")).verify(forged, DAY);
        assertEquals(Status.INVALID_PROOF, r.status());
        assertTrue(r.message().contains("not of its issuer"), r.message());
    }

    private static String jwt(ObjectNode vc, JWSAlgorithm alg, String kid, com.nimbusds.jose.JWSSigner signer)
            throws Exception {
        return jwtWithClaims(vc, vc.get("issuer").get("id").asText(), alg, kid, signer);
    }

    private static String jwtWithClaims(ObjectNode vc, String iss, JWSAlgorithm alg, String kid,
                                        com.nimbusds.jose.JWSSigner signer) throws Exception {
        ObjectNode claims = JSON.createObjectNode();
        claims.put("iss", iss);
        claims.put("sub", vc.at("/credentialSubject/id").asText());
        claims.put("jti", vc.get("id").asText());
        claims.put("nbf", java.time.Instant.parse(vc.get("validFrom").asText()).getEpochSecond());
        claims.set("vc", vc);
        JWSObject jws = new JWSObject(new JWSHeader.Builder(alg).keyID(kid).build(), new Payload(claims.toString()));
        jws.sign(signer);
        return jws.serialize();
    }

    // --- the trust list's own errors

    @Test
    void aTrustListErrorNamesTheFileAndField(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("t.yaml"), "issuers:\n  - id: https://x.example\n    name: X\n    keys:\n"
                + "      - multikey: z6MkNotAKey\n");
        var e = assertThrows(InvalidInputException.class, () -> TrustList.read(dir.resolve("t.yaml")));
        assertEquals("issuers[0].keys[0].multikey", e.where());
        Files.writeString(dir.resolve("t.yaml"), "issuers:\n  - id: https://x.example\n    name: X\n");
        e = assertThrows(InvalidInputException.class, () -> TrustList.read(dir.resolve("t.yaml")));
        assertEquals("issuers[0].keys", e.where());
        Files.writeString(dir.resolve("t.yaml"), "issuers: []\nissuer: x\n");
        e = assertThrows(InvalidInputException.class, () -> TrustList.read(dir.resolve("t.yaml")));
        assertEquals("issuer", e.where());
        Signer.Generated g = Signer.generate();
        Files.writeString(dir.resolve("t.yaml"), "issuers:\n  - id: https://x.example\n    name: X\n    keys:\n"
                + "      - jwk: " + g.privateJwk() + "\n");
        e = assertThrows(InvalidInputException.class, () -> TrustList.read(dir.resolve("t.yaml")));
        assertTrue(e.problem().contains("private key"), e.problem());
    }

    private static Path key(Path dir) throws Exception {
        Files.createDirectories(dir);
        Path p = dir.resolve("key.jwk");
        Files.writeString(p, Signer.generate().privateJwk());
        return p;
    }

    private static void strings(JsonNode node, String path, List<String> out) {
        if (node.isTextual()) {
            out.add(path);
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                strings(node.get(i), path + "/" + i, out);
            }
        } else if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                var e = it.next();
                strings(e.getValue(), path + "/" + e.getKey(), out);
            }
        }
    }
}
