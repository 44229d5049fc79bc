package org.accrue.result;

import java.util.Locale;

/**
 * Whether a credential is genuine, as far as Accrue can tell offline: its proof checked against the issuer's
 * key, the issuer against the registry's trust list, its validity period against the as-of date, and its
 * status against a local copy of the issuer's status list (docs/trust.md).
 *
 * @param status  the verdict, as a code
 * @param message the verdict in words: who signed it and how, or what is wrong
 */
public record Verification(Status status, String message) {
    /** A verdict on a credential's proof and issuer; written in JSON as {@code verified}, {@code invalid-proof}, ... */
    public enum Status {
        /** The proof checks with the issuer's key, and the issuer is on the trust list. */
        VERIFIED,
        /** The proof does not check: the credential was altered after signing, or signed with another key. */
        INVALID_PROOF,
        /** The issuer is not on the trust list (or no key of the issuer's can be found to check the proof). */
        UNTRUSTED_ISSUER,
        /** Its {@code validUntil} (or the JWT's {@code exp}) is before the as-of date. */
        EXPIRED,
        /** Its {@code validFrom} (or the JWT's {@code nbf}) is after the as-of date. */
        NOT_YET_VALID,
        /** The issuer's status list (a local copy given to Accrue) marks it revoked. */
        REVOKED,
        /** It carries no proof. */
        UNSIGNED,
        /**
         * It carries a proof Accrue cannot check: another cryptosuite, a Europass seal, or one that names a JSON-LD
         * context Accrue does not have (nothing is fetched).
         */
        UNSUPPORTED_PROOF;

        /** The code, as results write it. */
        public String code() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    public boolean verified() {
        return status == Status.VERIFIED;
    }

    /** The verdict as one line: code, then words. */
    @Override
    public String toString() {
        return status.code() + ": " + message;
    }
}
