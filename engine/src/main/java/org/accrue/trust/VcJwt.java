package org.accrue.trust;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;

import org.accrue.credential.VerifiableCredentials;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.text.ParseException;
import java.time.Instant;
import java.util.Base64;

/**
 * Verifiable credentials as JWTs (compact JWS): the form Open Badges 3.0 section 8.2 describes, where the
 * credential is the {@code vc} claim beside {@code iss}, {@code sub}, {@code nbf}, {@code exp} and {@code jti}, and
 * the VC-JOSE form where the payload is the credential itself. RS256 and ES256 are checked with Nimbus JOSE;
 * EdDSA (Ed25519) with the JDK's own signature, as Nimbus's Ed25519 verifier needs Google Tink.
 */
final class VcJwt {
    private static final ObjectMapper JSON = new ObjectMapper();

    private VcJwt() {
    }

    /** Whether the text (trimmed) is a compact JWS. */
    static boolean isCompact(String text) {
        return VerifiableCredentials.isCompactJws(text);
    }

    /** A JWT as read, before its signature is checked. */
    record Parsed(JWSObject jws, ObjectNode payload, ObjectNode credential) {
        String kid() {
            return jws.getHeader().getKeyID();
        }

        JWSAlgorithm alg() {
            return jws.getHeader().getAlgorithm();
        }
    }

    static Parsed parse(String text) throws DataIntegrity.ProofException {
        JWSObject jws;
        try {
            jws = JWSObject.parse(text.strip());
        } catch (ParseException e) {
            throw new DataIntegrity.ProofException("not a compact JWS: " + e.getMessage());
        }
        JsonNode payload;
        try {
            payload = JSON.readTree(jws.getPayload().toString());
        } catch (Exception e) {
            throw new DataIntegrity.ProofException("its JWT payload is not JSON");
        }
        if (!payload.isObject()) {
            throw new DataIntegrity.ProofException("its JWT payload is not a JSON object");
        }
        JsonNode vc = VerifiableCredentials.credentialOf(payload);
        if (vc == null) {
            throw new DataIntegrity.ProofException("its vc claim is not a credential");
        }
        return new Parsed(jws, (ObjectNode) payload, (ObjectNode) vc);
    }

    /** Whether the signature checks with the key (RS256, ES256 or EdDSA). */
    static boolean verify(Parsed p, PublicKey key) throws DataIntegrity.ProofException {
        JWSAlgorithm alg = p.alg();
        try {
            if (JWSAlgorithm.RS256.equals(alg) && key instanceof RSAPublicKey rsa) {
                return p.jws().verify(new RSASSAVerifier(rsa));
            }
            if (JWSAlgorithm.ES256.equals(alg) && key instanceof ECPublicKey ec) {
                return p.jws().verify(new ECDSAVerifier(ec));
            }
            if ((JWSAlgorithm.EdDSA.equals(alg) || JWSAlgorithm.Ed25519.equals(alg))
                    && ("EdDSA".equals(key.getAlgorithm()) || "Ed25519".equals(key.getAlgorithm()))) {
                Signature v = Signature.getInstance("Ed25519");
                v.initVerify(key);
                v.update(p.jws().getSigningInput());
                return v.verify(p.jws().getSignature().decode());
            }
        } catch (JOSEException | GeneralSecurityException e) {
            return false;
        }
        if (!JWSAlgorithm.RS256.equals(alg) && !JWSAlgorithm.ES256.equals(alg) && !JWSAlgorithm.EdDSA.equals(alg)
                && !JWSAlgorithm.Ed25519.equals(alg)) {
            throw new DataIntegrity.ProofException("its JWS algorithm " + alg + " is not one Accrue checks "
                    + "(RS256, ES256, EdDSA)");
        }
        return false; // the key is of another type than the algorithm: it is not the signer's
    }

    /**
     * Where the JWT's claims disagree with the credential it carries (Open Badges 3.0, 8.2.4.1): null when they
     * agree.
     */
    static String claimMismatch(Parsed p, String issuer, String subject) {
        ObjectNode c = p.payload();
        if (c == p.credential()) {
            return null; // the payload is the credential: nothing to disagree
        }
        if (c.has("iss") && !c.get("iss").asText().equals(issuer)) {
            return "its iss claim (" + c.get("iss").asText() + ") is not the credential's issuer (" + issuer + ")";
        }
        if (c.has("sub") && subject != null && !c.get("sub").asText().equals(subject)) {
            return "its sub claim is not the credential's subject";
        }
        String id = p.credential().path("id").asText(null);
        if (c.has("jti") && id != null && !c.get("jti").asText().equals(id)) {
            return "its jti claim is not the credential's id";
        }
        String claim = timeMismatch(c, "nbf", p.credential(), "validFrom", "issuanceDate");
        return claim != null ? claim : timeMismatch(c, "exp", p.credential(), "validUntil", "expirationDate");
    }

    private static String timeMismatch(ObjectNode claims, String claim, ObjectNode vc, String... fields) {
        if (!claims.has(claim)) {
            return null;
        }
        for (String f : fields) {
            if (vc.hasNonNull(f)) {
                Instant stated = Validity.instant(vc.get(f).asText());
                if (stated != null && stated.getEpochSecond() != claims.get(claim).asLong()) {
                    return "its " + claim + " claim is not the credential's " + f;
                }
                return null;
            }
        }
        return null;
    }

    /** The claims' own validity bounds, as instants (null when absent). */
    static Instant claimTime(Parsed p, String claim) {
        JsonNode v = p.payload().get(claim);
        return v != null && v.canConvertToLong() ? Instant.ofEpochSecond(v.asLong()) : null;
    }

    /** An EdDSA-signed JWT with the credential as its vc claim and the Open Badges 3.0 claims beside it. */
    static String sign(ObjectNode credential, PrivateKey key, String kid) throws DataIntegrity.ProofException {
        ObjectNode claims = JSON.createObjectNode();
        String issuer = credential.path("issuer").isObject() ? credential.path("issuer").path("id").asText()
                : credential.path("issuer").asText();
        claims.put("iss", issuer);
        String subject = credential.path("credentialSubject").path("id").asText(null);
        if (subject != null) {
            claims.put("sub", subject);
        }
        if (credential.hasNonNull("id")) {
            claims.put("jti", credential.get("id").asText());
        }
        Instant from = Validity.instant(credential.path("validFrom").asText(null));
        if (from != null) {
            claims.put("nbf", from.getEpochSecond());
        }
        Instant until = Validity.instant(credential.path("validUntil").asText(null));
        if (until != null) {
            claims.put("exp", until.getEpochSecond());
        }
        claims.set("vc", credential);
        try {
            String header = b64(JSON.writeValueAsBytes(JSON.createObjectNode().put("alg", "EdDSA").put("kid", kid)
                    .put("typ", "JWT")));
            String payload = b64(JSON.writeValueAsBytes(claims));
            Signature s = Signature.getInstance("Ed25519");
            s.initSign(key);
            s.update((header + "." + payload).getBytes(StandardCharsets.US_ASCII));
            return header + "." + payload + "." + b64(s.sign());
        } catch (Exception e) {
            throw new DataIntegrity.ProofException("cannot sign: " + e.getMessage());
        }
    }

    static JWSHeader header(Parsed p) {
        return p.jws().getHeader();
    }

    private static String b64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
