package org.accrue.trust;

import com.apicatalog.jsonld.JsonLd;
import com.apicatalog.jsonld.JsonLdError;
import com.apicatalog.jsonld.JsonLdOptions;
import com.apicatalog.jsonld.document.JsonDocument;
import com.apicatalog.multibase.Multibase;
import com.apicatalog.rdf.api.RdfConsumerException;
import com.apicatalog.rdf.canon.RdfCanon;
import com.apicatalog.rdf.nquads.NQuadsWriter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.json.Json;
import jakarta.json.JsonStructure;

import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;

/**
 * Embedded Data Integrity proofs over RDF Dataset Canonicalization: the {@code eddsa-rdfc-2022} cryptosuite (W3C
 * Data Integrity EdDSA Cryptosuites v1.0, section 3.3) and the older {@code Ed25519Signature2020} suite, which
 * hashes and signs the same way. The document and the proof configuration are each turned into canonical
 * N-Quads (Titanium JSON-LD, then Titanium RDFC), hashed with SHA-256, and the two hashes, proof first, are what
 * Ed25519 signs. A term no context defines is an error, not silently dropped: a signature cannot cover what the
 * canonical form leaves out.
 */
final class DataIntegrity {
    static final String EDDSA_RDFC_2022 = "eddsa-rdfc-2022";
    static final String ED25519_2020 = "Ed25519Signature2020";
    private static final ObjectMapper JSON = new ObjectMapper();

    private DataIntegrity() {
    }

    /** A proof that cannot be checked as given (a malformed proof, an unknown context, an undefined term). */
    static class ProofException extends Exception {
        ProofException(String message) {
            super(message);
        }
    }

    /** A proof that names a JSON-LD context Accrue does not have: it cannot be checked offline, right or wrong. */
    static final class UnknownContext extends ProofException {
        UnknownContext(String message) {
            super(message);
        }
    }

    /** Whether the proof on this credential is one of the suites checked here. */
    static boolean supports(JsonNode proof) {
        String type = proof.path("type").asText();
        return "DataIntegrityProof".equals(type) && EDDSA_RDFC_2022.equals(proof.path("cryptosuite").asText())
                || ED25519_2020.equals(type);
    }

    /** The suite's name, for messages. */
    static String suite(JsonNode proof) {
        return "DataIntegrityProof".equals(proof.path("type").asText()) ? proof.path("cryptosuite").asText()
                : proof.path("type").asText();
    }

    /**
     * Whether the proof checks with the key.
     *
     * @param credential the credential with its {@code proof} (one proof object)
     */
    static boolean verify(ObjectNode credential, PublicKey key, Contexts contexts) throws ProofException {
        JsonNode proof = credential.get("proof");
        String value = proof.path("proofValue").asText(null);
        if (value == null || !Multibase.BASE_58_BTC.isEncoded(value)) {
            throw new ProofException("its proofValue is missing or not base58btc multibase");
        }
        byte[] signature;
        try {
            signature = Multibase.BASE_58_BTC.decode(value);
        } catch (IllegalArgumentException e) {
            throw new ProofException("its proofValue is not base58btc: " + e.getMessage());
        }
        ObjectNode options = ((ObjectNode) proof).deepCopy();
        options.remove("proofValue");
        byte[] data = hashData(unsecured(credential), options, contexts);
        try {
            Signature v = Signature.getInstance("Ed25519");
            v.initVerify(key);
            v.update(data);
            return v.verify(signature);
        } catch (java.security.InvalidKeyException e) {
            throw new ProofException("the key is not an Ed25519 key (" + key.getAlgorithm() + ")");
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    /**
     * Adds an {@code eddsa-rdfc-2022} proof to the credential.
     *
     * @param created an XML Schema dateTime, such as {@code 2026-11-30T00:00:00Z}
     */
    static void sign(ObjectNode credential, PrivateKey key, String verificationMethod, String created)
            throws ProofException {
        sign(credential, key, verificationMethod, created, Contexts.bundledOnly());
    }

    /** As above, with contexts beyond the bundled ones. */
    static void sign(ObjectNode credential, PrivateKey key, String verificationMethod, String created,
                     Contexts contexts) throws ProofException {
        credential.remove("proof");
        ObjectNode proof = JSON.createObjectNode();
        proof.put("type", "DataIntegrityProof");
        proof.put("cryptosuite", EDDSA_RDFC_2022);
        proof.put("created", created);
        proof.put("verificationMethod", verificationMethod);
        proof.put("proofPurpose", "assertionMethod");
        byte[] data = hashData(credential.deepCopy(), proof.deepCopy(), contexts);
        try {
            Signature s = Signature.getInstance("Ed25519");
            s.initSign(key);
            s.update(data);
            proof.put("proofValue", Multibase.BASE_58_BTC.encode(s.sign()));
        } catch (GeneralSecurityException e) {
            throw new ProofException("cannot sign with this key: " + e.getMessage());
        }
        credential.set("proof", proof);
    }

    private static ObjectNode unsecured(ObjectNode credential) {
        ObjectNode doc = credential.deepCopy();
        doc.remove("proof");
        return doc;
    }

    /** SHA-256 of the canonical proof configuration, then of the canonical document. */
    private static byte[] hashData(ObjectNode document, ObjectNode options, Contexts contexts) throws ProofException {
        JsonNode proofContext = options.get("@context");
        if (proofContext != null && !proofContext.equals(document.get("@context"))) {
            // the proof names its own context: the document must begin with it (Data Integrity 4.5, step 6)
            if (!startsWith(document.get("@context"), proofContext)) {
                throw new ProofException("the proof's @context is not the credential's");
            }
        }
        options.set("@context", document.get("@context"));
        byte[] proofHash = sha256(canonical(options, contexts));
        byte[] docHash = sha256(canonical(document, contexts));
        byte[] data = new byte[64];
        System.arraycopy(proofHash, 0, data, 0, 32);
        System.arraycopy(docHash, 0, data, 32, 32);
        return data;
    }

    private static boolean startsWith(JsonNode context, JsonNode prefix) {
        if (context == null || !context.isArray()) {
            return false;
        }
        if (!prefix.isArray()) {
            return context.size() > 0 && context.get(0).equals(prefix);
        }
        for (int i = 0; i < prefix.size(); i++) {
            if (i >= context.size() || !context.get(i).equals(prefix.get(i))) {
                return false;
            }
        }
        return true;
    }

    /** RDF Dataset Canonicalization (RDFC-1.0) of a JSON-LD document, as N-Quads. */
    static String canonical(JsonNode document, Contexts contexts) throws ProofException {
        JsonStructure json;
        try {
            json = Json.createReader(new StringReader(JSON.writeValueAsString(document))).read();
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new ProofException("not JSON: " + e.getOriginalMessage());
        }
        JsonLdOptions options = new JsonLdOptions();
        options.setDocumentLoader(contexts);
        options.setUndefinedTermsPolicy(JsonLdOptions.ProcessingPolicy.Fail);
        RdfCanon canon = RdfCanon.create("SHA-256");
        try {
            JsonLd.toRdf(JsonDocument.of(json)).options(options).provide(canon);
            StringWriter out = new StringWriter();
            canon.provide(new NQuadsWriter(out));
            return out.toString();
        } catch (JsonLdError e) {
            String m = jsonLdMessage(e);
            throw m.startsWith("unknown JSON-LD context") ? new UnknownContext(m) : new ProofException(m);
        } catch (RdfConsumerException e) {
            throw new ProofException("its RDF does not canonicalise: " + e.getMessage());
        }
    }

    private static String jsonLdMessage(JsonLdError e) {
        String m = e.getMessage();
        // a loader error arrives wrapped; its own words are the useful ones
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null && t.getMessage().startsWith("unknown JSON-LD context")) {
                return t.getMessage();
            }
        }
        return "its JSON-LD does not expand (" + e.getCode() + (m == null ? "" : ": " + m) + ")";
    }

    static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
