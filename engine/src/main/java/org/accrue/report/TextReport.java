package org.accrue.report;

import org.accrue.result.AwardResult;
import org.accrue.result.Counted;
import org.accrue.result.CredentialResult;
import org.accrue.result.EvaluationResult;
import org.accrue.result.NotCounted;
import org.accrue.result.RequirementResult;
import org.accrue.result.UnmetClassification;

import java.math.BigDecimal;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** A result in plain words for a registry officer: verdict first, then what counted and what is missing. */
public final class TextReport {
    private TextReport() {
    }

    public static String render(EvaluationResult r) {
        StringBuilder out = new StringBuilder();
        String name = r.learner().name() == null ? r.learner().id() : r.learner().name() + " (" + r.learner().id() + ")";
        out.append(name);
        if (r.source() != null) {
            out.append(" - ").append(r.source());
        }
        out.append('\n');
        out.append("As of ").append(r.asOf()).append(", rule set ").append(shortId(r.ruleset())).append('\n');
        List<String> eligible = r.awards().stream().filter(AwardResult::eligible).map(AwardResult::award).toList();
        out.append("Eligible for: ").append(eligible.isEmpty() ? "none of the "
                + r.awards().size() + " awards evaluated" : String.join(", ", eligible)).append("\n\n");
        Set<String> noCredit = r.credentials().stream().filter(c -> !c.creditBearing()).map(CredentialResult::id)
                .collect(Collectors.toSet());

        out.append("Awards\n");
        for (AwardResult a : r.awards()) {
            out.append(String.format("  %-13s %s (%s, SCQF %d)%n", a.eligible() ? "ELIGIBLE" : "NOT ELIGIBLE",
                    a.title(), a.award(), a.scqfLevel()));
            for (RequirementResult q : a.requirements()) {
                String amount = q.max() != null
                        ? points(q.have()) + " of at most " + points(q.max())
                        : points(q.have()) + " of " + points(q.need());
                out.append(String.format("      %-6s %-22s %-16s %s%n", q.waived() ? "waived" : q.met() ? "met" : "NOT",
                        q.id(), amount, q.description()));
            }
            if (!a.counted().isEmpty()) {
                out.append("      counted: ").append(a.counted().stream().map(TextReport::counted)
                        .collect(Collectors.joining(", "))).append('\n');
            }
            for (var e : a.exceptions()) {
                out.append("      exception (").append(e.type()).append(", authorised by ").append(e.authorisedBy())
                        .append(" on ").append(e.date()).append(": ").append(e.reason()).append("): ")
                        .append(e.effect()).append(e.used() ? "" : " [not needed]").append('\n');
            }
            for (String m : a.missing()) {
                out.append("      missing: ").append(m).append('\n');
            }
            for (NotCounted n : a.notCounted()) {
                if (noCredit.contains(n.credential())) {
                    continue; // said once, under Credentials
                }
                out.append("      not counted: ").append(n.credential()).append(": ").append(n.reason()).append('\n');
            }
        }

        out.append("\nCredentials\n");
        for (CredentialResult c : r.credentials()) {
            String credit = c.creditBearing()
                    ? points(c.scqfPoints()) + " points, " + (c.scqfLevel() == null ? "level unknown" : "SCQF " + c.scqfLevel())
                    : "no credit";
            out.append(String.format("  %-12s %-40s %s%n", c.id(), clip(c.title(), 40), credit));
            for (String note : c.notes()) {
                out.append("      ").append(note).append('\n');
            }
            if (c.proof() != null) {
                out.append("      proof: ").append(c.proof()).append('\n');
            }
            for (String e : c.excluded()) {
                out.append("      carries no credit: ").append(e).append('\n');
            }
            if (!c.classifications().isEmpty()) {
                out.append("      classified: ").append(String.join(", ", c.classifications())).append('\n');
            }
            for (UnmetClassification u : c.unmet()) {
                out.append("      not ").append(u.classification()).append(", missing: ")
                        .append(String.join("; ", u.missing())).append('\n');
            }
        }
        return out.toString();
    }

    private static String counted(Counted c) {
        return c.credential() + " (" + points(c.points()) + (Counted.GENERAL.equals(c.requirement()) ? "" : " to " + c.requirement()) + ")";
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
