package org.accrue.ruleset;

import org.accrue.RuleProblem;
import org.accrue.evaluation.AwardDefinition;
import org.accrue.vocabulary.Requirement;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a programme designer gets wrong that Drools compiles happily: awards and requirements referred to but
 * never defined, requirements nothing may count toward, and the definition problems the engine finds, each
 * at the line of the rule that caused it.
 */
public final class RuleLint {
    /** {@code new MayCount("award", "requirement", $c)} or {@code new MayCount("award", $c)}. */
    private static final Pattern MAY_COUNT = Pattern.compile("new\\s+MayCount\\s*\\(([^;]*)\\)\\s*\\)\\s*;");
    private static final Pattern LITERAL = Pattern.compile("\\s*\"([^\"]*)\"\\s*");
    /** A rule that gives a credential SCQF credit points. */
    private static final Pattern CREDIT_POINTS = Pattern.compile("new\\s+(org\\.accrue\\.vocabulary\\.)?CreditPoints\\s*\\(");

    private RuleLint() {
    }

    public static List<RuleProblem> check(AwardDefinition.Gathered gathered, List<Translation.Drl> drls) {
        Map<String, RuleProblem> at = locations(drls);
        List<RuleProblem> problems = new ArrayList<>();
        for (AwardDefinition.Problem p : gathered.problems()) {
            problems.add(located(at, p.rule(), p.message()));
        }
        Map<String, AwardDefinition> awards = new HashMap<>();
        gathered.awards().forEach(a -> awards.put(a.award().id(), a));
        if (!gathered.awards().isEmpty() && drls.stream().noneMatch(d -> CREDIT_POINTS.matcher(d.text()).find())) {
            // awards and no credit: every learner would be told they have nothing (the frameworks left out)
            AwardDefinition first = gathered.awards().get(0);
            problems.add(located(at, first.rules().isEmpty() ? null : first.rules().get(0), "the rule set defines " + gathered.awards().size() + " award"
                    + (gathered.awards().size() == 1 ? "" : "s") + " but no rule gives any credential SCQF credit "
                    + "points (CreditPoints), so nothing could ever count: the framework rules (credit.drl) are "
                    + "missing. --rules adds the packaged frameworks to your rules; give your own with --frameworks"));
        }

        Set<String> referenced = new HashSet<>(); // award + "/" + requirement, literally named
        boolean dynamic = false;
        for (Translation.Drl drl : drls) {
            String[] lines = drl.text().split("\n", -1);
            String rule = null; // the rule the line is in, followed in one pass
            for (int i = 0; i < lines.length; i++) {
                String header = Translation.ruleName(lines[i]);
                rule = header != null ? header : rule;
                Matcher m = MAY_COUNT.matcher(lines[i]);
                while (m.find()) {
                    String[] args = m.group(1).split(",");
                    Matcher award = LITERAL.matcher(args[0]);
                    if (!award.matches()) {
                        // an award named by an expression: only a named requirement leaves the lint unsure
                        dynamic |= args.length >= 3;
                        continue;
                    }
                    String id = award.group(1);
                    AwardDefinition d = awards.get(id);
                    if (d == null) {
                        problems.add(located(at, rule, "rule '" + rule + "' lets credit count toward award '" + id
                                + "', which no rule defines"));
                        continue;
                    }
                    if (args.length < 3) {
                        continue; // general credit
                    }
                    Matcher requirement = LITERAL.matcher(args[1]);
                    if (!requirement.matches()) {
                        dynamic = true;
                        continue;
                    }
                    String r = requirement.group(1);
                    referenced.add(id + "/" + r);
                    if (d.requirements().stream().noneMatch(x -> x.id().equals(r))) {
                        problems.add(located(at, rule, "rule '" + rule + "' lets credit count toward requirement '"
                                + r + "' of award '" + id + "', which no rule defines"));
                    }
                }
            }
        }
        if (!dynamic) {
            for (AwardDefinition d : gathered.awards()) {
                for (Requirement r : d.requirements()) {
                    boolean needsSomething = r.minPoints().signum() > 0 || r.minCredentials() > 0;
                    if (needsSomething && r.module() == null && !referenced.contains(d.award().id() + "/" + r.id())) {
                        String rule = d.rules().isEmpty() ? null : d.rules().get(0);
                        problems.add(located(at, rule, "requirement '" + r.id() + "' of award '" + d.award().id()
                                + "': no rule lets any credit count toward it, so no learner can meet it"));
                    }
                }
            }
        }
        return problems;
    }

    /** Where each rule starts, by name. */
    private static Map<String, RuleProblem> locations(List<Translation.Drl> drls) {
        Map<String, RuleProblem> at = new HashMap<>();
        for (Translation.Drl drl : drls) {
            for (Translation.RuleAt r : drl.rules()) {
                at.putIfAbsent(r.name(), new RuleProblem(drl.file().display(), r.line(), 0, ""));
            }
        }
        return at;
    }

    private static RuleProblem located(Map<String, RuleProblem> at, String rule, String message) {
        RuleProblem where = rule == null ? null : at.get(rule);
        return where == null ? new RuleProblem(null, 0, 0, message)
                : new RuleProblem(where.file(), where.line(), 0, message);
    }
}
