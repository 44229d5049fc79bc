package org.accrue.trust;

import org.accrue.learner.Credential;
import org.accrue.learner.LearnerRecord;
import org.accrue.learner.Provenance;
import org.accrue.learner.StatedCredit;
import org.accrue.learner.StatedLevel;
import org.accrue.result.Verification;
import org.accrue.result.Verification.Status;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What an evaluation trusts: a trust list, and whether only verified credentials count. By default
 * ({@link #DEFAULT}) nothing is trusted and nothing is required: every credential still counts, and each
 * credential's result says whether it is verified. With {@code requireVerified}, a credential that is not verified
 * carries no credit, and its result says why.
 */
public final class Trust {
    /** No trust list, nothing required: credentials count and results report their verification. */
    public static final Trust DEFAULT = new Trust(new Verifier(TrustList.EMPTY), false);

    /** The verdicts with nothing to check, one each: every learner of a batch meets them. */
    private static final Verification RECORD = new Verification(Status.UNSIGNED,
            "it comes from a learner record, which carries no proof");
    private static final Verification CLAIMED = new Verification(Status.UNSIGNED,
            "the learner record says it was signed, but holds no proof Accrue can check");
    private static final Verification PLANNED = new Verification(Status.UNSIGNED,
            "a planned catalogue item, not issued yet: it counts as if it came signed by its provider");

    private final Verifier verifier;
    private final boolean requireVerified;

    private Trust(Verifier verifier, boolean requireVerified) {
        this.verifier = verifier;
        this.requireVerified = requireVerified;
    }

    public static Trust of(TrustList list, boolean requireVerified) {
        return new Trust(new Verifier(list), requireVerified);
    }

    public TrustList list() {
        return verifier.trust();
    }

    public Verifier verifier() {
        return verifier;
    }

    /** True when only verified credentials from trusted issuers count. */
    public boolean requireVerified() {
        return requireVerified;
    }

    /**
     * A credential's standing: its verification, (when it stated credit or a level Accrue could not place) why that
     * credit does not count, in words, else null; and whether it counts when only verified credentials count.
     */
    public record Standing(Verification verification, String unplaced, boolean counts) {
    }

    /** A learner record as evaluated: credit placed with the trust list's help, and each credential's standing. */
    public record Checked(LearnerRecord record, Map<String, Standing> standing) {
    }

    /**
     * A credential held in a CLR is only as verified as the CLR: the CLR's associations (which credential is part of
     * which) decide what is counted twice, and only the CLR's own proof covers them.
     */
    private Verification held(Verification own, Provenance container, Map<String, Verifier.Checked> bySigned,
                              LocalDate asOf) {
        if (!own.verified()) {
            return own;
        }
        Verification clr = container.signed() == null
                ? new Verification(Status.UNSIGNED, "it carries no proof to check offline (" + container.format() + ")")
                : bySigned.computeIfAbsent(container.signed(), s -> verifier.check(s, asOf)).verification();
        if (clr.verified()) {
            return own;
        }
        return new Verification(clr.status(), "its own proof checks (" + own.message() + "), but the "
                + container.format() + " that holds it is not verified (" + clr + "), and the CLR's associations "
                + "decide what is counted twice");
    }

    /**
     * Verifies each credential of the record for the day, and places credit a badge stated without a credit
     * system (or a level without a framework) in the system its trusted issuer uses, as the trust list says.
     */
    public Checked check(LearnerRecord record, LocalDate asOf) {
        Map<String, Standing> standing = new HashMap<>();
        Map<String, Verifier.Checked> bySigned = new HashMap<>();
        List<Credential> credentials = new ArrayList<>(record.credentials().size());
        boolean changed = false;
        for (Credential c : record.credentials()) {
            Provenance p = record.provenance().get(c.id());
            Verification v;
            if (p != null && p.isPlanned()) {
                v = PLANNED;
            } else if (p == null) {
                v = Boolean.TRUE.equals(c.proof()) ? CLAIMED : RECORD;
            } else if (p.signed() == null) {
                v = new Verification(Status.UNSIGNED, "it carries no proof to check offline (" + p.format() + ")");
            } else {
                v = bySigned.computeIfAbsent(p.signed(), s -> verifier.check(s, asOf)).verification();
            }
            if (p != null && p.container() != null) {
                v = held(v, p.container(), bySigned, asOf);
            }
            String unplaced = null;
            Credential placed = c;
            if (p != null) {
                var issuer = verifier.trust().issuer(p.issuer());
                if (p.creditWithoutSystem() != null && c.credit() == null) {
                    if (issuer.isPresent() && issuer.get().creditSystem() != null) {
                        placed = placed.withCredit(new StatedCredit(p.creditWithoutSystem(),
                                issuer.get().creditSystem()));
                    } else {
                        unplaced = "credit system unknown: " + p.creditWithoutSystem().stripTrailingZeros()
                                .toPlainString() + " credits stated without a credit system, and the trust list "
                                + "gives none for its issuer " + p.issuer() + "; not counted";
                    }
                }
                if (p.levelWithoutFramework() != null && c.level() == null) {
                    if (issuer.isPresent() && issuer.get().levelFramework() != null
                            && issuer.get().levelFramework().defines(p.levelWithoutFramework())) {
                        placed = placed.withLevel(new StatedLevel(issuer.get().levelFramework(),
                                p.levelWithoutFramework()));
                    }
                }
            }
            changed |= placed != c;
            credentials.add(placed);
            standing.put(c.id(), new Standing(v, unplaced, v.verified() || p != null && p.isPlanned()));
        }
        return new Checked(changed ? record.withCredentials(credentials) : record, standing);
    }
}
