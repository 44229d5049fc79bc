package org.accrue.vocabulary;

/**
 * A credential may count toward a requirement of an award. Award rules insert these; the engine chooses
 * which of them to use. {@code requirement} null means general credit: it counts toward the award's totals and
 * level rules but fills no named requirement.
 */
public record MayCount(String award, String requirement, String credential) {

    /** General credit toward {@code award}. */
    public MayCount(String award, Credit credit) {
        this(award, null, credit.id());
    }

    /** Credit toward the named requirement of {@code award}. */
    public MayCount(String award, String requirement, Credit credit) {
        this(award, requirement, credit.id());
    }
}
