package org.accrue.credential;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.regex.Pattern;

/**
 * The shape of a W3C verifiable credential, in the one place both reading (what a badge says) and trust (whether
 * its proof checks) take it from: a compact JWS, the credential a JWT carries, and the issuer's id.
 */
public final class VerifiableCredentials {
    private static final Pattern COMPACT = Pattern.compile("^[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]*$");

    private VerifiableCredentials() {
    }

    /** Whether the text (trimmed) is a compact JWS: three base64url parts, the last possibly empty. */
    public static boolean isCompactJws(String text) {
        return text != null && COMPACT.matcher(text.strip()).matches();
    }

    /**
     * The credential a JWT's payload carries: its {@code vc} claim (Open Badges 3.0 section 8.2, VC-JWT 1.1), else
     * the payload itself (VC-JOSE-COSE); null when that is not a JSON object.
     */
    public static JsonNode credentialOf(JsonNode payload) {
        if (payload == null || !payload.isObject()) {
            return null;
        }
        JsonNode vc = payload.has("vc") ? payload.get("vc") : payload;
        return vc.isObject() ? vc : null;
    }

    /** The issuer's id: {@code issuer} itself when a string, else its {@code id}; null when there is none. */
    public static String issuerId(JsonNode vc) {
        JsonNode i = vc == null ? null : vc.get("issuer");
        if (i == null || i.isNull()) {
            return null;
        }
        if (i.isTextual()) {
            return i.asText();
        }
        JsonNode id = i.get("id");
        return id == null || id.isNull() || !id.isValueNode() ? null : id.asText();
    }
}
