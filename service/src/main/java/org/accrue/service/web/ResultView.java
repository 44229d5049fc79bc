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
public record ResultView(String decision, String learnerId, String learnerName, String asOf, String ruleSet,
                         String by, String at, List<AwardView> eligible, List<AwardView> others) {

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
        return new ResultView(decision, r.path("learner").path("id").asText(), text(r.path("learner").path("name")),
                r.path("asOf").asText(), r.path("ruleset").asText(), by, at, eligible, others);
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
