package org.accrue.reading;

import static org.accrue.reading.JsonFields.putIf;
import static org.accrue.reading.JsonFields.putOneOrMore;
import static org.accrue.reading.JsonFields.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * European Learning Model v3 (Europass digital credentials) {@code EuropeanDigitalCredential}: each learning
 * achievement in {@code credentialSubject.hasClaim} becomes a credential. This format carries every mandatory
 * element of an EU micro-credential, so the {@code eu-microcredential} classification works on it directly.
 * docs/formats.md lists which ELM field becomes which learner-record field.
 */
final class Elm {

    private Elm() {
    }

    static boolean isElm(JsonNode tree) {
        return OpenBadges.hasType(tree, "EuropeanDigitalCredential");
    }

    /** European Learning Model v3 (Europass): a credential whose claims are learning achievements. */
    static final LearnerFormat FORMAT = new JsonFormat(Elm::isElm, Elm::map);

    static LearnerFormat.Mapped map(JsonNode tree, String source) throws InvalidInputException {
        JsonNode subject = OpenBadges.required(tree, "credentialSubject", "$", source);
        ObjectNode record = JsonNodeFactory.instance.objectNode();
        ObjectNode learner = record.putObject("learner");
        String name = lang(subject.get("fullName"));
        String id = text(subject, "id") != null ? text(subject, "id") : name;
        if (id != null) {
            learner.put("id", id);
        }
        if (name != null) {
            learner.put("name", name);
        }
        List<JsonNode> claims = list(subject.get("hasClaim"));
        if (claims.isEmpty()) {
            throw new InvalidInputException(source, "$.credentialSubject.hasClaim", "is missing; an ELM credential "
                    + "holds its learning achievements as claims");
        }
        ArrayNode credentials = record.putArray("credentials");
        // every claim is under the credential's one proof (a Europass seal): verification says what it makes of it
        boolean proof = tree.has("proof") && !tree.get("proof").isNull();
        org.accrue.learner.Provenance provenance = new org.accrue.learner.Provenance(org.accrue.credential.VerifiableCredentials.issuerId(tree),
                proof ? tree.toString() : null, "Europass (European Learning Model)", null, null);
        List<org.accrue.learner.Provenance> provenances = new java.util.ArrayList<>();
        for (int i = 0; i < claims.size(); i++) {
            String at = claims.size() == 1 && !subject.get("hasClaim").isArray()
                    ? "$.credentialSubject.hasClaim" : "$.credentialSubject.hasClaim[" + i + "]";
            credentials.add(claim(claims.get(i), tree, at, source));
            provenances.add(provenance);
        }
        // credential i is claim i: its field is named in the learner record's terms, in brackets
        return new LearnerFormat.Mapped(record, source, e -> new InvalidInputException(source,
                e.where().replaceFirst("^credentials\\[(\\d+)]", "\\$.credentialSubject.hasClaim[$1] (")
                        + (e.where().startsWith("credentials") ? ")" : ""), e.problem()), provenances);
    }

    private static ObjectNode claim(JsonNode claim, JsonNode root, String at, String source)
            throws InvalidInputException {
        ObjectNode c = JsonNodeFactory.instance.objectNode();
        String id = text(claim, "id");
        if (id == null) {
            throw new InvalidInputException(source, at + ".id", "is missing; a learning achievement needs an id");
        }
        c.put("id", id);
        c.put("proof", root.has("proof") && !root.get("proof").isNull());
        putIf(c, "title", lang(claim.get("title")));
        JsonNode awardedBy = claim.get("awardedBy");
        // ELM's awardingBody is a list: a joint award names each awarding body, each with its own location
        ArrayNode bodies = JsonNodeFactory.instance.arrayNode();
        ArrayNode countries = JsonNodeFactory.instance.arrayNode();
        ArrayNode ids = JsonNodeFactory.instance.arrayNode();
        for (JsonNode body : list(awardedBy == null ? null : awardedBy.get("awardingBody"))) {
            // an institution identifier (an Erasmus code, a ROR id): the body's identifier[].notation
            for (JsonNode identifier : list(body.get("identifier"))) {
                String notation = text(identifier, "notation");
                if (notation != null && !notation.isBlank() && !contains(ids, notation)) {
                    ids.add(notation);
                }
            }
            String name = lang(body.get("legalName")) != null ? lang(body.get("legalName")) : lang(body.get("prefLabel"));
            if (name != null && !contains(bodies, name)) {
                bodies.add(name);
            }
            JsonNode location = first(body.get("location"));
            JsonNode country = location == null ? null : first(location.path("address").get("countryCode"));
            if (country != null && text(country, "id") != null && !contains(countries, iso2(text(country, "id")))) {
                countries.add(iso2(text(country, "id")));
            }
        }
        putOneOrMore(c, "awardingBody", bodies);
        putOneOrMore(c, "country", countries);
        putOneOrMore(c, "awardingBodyId", ids);
        String date = awardedBy != null && text(awardedBy, "awardingDate") != null ? text(awardedBy, "awardingDate")
                : text(root, "validFrom") != null ? text(root, "validFrom") : text(root, "issuanceDate");
        if (date != null && date.length() >= 10) {
            c.put("issued", date.substring(0, 10));
        }
        String until = text(root, "validUntil");
        if (until != null && until.length() >= 10) {
            c.put("validUntil", until.substring(0, 10));
        }
        JsonNode spec = first(claim.get("specifiedBy"));
        if (spec != null) {
            JsonNode eqf = spec.get("eqfLevel");
            if (eqf != null && text(eqf, "id") != null) {
                c.putObject("level").put("framework", "EQF")
                        .put("value", JsonFields.level(text(eqf, "id"), "EQF", source, at + ".specifiedBy.eqfLevel.id"));
            }
            JsonNode credit = first(spec.get("creditPoint"));
            if (credit != null && credit.get("point") != null) {
                String framework = credit.get("framework") == null ? null : lang(credit.get("framework").get("prefLabel"));
                String frameworkId = credit.get("framework") == null ? null : text(credit.get("framework"), "id");
                if (framework == null || !framework.toLowerCase(Locale.ROOT).contains("european credit transfer")) {
                    throw new InvalidInputException(source, at + ".specifiedBy.creditPoint.framework",
                            "'" + (framework != null ? framework : frameworkId) + "' is no credit framework Accrue "
                                    + "knows; ELM credit is read in ECTS");
                }
                c.putObject("credit").put("value", credit.get("point").asText()).put("system", "ECTS");
            }
            String volume = text(spec, "volumeOfLearning");
            if (volume != null) {
                try {
                    c.put("hours", Duration.parse(volume).toMinutes() / 60.0);
                } catch (DateTimeParseException e) {
                    throw new InvalidInputException(source, at + ".specifiedBy.volumeOfLearning",
                            "'" + volume + "' is not an ISO 8601 duration (PT60H)");
                }
            }
            ArrayNode outcomes = JsonNodeFactory.instance.arrayNode();
            for (JsonNode o : list(spec.get("learningOutcome"))) {
                putIf(outcomes, lang(o.get("title")));
            }
            if (!outcomes.isEmpty()) {
                c.set("outcomes", outcomes);
            }
            ArrayNode subjects = JsonNodeFactory.instance.arrayNode();
            for (JsonNode t : list(spec.get("thematicArea"))) {
                putIf(subjects, lang(t.get("prefLabel")));
            }
            if (!subjects.isEmpty()) {
                c.set("subjects", subjects);
            }
            JsonNode modeNode = first(spec.get("mode"));
            String mode = modeNode == null ? null : lang(modeNode.get("prefLabel"));
            if (mode != null) {
                String m = mode.toLowerCase(Locale.ROOT);
                c.put("participation", m.contains("online") ? "online" : m.contains("blend") ? "blended" : "onsite");
            }
            if (spec.has("accreditation") || claim.has("accreditation")) {
                c.put("qualityAssurance", "external"); // an accreditation is quality assurance by another body
            }
        }
        JsonNode proof = first(claim.get("provenBy"));
        if (proof != null) {
            c.put("assessment", "summative"); // an assessment that proves the claim, with its grade
            if (proof.get("grade") != null) {
                putIf(c, "grade", lang(proof.get("grade").get("noteLiteral")));
            }
            JsonNode verification = proof.get("idVerification");
            if (verification != null) {
                String label = lang(verification.get("prefLabel"));
                if (label != null) {
                    c.put("identityVerified", !label.toLowerCase(Locale.ROOT).contains("without"));
                }
            }
        }
        return c;
    }

    /** ISO 3166-1 alpha-2 for an EU authority-table country (…/country/IRL), else the code as it is. */
    static String iso2(String uri) {
        String code = uri.substring(uri.lastIndexOf('/') + 1).toUpperCase(Locale.ROOT);
        if (code.length() == 3) {
            for (String two : Locale.getISOCountries()) {
                if (new Locale("", two).getISO3Country().equals(code)) {
                    return two;
                }
            }
        }
        return code;
    }

    /** A language map's English value, else its first; a plain string as it is. */
    static String lang(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isTextual()) {
            return node.asText();
        }
        if (node.isArray()) {
            return node.isEmpty() ? null : lang(node.get(0));
        }
        if (node.has("en")) {
            return lang(node.get("en"));
        }
        var fields = node.fields();
        return fields.hasNext() ? lang(fields.next().getValue()) : null;
    }

    private static boolean contains(ArrayNode list, String text) {
        for (JsonNode n : list) {
            if (n.asText().equals(text)) {
                return true;
            }
        }
        return false;
    }

    private static JsonNode first(JsonNode node) {
        return node == null || node.isNull() ? null : node.isArray() ? (node.isEmpty() ? null : node.get(0)) : node;
    }

    private static List<JsonNode> list(JsonNode node) {
        List<JsonNode> out = new ArrayList<>();
        if (node == null || node.isNull()) {
            return out;
        }
        if (node.isArray()) {
            node.forEach(out::add);
        } else {
            out.add(node);
        }
        return out;
    }
}
