package org.accrue.trust;

import com.apicatalog.multibase.Multibase;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.accrue.credential.VerifiableCredentials;
import org.accrue.result.Verification;
import org.accrue.result.Verification.Status;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * Checks credentials offline against a trust list: the proof (an embedded {@code eddsa-rdfc-2022} Data
 * Integrity proof, or a VC-JWT signed RS256, ES256 or EdDSA), that the key is the issuer's ({@code did:key} and
 * {@code did:jwk} carry their key; other issuers' keys come from the trust list), that the issuer is on the
 * list, the validity period on the as-of day, and revocation in a local copy of the issuer's Bitstring Status
 * List. Thread-safe; nothing is fetched.
 */
public final class Verifier {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final String OB2_ASSERTION = "Assertion";

    private final TrustList trust;

    public Verifier(TrustList trust) {
        this.trust = java.util.Objects.requireNonNull(trust);
    }

    public TrustList trust() {
        return trust;
    }

    /**
     * A credential after checking: the credential's id (for a JWT, its {@code vc} claim's), its issuer's id (either
     * null when the text does not state it), and the verdict.
     */
    public record Checked(String id, String issuer, Verification verification) {
        private static Checked of(Inspected i) {
            JsonNode id = i.credential() == null ? null : i.credential().get("id");
            return new Checked(id == null || !id.isValueNode() || id.isNull() ? null : id.asText(), i.issuer(),
                    i.verification());
        }
    }

    /** What checking found, with the credential as read (a status list's bits are in it). */
    private record Inspected(JsonNode credential, String issuer, Verification verification) {
    }

    /**
     * Checks one credential as it was signed: JSON with an embedded proof, or a compact JWS.
     *
     * @param asOf the day validity is judged for
     */
    public Checked check(String signed, LocalDate asOf) {
        return Checked.of(inspect(signed, asOf));
    }

    private Inspected inspect(String signed, LocalDate asOf) {
        if (VcJwt.isCompact(signed)) {
            return checkJwt(signed, asOf);
        }
        JsonNode tree;
        try {
            tree = JSON.readTree(signed);
        } catch (IOException e) {
            return new Inspected(null, null, new Verification(Status.INVALID_PROOF, "it is neither JSON nor a JWT"));
        }
        return inspect(tree, asOf);
    }

    /** A credential already parsed: a JSON object, or a JSON string holding a JWT. */
    private Inspected inspect(JsonNode tree, LocalDate asOf) {
        if (tree != null && tree.isTextual()) {
            return inspect(tree.asText(), asOf);
        }
        return tree != null && tree.isObject() ? checkEmbedded((ObjectNode) tree, asOf)
                : new Inspected(tree, null, new Verification(Status.INVALID_PROOF, "it is not a JSON object"));
    }

    /** A credential found in a file, where in it ({@code $}, {@code $[1]}, a CLR's nested path), and its check. */
    public record Located(String at, Checked checked) {
    }

    /**
     * Checks every credential a file holds: a credential, a VC-JWT, a JSON array of them, or a CLR (the CLR's own
     * proof, and each credential nested in it).
     *
     * @throws IllegalArgumentException when the text is neither JSON nor a JWT, with the parser's words
     */
    public List<Located> checkAll(String text, LocalDate asOf) {
        String t = text.strip();
        List<Located> found = new ArrayList<>();
        if (VcJwt.isCompact(t)) {
            found.add(new Located("$", check(t, asOf)));
            return found;
        }
        JsonNode tree;
        try {
            tree = JSON.readTree(t);
        } catch (IOException e) {
            throw new IllegalArgumentException("neither JSON nor a JWT: " + e.getMessage().lines().findFirst().orElse(""));
        }
        if (tree == null || !tree.isContainerNode()) {
            throw new IllegalArgumentException("not a credential: a JSON object, an array of credentials, or a JWT");
        }
        if (tree.isArray()) {
            for (int i = 0; i < tree.size(); i++) {
                found.add(new Located("$[" + i + "]", Checked.of(inspect(tree.get(i), asOf))));
            }
            return found;
        }
        found.add(new Located("$", Checked.of(inspect(tree, asOf))));
        JsonNode nested = tree.path("credentialSubject").path("verifiableCredential");
        for (int i = 0; i < nested.size(); i++) {
            found.add(new Located("$.credentialSubject.verifiableCredential[" + i + "]",
                    Checked.of(inspect(nested.get(i), asOf))));
        }
        return found;
    }

    /** The verdict alone. */
    public Verification verify(String signed, LocalDate asOf) {
        return check(signed, asOf).verification();
    }

    private Inspected checkEmbedded(ObjectNode vc, LocalDate asOf) {
        String issuer = VerifiableCredentials.issuerId(vc);
        JsonNode proofs = vc.get("proof");
        if (proofs == null || proofs.isNull() || proofs.isEmpty()) {
            return new Inspected(vc, issuer, new Verification(Status.UNSIGNED, "it carries no proof"));
        }
        JsonNode proof = proofs.isArray() ? supported(proofs) : proofs;
        if (proof == null || !DataIntegrity.supports(proof)) {
            JsonNode p = proof == null ? proofs.get(0) : proof;
            return new Inspected(vc, issuer, new Verification(Status.UNSUPPORTED_PROOF, "its proof is "
                    + DataIntegrity.suite(p) + ", which Accrue does not check (it checks eddsa-rdfc-2022 "
                    + "Data Integrity proofs and VC-JWTs)"));
        }
        ObjectNode single = vc.deepCopy();
        single.set("proof", proof);
        if (!"assertionMethod".equals(proof.path("proofPurpose").asText())) {
            return new Inspected(vc, issuer, new Verification(Status.INVALID_PROOF, "its proof's purpose is '"
                    + proof.path("proofPurpose").asText() + "', not assertionMethod"));
        }
        String method = proof.path("verificationMethod").asText(null);
        List<Candidate> keys;
        try {
            keys = keys(method, issuer);
        } catch (Keys.KeyException e) {
            return new Inspected(vc, issuer, new Verification(Status.INVALID_PROOF, "its verification method "
                    + method + " does not give a usable key: " + e.getMessage()));
        } catch (Mismatch e) {
            return new Inspected(vc, issuer, new Verification(Status.INVALID_PROOF, e.getMessage()));
        }
        if (keys.isEmpty()) {
            return untrustedWithoutKey(vc, issuer, method);
        }
        String suite = DataIntegrity.suite(proof);
        try {
            for (Candidate k : keys) {
                if (DataIntegrity.verify(single, k.key(), trust.contexts())) {
                    return judged(vc, issuer, suite, k, validity(vc, "validFrom", "issuanceDate"),
                            validity(vc, "validUntil", "expirationDate"), asOf);
                }
            }
        } catch (DataIntegrity.UnknownContext e) {
            return new Inspected(vc, issuer, new Verification(Status.UNSUPPORTED_PROOF, "it cannot be checked offline: "
                    + e.getMessage()));
        } catch (DataIntegrity.ProofException e) {
            return new Inspected(vc, issuer, new Verification(Status.INVALID_PROOF, e.getMessage()));
        }
        return new Inspected(vc, issuer, new Verification(Status.INVALID_PROOF, "its " + suite + " proof does not "
                + "check with " + keys.get(0).described() + ": it was altered after signing, or signed with "
                + "another key"));
    }

    private Inspected checkJwt(String text, LocalDate asOf) {
        VcJwt.Parsed p;
        try {
            p = VcJwt.parse(text);
        } catch (DataIntegrity.ProofException e) {
            return new Inspected(null, null, new Verification(Status.INVALID_PROOF, e.getMessage()));
        }
        ObjectNode vc = p.credential();
        if (OB2_ASSERTION.equals(vc.path("type").asText())) {
            return new Inspected(vc, null, new Verification(Status.UNSUPPORTED_PROOF, "an Open Badges 2.0 signed "
                    + "assertion: Accrue checks Open Badges 3.0 and CLR 2.0 proofs"));
        }
        String issuer = VerifiableCredentials.issuerId(vc);
        if (issuer == null && p.payload().has("iss")) {
            issuer = p.payload().get("iss").asText();
        }
        List<Candidate> keys;
        try {
            keys = keys(p.kid(), issuer);
        } catch (Keys.KeyException e) {
            return new Inspected(vc, issuer, new Verification(Status.INVALID_PROOF, "its kid " + p.kid()
                    + " does not give a usable key: " + e.getMessage()));
        } catch (Mismatch e) {
            return new Inspected(vc, issuer, new Verification(Status.INVALID_PROOF, e.getMessage()));
        }
        if (keys.isEmpty()) {
            return untrustedWithoutKey(vc, issuer, p.kid());
        }
        String suite = "VC-JWT (" + p.alg() + ")";
        try {
            for (Candidate k : keys) {
                if (VcJwt.verify(p, k.key())) {
                    String mismatch = VcJwt.claimMismatch(p, issuer,
                            vc.path("credentialSubject").path("id").asText(null));
                    if (mismatch != null) {
                        return new Inspected(vc, issuer, new Verification(Status.INVALID_PROOF, mismatch));
                    }
                    Instant from = VcJwt.claimTime(p, "nbf");
                    Instant until = VcJwt.claimTime(p, "exp");
                    return judged(vc, issuer, suite, k, from != null ? from : validity(vc, "validFrom",
                            "issuanceDate"), until != null ? until : validity(vc, "validUntil", "expirationDate"), asOf);
                }
            }
        } catch (DataIntegrity.ProofException e) {
            return new Inspected(vc, issuer, new Verification(Status.INVALID_PROOF, e.getMessage()));
        }
        return new Inspected(vc, issuer, new Verification(Status.INVALID_PROOF, "its JWT signature does not check "
                + "with " + keys.get(0).described() + ": it was altered after signing, or signed with another key"));
    }

    /** A valid proof: now the issuer, the status list and the validity period decide. */
    private Inspected judged(ObjectNode vc, String issuer, String suite, Candidate key, Instant from, Instant until,
                           LocalDate asOf) {
        var trusted = trust.issuer(issuer);
        if (trusted.isEmpty()) {
            return new Inspected(vc, issuer, new Verification(Status.UNTRUSTED_ISSUER, "its " + suite + " proof checks "
                    + "with " + key.described() + ", but its issuer " + issuer + " is not on the trust list ("
                    + trust.source() + ")"));
        }
        String by = trusted.get().name() + " (" + issuer + ")";
        String revocation = revocation(vc, asOf);
        if (revocation != null && revocation.startsWith("revoked")) {
            return new Inspected(vc, issuer, new Verification(Status.REVOKED, revocation + "; signed by " + by));
        }
        if (Validity.ended(until, asOf)) {
            return new Inspected(vc, issuer, new Verification(Status.EXPIRED, "valid until " + until + ", before "
                    + asOf + "; signed by " + by));
        }
        if (Validity.notYet(from, asOf)) {
            return new Inspected(vc, issuer, new Verification(Status.NOT_YET_VALID, "valid from " + from + ", after "
                    + asOf + "; signed by " + by));
        }
        return new Inspected(vc, issuer, new Verification(Status.VERIFIED, "signed by " + by + " (" + suite + ")"
                + (revocation == null ? "" : "; " + revocation)));
    }

    private Inspected untrustedWithoutKey(ObjectNode vc, String issuer, String method) {
        return new Inspected(vc, issuer, new Verification(Status.UNTRUSTED_ISSUER, "its issuer " + issuer
                + " is not on the trust list (" + trust.source() + ") and its key "
                + (method == null ? "is not named" : method + " is not a did:key or did:jwk")
                + ", so its proof cannot be checked"));
    }

    /** A key to try, and where it came from (for messages). */
    private record Candidate(PublicKey key, String described) {
    }

    /** A key that is not the issuer's. */
    private static final class Mismatch extends Exception {
        Mismatch(String message) {
            super(message);
        }
    }

    /**
     * The keys the proof may be checked with: the one a {@code did:key}/{@code did:jwk} method carries (which must
     * be the issuer's own DID), or the trusted issuer's keys (the one named by the method when the list names it).
     */
    private List<Candidate> keys(String method, String issuer) throws Keys.KeyException, Mismatch {
        if (method == null && issuer != null && (issuer.startsWith("did:key:") || issuer.startsWith("did:jwk:"))) {
            method = issuer; // a proof or JWT that names no key: a self-certifying issuer's DID is its key
        }
        PublicKey self = Keys.resolveSelfCertifying(method);
        if (self != null) {
            String controller = Keys.controller(method);
            if (!controller.equals(issuer)) {
                throw new Mismatch("it is signed with a key of " + Keys.abbreviate(controller) + ", not of its issuer "
                        + issuer);
            }
            return List.of(new Candidate(self, Keys.abbreviate(controller)));
        }
        var trusted = trust.issuer(issuer);
        if (trusted.isEmpty()) {
            return List.of();
        }
        List<TrustList.IssuerKey> keys = trusted.get().keys();
        List<Candidate> named = new ArrayList<>();
        for (TrustList.IssuerKey k : keys) {
            if (k.id() != null && k.id().equals(method)) {
                named.add(new Candidate(k.key(), "the trust list's key " + k.id()));
            }
        }
        if (!named.isEmpty()) {
            return named;
        }
        if (method != null && keys.stream().anyMatch(k -> k.id() != null)
                && !Keys.controller(method).equals(issuer)) {
            throw new Mismatch("it is signed with " + method + ", which is not a key of its issuer " + issuer);
        }
        List<Candidate> all = new ArrayList<>();
        for (TrustList.IssuerKey k : keys) {
            all.add(new Candidate(k.key(), "the trust list's keys for " + issuer));
        }
        return all;
    }

    private static JsonNode supported(JsonNode proofs) {
        for (JsonNode p : proofs) {
            if (DataIntegrity.supports(p)) {
                return p;
            }
        }
        return null;
    }

    private static Instant validity(JsonNode vc, String... fields) {
        for (String f : fields) {
            if (vc.hasNonNull(f)) {
                return Validity.instant(vc.get(f).asText());
            }
        }
        return null;
    }

    /**
     * What a local copy of the issuer's Bitstring Status List says: null when the credential names no revocation
     * list, "revoked ..." when its bit is set, else a note of what was or could not be checked.
     */
    private String revocation(JsonNode vc, LocalDate asOf) {
        JsonNode status = vc.get("credentialStatus");
        if (status == null || status.isNull()) {
            return null;
        }
        for (JsonNode entry : status.isArray() ? status : List.of(status)) {
            String type = entry.path("type").asText();
            String purpose = entry.path("statusPurpose").asText();
            if (!("BitstringStatusListEntry".equals(type) || "StatusList2021Entry".equals(type))
                    || !"revocation".equals(purpose)) {
                continue;
            }
            String url = entry.path("statusListCredential").asText(null);
            var copy = url == null ? java.util.Optional.<Path>empty() : trust.statusList(url);
            if (copy.isEmpty()) {
                return "revocation not checked: the trust list gives no local copy of its status list " + url;
            }
            try {
                Inspected list = inspect(Files.readString(copy.get()), asOf);
                if (!list.verification().verified()) {
                    return "revocation not checked: the local copy of its status list " + url + " is not verified ("
                            + list.verification() + ")";
                }
                long index = Long.parseLong(entry.path("statusListIndex").asText());
                byte[] bits = bitstring(list.credential().path("credentialSubject").path("encodedList").asText());
                if (index < 0 || index / 8 >= bits.length) {
                    return "revocation not checked: its index " + index + " is outside its status list " + url;
                }
                boolean set = (bits[(int) (index / 8)] & (0x80 >> (index % 8))) != 0;
                return set ? "revoked in its status list " + url + " (index " + index + ")"
                        : "not revoked in its status list " + url;
            } catch (IOException | NumberFormatException e) {
                return "revocation not checked: its status list " + url + " does not read (" + e.getMessage() + ")";
            }
        }
        return null;
    }

    /** A status list's bits: multibase base64url (no padding) of the GZIP-compressed bitstring. */
    private static byte[] bitstring(String encoded) throws IOException {
        byte[] zipped;
        if (Multibase.BASE_64_URL.isEncoded(encoded)) {
            zipped = Multibase.BASE_64_URL.decode(encoded);
        } else {
            // StatusList2021 lists were plain base64url
            zipped = java.util.Base64.getUrlDecoder().decode(encoded);
        }
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(zipped))) {
            return in.readAllBytes();
        }
    }
}
