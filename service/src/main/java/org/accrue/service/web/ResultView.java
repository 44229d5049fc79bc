package org.accrue.service.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.ArrayList;
import java.util.List;

/**
 * A decision's result as the result page shows it, read from the JSON the decision log keeps (the same JSON
 * {@code accrue evaluate --format json} writes: docs/result.schema.json). The awards the learner is eligible for
 * come first.
 */
public record ResultView(String decision, String learnerId, String learnerName, String source, String asOf,
                         String ruleSet, String by, String at, List<AwardView> eligible, List<AwardView> others,
                         List<CredentialView> credentials, Chart byLevel, Chart bySubject) {

    /**
     * One credential: its SCQF points and level and how they were reached ({@code notes}), why it carries no
     * credit ({@code excluded}), the classifications it has, and what it misses of the others; and, for a
     * credential from a format that carries proofs, its verification ({@code verification} the status code, null
     * when there is nothing to say, as for a learner record; {@code verifiedBecause} the words).
     */
    public record CredentialView(String id, String title, String points, String level, boolean creditBearing,
                                 List<String> notes, List<String> excluded, List<String> classifications,
                                 List<String> unmet, String verification, String verifiedBecause) {
        public boolean verified() {
            return "verified".equals(verification);
        }
    }

    /** A bar chart, drawn as SVG on the server: each bar's label, value and length (0-100). */
    public record Chart(String title, List<Bar> bars) {
        public record Bar(String label, String value, int length) {
        }

        /** The chart's figures in words, for those who do not see it. */
        public String words() {
            return String.join("; ", bars.stream().map(b -> b.label() + ": " + b.value()).toList());
        }

        static Chart of(String title, java.util.Map<String, java.math.BigDecimal> values) {
            java.math.BigDecimal max = values.values().stream().max(java.math.BigDecimal::compareTo)
                    .orElse(java.math.BigDecimal.ONE);
            List<Bar> bars = new ArrayList<>();
            values.forEach((k, v) -> bars.add(new Bar(k, v.stripTrailingZeros().toPlainString(),
                    max.signum() == 0 ? 0 : v.multiply(java.math.BigDecimal.valueOf(100))
                            .divide(max, java.math.RoundingMode.HALF_UP).intValue())));
            return new Chart(title, bars);
        }
    }

    /** One award: its verdict, each requirement's have against need, what counted, what is missing. */
    public record AwardView(String id, String title, int scqfLevel, boolean eligible, List<RequirementView> requirements,
                            List<String> counted, List<String> missing, List<ExceptionView> exceptions) {
    }

    /**
     * One requirement. {@code percent} is how far {@code have} goes toward {@code need} (0-100), for the bar;
     * the words say the same, so colour is never the only sign.
     */
    public record RequirementView(String id, String description, String have, String need, String max, boolean met,
                                  boolean waived, int percent) {
    }

    /** A staff exception applied to the award, with who proposed and who authorised it. */
    public record ExceptionView(String type, String requirement, String credential, String authorisedBy,
                                String proposedBy, String reason, String effect, boolean used) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The view of a result's JSON. */
    public static ResultView of(String decision, String by, String at, String resultJson) {
        return of(decision, by, at, resultJson, java.util.Map.of());
    }

    /**
     * The view of a result's JSON, with each credential's subjects (from the learner's file, while the decision
     * log still holds it) for the chart of credit by subject.
     */
    public static ResultView of(String decision, String by, String at, String resultJson,
                                java.util.Map<String, List<String>> subjects) {
        JsonNode r;
        try {
            r = JSON.readTree(resultJson);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("a stored result is not JSON", e);
        }
        List<AwardView> eligible = new ArrayList<>();
        List<AwardView> others = new ArrayList<>();
        for (JsonNode a : r.path("awards")) {
            AwardView v = award(a);
            (v.eligible() ? eligible : others).add(v);
        }
        List<CredentialView> credentials = new ArrayList<>();
        java.util.Map<String, java.math.BigDecimal> byLevel = new java.util.TreeMap<>(
                java.util.Comparator.comparingInt(l -> Integer.parseInt(l.substring("SCQF ".length()))));
        java.util.Map<String, java.math.BigDecimal> bySubject = new java.util.TreeMap<>();
        for (JsonNode c : r.path("credentials")) {
            List<String> unmet = new ArrayList<>();
            for (JsonNode u : c.path("unmet")) {
                List<String> missing = new ArrayList<>();
                u.path("missing").forEach(m -> missing.add(m.asText()));
                unmet.add(u.path("classification").asText() + ": " + String.join(", ", missing));
            }
            JsonNode verification = c.path("verification");
            // a learner record carries no proof to speak of; a badge's verdict is shown either way
            boolean shown = verification.isObject() && (!c.path("proof").isNull() && !c.path("proof").isMissingNode()
                    || !"unsigned".equals(verification.path("status").asText()));
            CredentialView v = new CredentialView(c.path("id").asText(), c.path("title").asText(),
                    text(c.path("scqfPoints")), text(c.path("scqfLevel")), c.path("creditBearing").asBoolean(),
                    strings(c.path("notes")), strings(c.path("excluded")), strings(c.path("classifications")), unmet,
                    shown ? verification.path("status").asText() : null,
                    shown ? verification.path("message").asText() : null);
            credentials.add(v);
            if (v.creditBearing() && v.points() != null && v.level() != null) {
                java.math.BigDecimal points = new java.math.BigDecimal(v.points());
                byLevel.merge("SCQF " + v.level(), points, java.math.BigDecimal::add);
                for (String subject : subjects.getOrDefault(v.id(), List.of())) {
                    bySubject.merge(subject, points, java.math.BigDecimal::add);
                }
            }
        }
        return new ResultView(decision, r.path("learner").path("id").asText(), text(r.path("learner").path("name")),
                r.path("source").asText(), r.path("asOf").asText(), r.path("ruleset").asText(), by, at, eligible, others, credentials,
                Chart.of("SCQF credit points by level", byLevel), Chart.of("SCQF credit points by subject "
                        + "(a credential with several subjects counts under each)", bySubject));
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static AwardView award(JsonNode a) {
        List<RequirementView> requirements = new ArrayList<>();
        for (JsonNode q : a.path("requirements")) {
            double have = q.path("have").asDouble();
            double need = q.path("need").asDouble();
            int percent = need <= 0 ? 100 : (int) Math.min(100, Math.round(100 * have / need));
            requirements.add(new RequirementView(q.path("id").asText(), q.path("description").asText(),
                    q.path("have").asText(), text(q.path("need")), text(q.path("max")), q.path("met").asBoolean(),
                    q.path("waived").asBoolean(), percent));
        }
        List<String> counted = new ArrayList<>();
        for (JsonNode c : a.path("counted")) {
            counted.add(c.path("credential").asText() + ": " + c.path("points").asText() + " SCQF points at level "
                    + c.path("scqfLevel").asText() + (c.path("requirement").asText().equals("general") ? ""
                    : ", toward " + c.path("requirement").asText()));
        }
        List<String> missing = new ArrayList<>();
        a.path("missing").forEach(m -> missing.add(m.asText()));
        List<ExceptionView> exceptions = new ArrayList<>();
        for (JsonNode e : a.path("exceptions")) {
            exceptions.add(new ExceptionView(e.path("type").asText(), text(e.path("requirement")),
                    text(e.path("credential")), e.path("authorisedBy").asText(), text(e.path("proposedBy")),
                    e.path("reason").asText(), e.path("effect").asText(), e.path("used").asBoolean()));
        }
        return new AwardView(a.path("award").asText(), a.path("title").asText(), a.path("scqfLevel").asInt(),
                a.path("eligible").asBoolean(), requirements, counted, missing, exceptions);
    }

    private static String text(JsonNode n) {
        return n == null || n.isNull() || n.isMissingNode() ? null : n.asText();
    }
}
