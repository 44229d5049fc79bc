package org.accrue.learner;

import java.math.BigDecimal;

/**
 * Where a credential read from a signed format came from, kept beside it for verification (docs/trust.md): who
 * issued it and, when it carries a proof, the credential exactly as signed. Also what the credential stated that
 * Accrue could not place without the trust list: credit without a credit system, a level without a framework.
 *
 * @param issuer                the issuer's id as the credential states it (a URL or a DID), or null
 * @param signed                the credential as signed: its JSON with the embedded proof, or the compact JWS; null
 *                              when it carries no proof
 * @param format                the format it was read from, for messages ({@code Open Badges 3.0}, ...)
 * @param creditWithoutSystem   credit the credential states without a credit system, or null
 * @param levelWithoutFramework a level the credential states without a level framework, or null
 * @param container             the credential that holds this one (a CLR, whose associations say which credentials
 *                              are parts of which), or null
 */
public record Provenance(String issuer, String signed, String format, BigDecimal creditWithoutSystem,
                         Integer levelWithoutFramework, Provenance container) {
    /** A credential that stands on its own. */
    public Provenance(String issuer, String signed, String format, BigDecimal creditWithoutSystem,
                      Integer levelWithoutFramework) {
        this(issuer, signed, format, creditWithoutSystem, levelWithoutFramework, null);
    }

    /** The same, held in {@code container}. */
    public Provenance inside(Provenance container) {
        return new Provenance(issuer, signed, format, creditWithoutSystem, levelWithoutFramework, container);
    }

    /** The format of a catalogue item a plan adds: not issued yet, so nothing to verify. */
    public static final String PLANNED = "planned catalogue item";

    /** A catalogue item a plan adds, which counts as if it came signed when only verified credentials count. */
    public static Provenance planned() {
        return new Provenance(null, null, PLANNED, null, null);
    }

    public boolean isPlanned() {
        return PLANNED.equals(format);
    }
}
