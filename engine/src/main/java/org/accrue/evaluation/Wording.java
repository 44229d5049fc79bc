package org.accrue.evaluation;

import org.accrue.result.NotCounted;
import org.accrue.vocabulary.CreditCap;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Every English sentence the engine writes into a result, in one place: what each requirement asks, what is
 * missing, why a credential did not count (one sentence per {@link NotCounted.Reason}), what became of a
 * credential, and what a staff exception did. (Sentences the rules themselves supply, such as a classification's
 * missing criteria, are the rule files' own.) The
 * results carry codes and numbers; the words are made here from them, so a change of wording is made once and
 * shows in every snapshot that uses it (docs/architecture.md, "Snapshots").
 */
final class Wording {
    private Wording() {
    }

    /**
     * The words of an award's framework: its unit of credit and how a level is named. SCQF credit points and UK
     * (FHEQ) credits are one for one; an SCQF level is named by the FHEQ level it references (SCQF 9 and 10 are
     * both FHEQ 6), with the SCQF level beside it, so the wording never hides the level actually counted.
     */
    enum Terms {
        SCQF("SCQF points"),
        FHEQ("credits");

        private final String unit;

        Terms(String unit) {
            this.unit = unit;
        }

        static Terms of(String name) {
            return "FHEQ".equals(name) ? FHEQ : SCQF;
        }

        String unit() {
            return unit;
        }

        String level(int scqf) {
            int fheq = switch (scqf) {
                case 7 -> 4;
                case 8 -> 5;
                case 9, 10 -> 6;
                case 11 -> 7;
                case 12 -> 8;
                default -> 0;
            };
            return this == FHEQ && fheq > 0 ? "FHEQ level " + fheq + " (SCQF " + scqf + ")" : "SCQF level " + scqf;
        }
    }

    // What each requirement asks

    /** What a named requirement counts: its description, or the credit toward it. */
    static String requirementOf(String id, String description) {
        return description == null ? "credit toward " + id : description;
    }

    static String requirementByModule(String module) {
        return "module " + module + ": a credential an equivalence row maps to it, whatever its points";
    }

    static String requirementByCredentials(int count, String of) {
        return "at least " + count + " credential" + (count == 1 ? "" : "s") + ": " + of;
    }

    static String requirementByPoints(Terms t, BigDecimal points, String of) {
        return "at least " + Points.text(points) + " " + t.unit() + " of " + of;
    }

    static String total(Terms t, BigDecimal points) {
        return "at least " + Points.text(points) + " " + t.unit() + " in all";
    }

    static String atLevel(Terms t, int scqfLevel) {
        return "at " + t.level(scqfLevel) + " or above";
    }

    static String level(Terms t, BigDecimal points, int scqfLevel) {
        return "at least " + Points.text(points) + " " + t.unit() + " " + atLevel(t, scqfLevel);
    }

    static String bodies(int count, String requirement) {
        return (requirement == null ? "credit" : "credit toward '" + requirement + "'") + " from at least " + count
                + " different awarding bod" + (count == 1 ? "y" : "ies");
    }

    static String moreBodies(String more, String requirement) {
        return (requirement == null ? "credit" : "credit toward '" + requirement + "'") + " from " + more
                + " more awarding bod" + ("1".equals(more) ? "y" : "ies");
    }

    static String theme(int percent, String theme) {
        return "at least " + percent + "% of the counted credit in " + (theme == null ? "the theme the learner declares"
                : "the declared theme '" + theme + "'");
    }

    static String moreInTheme(Terms t, String more, String theme) {
        return more + " more " + t.unit() + " in the declared theme '" + theme + "'";
    }

    static final String NO_CLAIM = "a claim: this is a personal award, and the learner declares no theme and no "
            + "credentials for it (claims in the learner record)";

    static String notClaimed(boolean claimed) {
        return claimed ? "not among the credentials the learner's claim for this personal award names"
                : "this personal award counts only the credentials the learner's claim names, and there is no claim";
    }

    static String cap(Terms t, CreditCap cap) {
        return "at most " + Points.text(cap.maxPoints()) + " " + t.unit() + " by route " + routes(cap);
    }

    // What is missing

    /** One missing amount: what the shortfall sentence says, then what the learner has and needs. */
    static String missing(String shortfall, BigDecimal have, BigDecimal need) {
        return shortfall + " (have " + Points.text(have) + ", need " + Points.text(need) + ")";
    }

    static String morePoints(Terms t, String id, String more, String of) {
        return id + ": " + more + " more " + t.unit() + " of " + of;
    }

    static String moreCredentials(String id, String more, String of) {
        return id + ": " + more + " more credential" + ("1".equals(more) ? "" : "s") + ": " + of;
    }

    static String moreInAll(Terms t, String more) {
        return more + " more " + t.unit() + " in all";
    }

    static String moreAtLevel(Terms t, String more, String at) {
        return more + " more " + t.unit() + " " + at;
    }

    static final String SEARCH_STOPPED =
            "(the search for the closest allocation stopped at its limit: a closer one may exist)";

    // Why a credential did not count

    static String noCredit(List<String> excluded) {
        return "carries no credit: " + String.join("; ", excluded);
    }

    static String noIssueDate(LocalDate earliest) {
        return "states no issue date; credit must be issued on or after " + earliest;
    }

    static String tooOld(LocalDate issued, LocalDate earliest, int years) {
        return "issued " + issued + ", before " + earliest + " (credit must be no more than " + years + " years old)";
    }

    static String noRule(int scqfLevel) {
        return "no rule of this award lets it count (" + (scqfLevel > 0 ? "SCQF level " + scqfLevel : "level unknown")
                + ")";
    }

    /** Why a credential under a cap was left out: counting all of it would take the cap's total past its maximum. */
    static String overCap(Terms t, String credential, BigDecimal points, CreditCap cap, BigDecimal would) {
        return "counting all " + Points.text(points) + " " + t.unit() + " of " + credential + " would take the "
                + routes(cap) + " total to " + Points.text(would) + " of at most " + Points.text(cap.maxPoints());
    }

    /** How much of a shortfall may still come by a capped route: none when the cap is full. */
    static String capRoom(Terms t, CreditCap cap, BigDecimal room) {
        return room.signum() <= 0
                ? "none of them by " + routes(cap) + " (that cap, " + Points.text(cap.maxPoints()) + " " + t.unit()
                  + ", is full)"
                : "at most " + Points.text(room) + " of them by " + routes(cap);
    }

    private static String routes(CreditCap cap) {
        return cap.routes().stream().map(r -> r.name().toLowerCase(Locale.ROOT)).sorted()
                .collect(Collectors.joining(" or "));
    }

    static String capReached(List<String> caps) {
        return "the cap is reached: " + String.join("; ", caps);
    }

    // What became of a credential

    static final String NO_LEVEL = "states no level";
    static final String LEVEL_NOT_REFERENCED = "no rule refers its level to SCQF";
    static final String NO_FRAMEWORK_CREDIT = "no framework rule gives it SCQF credit points";
    static final String PROOF_PRESENT = "present";
    static final String PROOF_ABSENT = "absent";

    /** Why a credential's credit does not count: an award already conferred used it. */
    static String alreadyUsed(String award, java.time.LocalDate date) {
        return "its credit was used for " + award + ", conferred" + (date == null ? "" : " on " + date)
                + "; credit is used once, and this award's rules do not share that award's credit";
    }

    /** Why a credential carries no credit when only verified credentials count. */
    static String notVerified(org.accrue.result.Verification v) {
        return "not verified, and only verified credentials count here (" + v + ")";
    }

    static String equivalence(String row, String module, BigDecimal points) {
        return "equivalence row '" + row + "' gives specific credit for module " + module
                + (points == null ? ", whatever its points (an exemption: its own credit counts)"
                : ", granting " + Points.text(points) + " SCQF points");
    }

    /** A planned course has no grade yet. */
    static final String PLANNED_GRADE = "planned, not yet graded: counted as passed with any minimum grade a rule "
            + "asks, which it must then be passed with";

    static String gradeBand(String grade, String band, String row) {
        return "grade " + grade + " read as ECTS band " + band + " (grade-band row '" + row + "')";
    }

    static String issuedAfter(LocalDate issued, LocalDate asOf) {
        return "issued on " + issued + ", after the as-of date " + asOf;
    }

    // What a staff exception did

    static String waived(String requirement, boolean used, BigDecimal have, BigDecimal need) {
        return "requirement '" + requirement + "' waived" + (used ? " (it has " + have.toPlainString() + " of "
                + need.toPlainString() + ")" : "; it is met without the waiver");
    }

    static String substituted(String credential, String requirement, boolean credit, boolean used) {
        return !credit ? credential + " carries no credit, so it cannot substitute"
                : used ? credential + " counted toward '" + requirement + "' in place of a required credential"
                : credential + " was not needed for '" + requirement + "'";
    }

    static String allowed(org.accrue.learner.StaffException.Type type, String credential, boolean credit, boolean old,
                          boolean expired, boolean capped, boolean counted) {
        String limits = switch (type) {
            case ALLOW_RECENCY -> "no recency limit or expiry";
            case ALLOW_CAP -> "no cap";
            default -> "no recency limit or cap";
        };
        List<String> lifted = new java.util.ArrayList<>();
        if (old || expired) {
            lifted.add("despite " + (old && expired ? "the recency limit and its expiry" : old ? "the recency limit"
                    : "its expiry"));
        }
        if (capped) {
            lifted.add("outside the cap");
        }
        return !credit ? credential + " carries no credit, so it cannot be allowed"
                : lifted.isEmpty() ? credential + " needed no allowance: " + limits + " applies to it"
                : credential + (counted ? " counted " : " was allowed but not counted ") + String.join(" and ", lifted);
    }

    static String modified(String requirement, BigDecimal before, BigDecimal after, BigDecimal have, boolean used) {
        return "requirement '" + requirement + "' minimum changed from " + Points.text(before) + " to "
                + Points.text(after) + (used ? " (it has " + Points.text(have) + ")" : "; it is met without the change");
    }

    /** Why a credential's credit does not count: the award counts credit only while its credential is valid. */
    static String expired(LocalDate validUntil, LocalDate asOf) {
        return "valid until " + validUntil + ", before the as-of date " + asOf + "; this award counts credit only "
                + "while its credential is valid";
    }
}
