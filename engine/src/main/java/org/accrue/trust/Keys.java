package org.accrue.trust;

import com.apicatalog.multibase.Multibase;
import com.apicatalog.multicodec.codec.KeyCodec;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Base64URL;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.text.ParseException;
import java.util.Arrays;
import java.util.Base64;

/**
 * Keys in the forms credentials and trust lists give them: a JWK (Ed25519, RSA or P-256), a Multikey
 * ({@code z6Mk...}, Ed25519), a {@code did:key} or a {@code did:jwk}. Ed25519 keys are the JDK's own (no provider
 * is added); the raw 32 bytes are wrapped in the fixed DER prefixes of RFC 8410.
 */
final class Keys {
    /** SubjectPublicKeyInfo for Ed25519 (RFC 8410), before the 32 key bytes. */
    private static final byte[] X509_ED25519 = hex("302a300506032b6570032100");
    /** PrivateKeyInfo for Ed25519 (RFC 8410), before the 32-byte seed. */
    private static final byte[] PKCS8_ED25519 = hex("302e020100300506032b657004220420");
    private static final ObjectMapper JSON = new ObjectMapper();

    private Keys() {
    }

    /** A key that failed to read: says what and why, in one line. */
    static final class KeyException extends Exception {
        KeyException(String message) {
            super(message);
        }
    }

    static PublicKey ed25519Public(byte[] raw) throws KeyException {
        if (raw.length != 32) {
            throw new KeyException("an Ed25519 public key has 32 bytes, not " + raw.length);
        }
        try {
            return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(concat(X509_ED25519, raw)));
        } catch (GeneralSecurityException e) {
            throw new KeyException("not an Ed25519 public key: " + e.getMessage());
        }
    }

    static PrivateKey ed25519Private(byte[] seed) throws KeyException {
        if (seed.length != 32) {
            throw new KeyException("an Ed25519 private key has 32 bytes, not " + seed.length);
        }
        try {
            return KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(concat(PKCS8_ED25519, seed)));
        } catch (GeneralSecurityException e) {
            throw new KeyException("not an Ed25519 private key: " + e.getMessage());
        }
    }

    /** The 32 raw bytes of an Ed25519 public key. */
    static byte[] raw(PublicKey key) {
        byte[] der = key.getEncoded();
        return Arrays.copyOfRange(der, der.length - 32, der.length);
    }

    /** The 32-byte seed of an Ed25519 private key. */
    static byte[] seed(PrivateKey key) {
        byte[] der = key.getEncoded();
        return Arrays.copyOfRange(der, der.length - 32, der.length);
    }

    /** A public key as a Multikey: {@code z} and base58btc of the multicodec-prefixed bytes. */
    static String multikey(PublicKey key) {
        return Multibase.BASE_58_BTC.encode(KeyCodec.ED25519_PUBLIC_KEY.encode(raw(key)));
    }

    static String secretMultikey(PrivateKey key) {
        return Multibase.BASE_58_BTC.encode(KeyCodec.ED25519_PRIVATE_KEY.encode(seed(key)));
    }

    /** An Ed25519 public key from its Multikey form. */
    static PublicKey fromMultikey(String multikey) throws KeyException {
        byte[] bytes = multibase(multikey);
        if (!KeyCodec.ED25519_PUBLIC_KEY.isEncoded(bytes)) {
            throw new KeyException("'" + abbreviate(multikey) + "' is not an Ed25519 public key (Multikey z6Mk...); "
                    + "give other keys as JWK");
        }
        return ed25519Public(KeyCodec.ED25519_PUBLIC_KEY.decode(bytes));
    }

    static PrivateKey fromSecretMultikey(String multikey) throws KeyException {
        byte[] bytes = multibase(multikey);
        if (!KeyCodec.ED25519_PRIVATE_KEY.isEncoded(bytes)) {
            throw new KeyException("'" + abbreviate(multikey) + "' is not an Ed25519 secret key (Multikey z3u2...)");
        }
        return ed25519Private(KeyCodec.ED25519_PRIVATE_KEY.decode(bytes));
    }

    private static byte[] multibase(String value) throws KeyException {
        if (value == null || !Multibase.BASE_58_BTC.isEncoded(value)) {
            throw new KeyException("'" + abbreviate(value) + "' is not base58btc multibase (it starts with z)");
        }
        try {
            return Multibase.BASE_58_BTC.decode(value);
        } catch (IllegalArgumentException e) {
            throw new KeyException("'" + abbreviate(value) + "' is not base58btc: " + e.getMessage());
        }
    }

    /** The public key of a JWK: Ed25519 (OKP), RSA or EC P-256. */
    static PublicKey fromJwk(JWK jwk) throws KeyException {
        try {
            if (jwk instanceof OctetKeyPair okp) {
                if (!Curve.Ed25519.equals(okp.getCurve())) {
                    throw new KeyException("an OKP key must be on curve Ed25519, not " + okp.getCurve());
                }
                return ed25519Public(okp.getDecodedX());
            }
            if (jwk instanceof RSAKey rsa) {
                return rsa.toRSAPublicKey();
            }
            if (jwk instanceof ECKey ec) {
                if (!Curve.P_256.equals(ec.getCurve())) {
                    throw new KeyException("an EC key must be on curve P-256, not " + ec.getCurve());
                }
                return ec.toECPublicKey();
            }
        } catch (JOSEException e) {
            throw new KeyException("not a usable public key: " + e.getMessage());
        }
        throw new KeyException("a key of type " + jwk.getKeyType() + " is not supported; use OKP (Ed25519), RSA or EC");
    }

    static JWK parseJwk(String json) throws KeyException {
        try {
            return JWK.parse(json);
        } catch (ParseException e) {
            throw new KeyException("not a JWK: " + e.getMessage());
        }
    }

    /** An Ed25519 key pair as a private JWK (with {@code d}). */
    static OctetKeyPair jwk(KeyPair pair) {
        return new OctetKeyPair.Builder(Curve.Ed25519, Base64URL.encode(raw(pair.getPublic())))
                .d(Base64URL.encode(seed(pair.getPrivate()))).build();
    }

    static KeyPair generate() {
        try {
            return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK has no Ed25519", e);
        }
    }

    /** {@code did:key} of an Ed25519 public key. */
    static String didKey(PublicKey key) {
        return "did:key:" + multikey(key);
    }

    /**
     * The key a DID URL names, when the DID carries its key itself: {@code did:key:z6Mk...#z6Mk...} or
     * {@code did:jwk:...#0}; null for any other DID method or URL.
     */
    static PublicKey resolveSelfCertifying(String didUrl) throws KeyException {
        if (didUrl == null) {
            return null;
        }
        String did = controller(didUrl);
        if (did.startsWith("did:key:")) {
            return fromMultikey(did.substring("did:key:".length()));
        }
        if (did.startsWith("did:jwk:")) {
            String json;
            try {
                json = new String(Base64.getUrlDecoder().decode(did.substring("did:jwk:".length())),
                        StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw new KeyException("'" + abbreviate(did) + "' is not a did:jwk (its key is not base64url)");
            }
            return fromJwk(parseJwk(json));
        }
        return null;
    }

    /** The DID or URL a verification method belongs to: before {@code #}. */
    static String controller(String verificationMethod) {
        int hash = verificationMethod.indexOf('#');
        return hash < 0 ? verificationMethod : verificationMethod.substring(0, hash);
    }

    /** A key given in a trust list or key file: a JWK object, or a Multikey string. */
    static PublicKey fromNode(JsonNode node) throws KeyException {
        if (node.isTextual()) {
            return fromMultikey(node.asText());
        }
        try {
            return fromJwk(parseJwk(JSON.writeValueAsString(node)));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new KeyException("not a JWK: " + e.getOriginalMessage());
        }
    }

    static String abbreviate(String s) {
        return s == null ? "null" : s.length() <= 24 ? s : s.substring(0, 20) + "...";
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] r = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }

    private static byte[] hex(String h) {
        byte[] r = new byte[h.length() / 2];
        for (int i = 0; i < r.length; i++) {
            r[i] = (byte) Integer.parseInt(h.substring(2 * i, 2 * i + 2), 16);
        }
        return r;
    }
}
