package org.accrue.report;

import org.accrue.result.AwardResult;
import org.accrue.result.Counted;
import org.accrue.result.CredentialResult;
import org.accrue.result.Detail;
import org.accrue.result.EvaluationResult;
import org.accrue.result.NotCounted;
import org.accrue.result.RequirementResult;
import org.accrue.result.UnmetClassification;
import org.accrue.result.Verification;

import java.math.BigDecimal;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A result in plain words for a registry officer: verdict first, then what counted and what is missing. Every
 * learner- or rule-supplied string is printed through {@link Printable}: a newline in a name cannot forge a
 * report line, an escape sequence cannot act on the terminal.
 */
public final class TextReport {
    private TextReport() {
    }

    public static String render(EvaluationResult r) {
        return render(r, Detail.FULL);
    }

    /**
     * The same at a level of detail: at {@link Detail#VERDICTS} each award's verdict and the requirements not met;
     * at {@link Detail#REQUIREMENTS} every requirement, what counted and the exceptions; credentials only in full.
     */
    public static String render(EvaluationResult r, Detail detail) {
        StringBuilder out = new StringBuilder();
        String name = r.learner().name() == null ? v(r.learner().id())
                : v(r.learner().name()) + " (" + v(r.learner().id()) + ")";
        out.append(name);
        if (r.source() != null) {
            out.append(" - ").append(v(r.source()));
        }
        out.append('\n');
        out.append("As of ").append(r.asOf()).append(", rule set ").append(shortId(r.ruleset())).append('\n');
        List<String> eligible = r.awards().stream().filter(AwardResult::eligible).map(a -> v(a.award())).toList();
        out.append("Eligible for: ").append(eligible.isEmpty() ? "none of the "
                + r.awards().size() + " awards evaluated" : String.join(", ", eligible)).append("\n\n");
        Set<String> noCredit = r.credentials().stream().filter(c -> !c.creditBearing()).map(CredentialResult::id)
                .collect(Collectors.toSet());

        out.append("Awards\n");
        for (AwardResult a : r.awards()) {
            out.append(String.format("  %-13s %s (%s, SCQF %d)%n", a.eligible() ? "ELIGIBLE" : "NOT ELIGIBLE",
                    v(a.title()), v(a.award()), a.scqfLevel()));
            for (RequirementResult q : a.requirements()) {
                if (detail == Detail.VERDICTS && q.met()) {
                    continue;
                }
                String amount = q.max() != null
                        ? points(q.have()) + " of at most " + points(q.max())
                        : points(q.have()) + " of " + points(q.need());
                out.append(String.format("      %-6s %-22s %-16s %s%n", q.waived() ? "waived" : q.met() ? "met" : "NOT",
                        v(q.id()), amount, v(q.description())));
            }
            if (!a.counted().isEmpty() && detail != Detail.VERDICTS) {
                out.append("      counted: ").append(a.counted().stream().map(TextReport::counted)
                        .collect(Collectors.joining(", "))).append('\n');
            }
            for (var e : a.exceptions()) {
                out.append("      exception (").append(e.type().name().toLowerCase(java.util.Locale.ROOT)).append(", authorised by ").append(v(e.authorisedBy()))
                        .append(e.proposedBy() == null ? "" : ", proposed by " + v(e.proposedBy()))
                        .append(" on ").append(e.date()).append(": ").append(v(e.reason())).append("): ")
                        .append(v(e.effect())).append(e.used() ? "" : " [not needed]").append('\n');
            }
            for (String m : a.missing()) {
                out.append("      missing: ").append(v(m)).append('\n');
            }
            for (NotCounted n : a.notCounted()) {
                if (noCredit.contains(n.credential())) {
                    continue; // said once, under Credentials
                }
                out.append("      not counted: ").append(v(n.credential())).append(": ").append(v(n.reason())).append('\n');
            }
        }

        if (detail != Detail.FULL) {
            return out.toString();
        }
        out.append("\nCredentials\n");
        for (CredentialResult c : r.credentials()) {
            String credit = c.creditBearing()
                    ? points(c.scqfPoints()) + " points, " + (c.scqfLevel() == null ? "level unknown" : "SCQF " + c.scqfLevel())
                    : "no credit";
            out.append(String.format("  %-12s %-40s %s%n", v(c.id()), clip(v(c.title()), 40), credit));
            for (String note : c.notes()) {
                out.append("      ").append(v(note)).append('\n');
            }
            if (c.proof() != null || c.verification().status() != Verification.Status.UNSIGNED) {
                out.append("      verification: ").append(v(c.verification().toString())).append('\n');
            }
            for (String e : c.excluded()) {
                out.append("      carries no credit: ").append(v(e)).append('\n');
            }
            if (!c.classifications().isEmpty()) {
                out.append("      classified: ").append(v(String.join(", ", c.classifications()))).append('\n');
            }
            for (UnmetClassification u : c.unmet()) {
                out.append("      not ").append(v(u.classification())).append(", missing: ")
                        .append(v(String.join("; ", u.missing()))).append('\n');
            }
        }
        return out.toString();
    }

    private static String counted(Counted c) {
        return v(c.credential()) + " (" + points(c.points())
                + (Counted.GENERAL.equals(c.requirement()) ? "" : " to " + v(c.requirement())) + ")";
    }

    /** Learner- and rule-supplied text, printable: no control character reaches the officer's terminal. */
    private static String v(String s) {
        return Printable.visible(s);
    }

    private static String points(BigDecimal v) {
        return v == null ? "-" : v.toPlainString();
    }

    private static String shortId(String ruleset) {
        return ruleset.length() > 19 ? ruleset.substring(0, 19) : ruleset;
    }

    private static String clip(String s, int width) {
        return s.length() <= width ? s : s.substring(0, width - 1) + "~";
    }
}
