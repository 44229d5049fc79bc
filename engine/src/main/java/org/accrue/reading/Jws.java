package org.accrue.reading;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.accrue.credential.VerifiableCredentials;

import java.util.Base64;

/**
 * A credential given as a compact JWS (a VC-JWT), read without checking its signature: that is verification's
 * work, from the same text (org.accrue.trust). The credential is the payload's {@code vc} claim (Open Badges 3.0,
 * 8.2) or the payload itself (VC-JOSE).
 */
final class Jws {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Jws() {
    }

    static boolean isCompact(String text) {
        return VerifiableCredentials.isCompactJws(text);
    }

    static JsonNode credential(String jws, String source, String at) throws InvalidInputException {
        String payload = jws.strip().split("\\.")[1];
        JsonNode claims;
        try {
            claims = JSON.readTree(Base64.getUrlDecoder().decode(payload));
        } catch (IllegalArgumentException | java.io.IOException e) {
            throw new InvalidInputException(source, at, "is a JWT whose payload is not base64url JSON");
        }
        JsonNode vc = VerifiableCredentials.credentialOf(claims);
        if (vc == null) {
            throw new InvalidInputException(source, at, "is a JWT whose payload holds no credential (vc)");
        }
        return vc;
    }
}
