package org.accrue.trust;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.OctetKeyPair;
import org.accrue.credential.VerifiableCredentials;
import org.accrue.reading.InvalidInputException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;

/**
 * An institution's Ed25519 signing key, and the credentials it signs: an embedded {@code eddsa-rdfc-2022} proof
 * (the cryptosuite 1EdTech's Open Badges 3.0 conformance requires) or a VC-JWT. The issuer is the key's own
 * {@code did:key}, so any verifier can check the signature offline; a registry trusts it by listing that DID.
 */
public final class Signer {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final PrivateKey key;
    private final PublicKey publicKey;

    private Signer(PrivateKey key, PublicKey publicKey) {
        this.key = key;
        this.publicKey = publicKey;
    }

    /**
     * Reads a private key: an Ed25519 JWK with {@code d} (as {@code accrue keys generate} writes), or a JSON object
     * with {@code secretKeyMultibase} and {@code publicKeyMultibase}.
     */
    public static Signer read(Path file) throws InvalidInputException {
        String name = file.toString();
        JsonNode node;
        try {
            node = JSON.readTree(Files.readString(file));
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            throw InvalidInputException.malformed(name, "JSON", e);
        } catch (IOException e) {
            throw new InvalidInputException(name, "", "cannot be read: " + e.getMessage());
        }
        if (node == null || !node.isObject()) {
            throw new InvalidInputException(name, "", "a signing key is a JSON object: an Ed25519 JWK with d");
        }
        try {
            if (node.has("secretKeyMultibase")) {
                PrivateKey priv = Keys.fromSecretMultikey(node.get("secretKeyMultibase").asText());
                if (!node.has("publicKeyMultibase")) {
                    throw new InvalidInputException(name, "publicKeyMultibase", "is missing");
                }
                return checked(new Signer(priv, Keys.fromMultikey(node.get("publicKeyMultibase").asText())), name);
            }
            JWK jwk = Keys.parseJwk(node.toString());
            if (!(jwk instanceof OctetKeyPair okp) || !Curve.Ed25519.equals(okp.getCurve())) {
                throw new InvalidInputException(name, "kty", "Accrue signs with Ed25519 keys (kty OKP, crv Ed25519)");
            }
            if (!okp.isPrivate()) {
                throw new InvalidInputException(name, "d", "is missing: this is a public key; signing needs the "
                        + "private one");
            }
            return checked(new Signer(Keys.ed25519Private(okp.getDecodedD()), Keys.ed25519Public(okp.getDecodedX())),
                    name);
        } catch (Keys.KeyException e) {
            throw new InvalidInputException(name, "", e.getMessage());
        }
    }

    /** A key pair whose halves do not belong together would sign what no one can verify. */
    private static Signer checked(Signer s, String name) throws InvalidInputException {
        try {
            java.security.Signature sig = java.security.Signature.getInstance("Ed25519");
            sig.initSign(s.key);
            sig.update(new byte[] {1});
            byte[] signed = sig.sign();
            sig.initVerify(s.publicKey);
            sig.update(new byte[] {1});
            if (!sig.verify(signed)) {
                throw new InvalidInputException(name, "x", "the public key is not the private key's");
            }
        } catch (java.security.GeneralSecurityException e) {
            throw new InvalidInputException(name, "", "not a usable Ed25519 key: " + e.getMessage());
        }
        return s;
    }

    /** A new key: the private JWK to keep secret, and what a trust list lists for it. */
    public record Generated(String privateJwk, String publicJwk, String publicMultikey, String did) {
    }

    public static Generated generate() {
        KeyPair pair = Keys.generate();
        OctetKeyPair jwk = Keys.jwk(pair);
        return new Generated(jwk.toJSONString(), jwk.toPublicJWK().toJSONString(), Keys.multikey(pair.getPublic()),
                Keys.didKey(pair.getPublic()));
    }

    /** The issuer id credentials signed with this key carry: its {@code did:key}. */
    public String issuer() {
        return Keys.didKey(publicKey);
    }

    /** The verification method proofs name: the {@code did:key} and its fragment. */
    public String verificationMethod() {
        String multikey = Keys.multikey(publicKey);
        return "did:key:" + multikey + "#" + multikey;
    }

    /**
     * The credential (JSON) with an {@code eddsa-rdfc-2022} proof added. The credential's issuer must be this key's
     * {@link #issuer()}.
     *
     * @param created when the proof is made, as an XML Schema dateTime
     * @return the signed credential, as JSON
     * @throws IllegalArgumentException when the credential is not a JSON object or cannot be signed (a term its
     *                                  contexts do not define)
     */
    public String sign(String credential, String created) {
        return sign(credential, created, TrustList.EMPTY);
    }

    /** As {@link #sign(String, String)}, with the JSON-LD contexts a trust list adds to the bundled ones. */
    public String sign(String credential, String created, TrustList contexts) {
        ObjectNode vc = object(credential);
        sign(vc, created, contexts);
        return vc.toString();
    }

    /** The credential (JSON) as a compact VC-JWT (EdDSA), with the Open Badges 3.0 claims. */
    public String signJwt(String credential) {
        return signJwt(object(credential));
    }

    /** Adds the proof to a credential already parsed, in place. */
    void sign(ObjectNode credential, String created) {
        sign(credential, created, TrustList.EMPTY);
    }

    void sign(ObjectNode credential, String created, TrustList contexts) {
        requireIssuer(credential);
        try {
            DataIntegrity.sign(credential, key, verificationMethod(), created, contexts.contexts());
        } catch (DataIntegrity.ProofException e) {
            throw new IllegalArgumentException("cannot sign credential " + credential.path("id").asText() + ": "
                    + e.getMessage(), e);
        }
    }

    String signJwt(ObjectNode credential) {
        requireIssuer(credential);
        try {
            return VcJwt.sign(credential, key, verificationMethod());
        } catch (DataIntegrity.ProofException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    private static ObjectNode object(String json) {
        try {
            if (JSON.readTree(json) instanceof ObjectNode o) {
                return o;
            }
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("the credential is not JSON: "
                    + e.getMessage().lines().findFirst().orElse(""), e);
        }
        throw new IllegalArgumentException("the credential is not a JSON object");
    }

    private void requireIssuer(ObjectNode credential) {
        String issuer = VerifiableCredentials.issuerId(credential);
        if (!issuer().equals(issuer)) {
            throw new IllegalArgumentException("the credential's issuer is " + issuer + ", not this key's "
                    + issuer());
        }
    }
}
