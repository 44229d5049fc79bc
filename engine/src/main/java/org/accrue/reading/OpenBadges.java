package org.accrue.reading;

import static org.accrue.reading.JsonFields.putIf;
import static org.accrue.reading.JsonFields.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.accrue.credential.VerifiableCredentials;

import org.accrue.learner.Provenance;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * 1EdTech Open Badges 3.0 {@code OpenBadgeCredential} / {@code AchievementCredential}: one credential, or a
 * JSON array of them for one learner. Open Badges has no level or credit-system field, so Accrue reads (and
 * documents, in docs/formats.md) a convention of {@code achievement.alignment[]} entries: a level is an
 * alignment whose {@code targetFramework} is SCQF, EQF or FHEQ, with the level in {@code targetCode}; the
 * credit system, assessment, participation, quality assurance and route are alignments whose
 * {@code targetType} is {@code ext:CreditSystem}, {@code ext:Assessment}, {@code ext:Participation},
 * {@code ext:QualityAssurance} or {@code ext:Route}, with the value in {@code targetCode}. A badge that states credit
 * without that convention's credit system (or a level without a framework) is read all the same: the evaluation
 * takes the system from the trust list's entry for its issuer, or reports the credit as not counted. A badge may
 * also be a VC-JWT (compact JWS): its credential is the {@code vc} claim, or the payload itself.
 */
final class OpenBadges {
    /** A learner-record field path of one credential: its index, then the field. */
    private static final Pattern CREDENTIAL = Pattern.compile("^credentials\\[(\\d+)]\\.?(.*)$");

    private OpenBadges() {
    }

    static boolean isOpenBadge(JsonNode tree) {
        if (isJwtBadgeArray(tree)) {
            return true;
        }
        JsonNode first = tree.isArray() && !tree.isEmpty() ? tree.get(0) : tree;
        return hasType(first, "OpenBadgeCredential") || hasType(first, "AchievementCredential");
    }

    static boolean hasType(JsonNode node, String type) {
        JsonNode t = node == null ? null : node.get("type");
        if (t == null) {
            return false;
        }
        if (t.isTextual()) {
            return t.asText().equals(type);
        }
        for (JsonNode x : t) {
            if (x.asText().equals(type)) {
                return true;
            }
        }
        return false;
    }

    /** Open Badges 3.0: a credential, or a JSON array of them, of one learner. */
    static final LearnerFormat FORMAT = new JsonFormat(OpenBadges::isOpenBadge, OpenBadges::map);

    static LearnerFormat.Mapped map(JsonNode tree, String source) throws InvalidInputException {
        List<Badge> badges = new ArrayList<>();
        if (tree.isArray()) {
            for (int i = 0; i < tree.size(); i++) {
                badges.add(Badge.of(source, "$[" + i + "]", tree.get(i)));
            }
        } else {
            badges.add(new Badge(source, "$", tree, null));
        }
        return mapAll(badges, source, "", "one learner per file");
    }

    /**
     * One badge: the file it is in, where in that file ({@code $} or {@code $[i]}), its content, and the compact
     * JWS it came in when it is a VC-JWT (else null).
     */
    record Badge(String source, String at, JsonNode tree, String jws) {
        /** A badge given as JSON, or as a JSON string holding a VC-JWT. */
        static Badge of(String source, String at, JsonNode node) throws InvalidInputException {
            if (node.isTextual() && Jws.isCompact(node.asText())) {
                return new Badge(source, at, Jws.credential(node.asText(), source, at), node.asText());
            }
            return new Badge(source, at, node, null);
        }
    }

    /** Whether a JSON tree (the first element of an array) is a VC-JWT string holding a badge. */
    static boolean isJwtBadgeArray(JsonNode tree) {
        return tree.isArray() && !tree.isEmpty() && tree.get(0).isTextual() && Jws.isCompact(tree.get(0).asText());
    }

    /**
     * Badges of one learner, from one file or several; every error names the badge's own file and place.
     *
     * @param typeHint    added to the message for a badge of another type
     * @param sameLearner said when a badge has another subject
     */
    static LearnerFormat.Mapped mapAll(List<Badge> badges, String recordSource, String typeHint, String sameLearner)
            throws InvalidInputException {
        ObjectNode record = JsonNodeFactory.instance.objectNode();
        ObjectNode learner = record.putObject("learner");
        ArrayNode credentials = record.putArray("credentials");
        List<Provenance> provenance = new ArrayList<>();
        String subject = null;
        for (Badge b : badges) {
            if (!isOpenBadge(b.tree()) || b.tree().isArray()) {
                throw new InvalidInputException(b.source(), b.at() + ".type",
                        "expected an OpenBadgeCredential or AchievementCredential" + typeHint);
            }
            String id = subjectId(b.tree(), b.at(), b.source());
            if (subject == null) {
                subject = id;
            } else if (id != null && !id.equals(subject)) {
                throw new InvalidInputException(b.source(), b.at() + ".credentialSubject.id",
                        "'" + id + "' is another learner than '" + subject + "'; " + sameLearner);
            }
            Read read = credential(b.tree(), b.at(), b.source(), b.jws());
            credentials.add(read.credential());
            provenance.add(read.provenance());
        }
        if (subject != null) {
            learner.put("id", subject);
        }
        // a problem in credential i is in badge i: its own file and place
        return new LearnerFormat.Mapped(record, recordSource, e -> {
            Matcher m = CREDENTIAL.matcher(e.where());
            Badge b = m.find() ? badges.get(Integer.parseInt(m.group(1))) : null;
            return new InvalidInputException(b == null ? recordSource : b.source(),
                    jsonPath(e.where(), i -> badges.get(i).at()), e.problem());
        }, provenance);
    }

    /** A record whose credential i is at {@code credentialPath} (formatted with i) in one JSON file. */
    static LearnerFormat.Mapped mapped(ObjectNode record, String source, String credentialPath,
                                       List<Provenance> provenance) {
        return new LearnerFormat.Mapped(record, source, e -> new InvalidInputException(source,
                jsonPath(e.where(), i -> String.format(credentialPath, i)), e.problem()), provenance);
    }

    /** A badge as a learner-record credential, and where it came from. */
    record Read(ObjectNode credential, Provenance provenance) {
    }

    static String subjectId(JsonNode vc, String at, String source) throws InvalidInputException {
        JsonNode subject = required(vc, "credentialSubject", at, source);
        String id = text(subject, "id");
        if (id == null && subject.has("identifier") && subject.get("identifier").isArray()
                && !subject.get("identifier").isEmpty()) {
            id = text(subject.get("identifier").get(0), "identity");
        }
        return id;
    }

    /** The achievement id of a credential, which CLR associations refer to. */
    static String achievementId(JsonNode vc) {
        JsonNode subject = vc.get("credentialSubject");
        return subject == null ? null : text(subject.get("achievement"), "id");
    }

    /**
     * One Open Badges credential as a learner-record credential.
     *
     * @param jws the compact JWS the credential came in, or null when it is JSON (with or without a proof)
     */
    static Read credential(JsonNode vc, String at, String source, String jws) throws InvalidInputException {
        JsonNodeFactory f = JsonNodeFactory.instance;
        JsonNode subject = required(vc, "credentialSubject", at, source);
        JsonNode achievement = required(subject, "achievement", at + ".credentialSubject", source);
        ObjectNode c = f.objectNode();
        String id = text(vc, "id") != null ? text(vc, "id") : text(achievement, "id");
        if (id == null) {
            throw new InvalidInputException(source, at + ".id", "is missing; a credential needs an id");
        }
        c.put("id", id);
        boolean proof = jws != null || vc.has("proof") && !vc.get("proof").isNull();
        c.put("proof", proof);
        putIf(c, "title", text(achievement, "name"));
        putIf(c, "code", text(achievement, "humanCode"));
        JsonNode issuer = vc.get("issuer");
        if (issuer != null && issuer.isObject()) {
            putIf(c, "awardingBody", text(issuer, "name"));
            if (issuer.has("address")) {
                putIf(c, "country", text(issuer.get("address"), "addressCountryCode"));
            }
            // the issuer's institution identifiers (a ROR id, an Erasmus code): Profile.otherIdentifier[].identifier
            ArrayNode ids = JsonNodeFactory.instance.arrayNode();
            for (JsonNode other : issuer.path("otherIdentifier")) {
                String identifier = text(other, "identifier");
                if (identifier != null && !identifier.isBlank()) {
                    ids.add(identifier);
                }
            }
            JsonFields.putOneOrMore(c, "awardingBodyId", ids);
        }
        String date = firstText(subject, vc, "awardedDate", "validFrom", "issuanceDate");
        if (date != null && date.length() >= 10) {
            c.put("issued", date.substring(0, 10));
        }
        // the end of validity: VCDM 2.0 validUntil, VCDM 1.1 expirationDate (the date part)
        String until = text(vc, "validUntil") != null ? text(vc, "validUntil") : text(vc, "expirationDate");
        if (until != null && until.length() >= 10) {
            c.put("validUntil", until.substring(0, 10));
        }
        JsonNode credits = subject.has("creditsEarned") ? subject.get("creditsEarned") : achievement.get("creditsAvailable");
        String system = null;
        Integer levelWithoutFramework = null;
        ObjectNode eqf = null;
        ObjectNode national = null;
        JsonNode alignments = achievement.get("alignment");
        if (alignments != null) {
            for (int a = 0; a < alignments.size(); a++) {
                JsonNode al = alignments.get(a);
                String framework = text(al, "targetFramework");
                String type = text(al, "targetType");
                String code = text(al, "targetCode");
                if (framework != null && code != null && isLevelFramework(framework)
                        && (type == null || !type.startsWith("ext:") || type.equals("ext:Level"))) {
                    String where = at + ".credentialSubject.achievement.alignment[" + a + "].targetCode";
                    int level = JsonFields.level(code, framework, source, where);
                    ObjectNode stated = JsonNodeFactory.instance.objectNode()
                            .put("framework", framework.toUpperCase(Locale.ROOT)).put("value", level);
                    // an EQF level and a national one may both be stated: the national one is referenced
                    boolean isEqf = "EQF".equalsIgnoreCase(framework);
                    if (isEqf ? eqf != null : national != null) {
                        throw new InvalidInputException(source, where, "is a second " + (isEqf ? "EQF" : "national")
                                + " level; a badge states at most one EQF level and one national level");
                    }
                    if (isEqf) {
                        eqf = stated;
                    } else {
                        national = stated;
                    }
                } else if ("ext:Level".equals(type) && code != null && framework == null) {
                    levelWithoutFramework = JsonFields.level(code, "a", source,
                            at + ".credentialSubject.achievement.alignment[" + a + "].targetCode");
                } else if (type != null && code != null) {
                    switch (type) {
                        case "ext:CreditSystem" -> system = code;
                        case "ext:Assessment" -> c.put("assessment", code);
                        case "ext:Participation" -> c.put("participation", code);
                        case "ext:QualityAssurance" -> c.put("qualityAssurance", code);
                        case "ext:Route" -> c.put("route", code);
                        default -> {
                        }
                    }
                }
            }
        }
        if (eqf != null) {
            c.set("level", eqf);
            if (national != null) {
                c.set("nationalLevel", national);
            }
        } else if (national != null) {
            c.set("level", national);
        }
        java.math.BigDecimal creditWithoutSystem = null;
        if (credits != null && !credits.isNull()) {
            if (system == null) {
                // a real-world badge: its credit system comes from the trust list, or its credit does not count
                if (!credits.isNumber() || credits.decimalValue().signum() < 0) {
                    throw new InvalidInputException(source, at + ".credentialSubject."
                            + (subject.has("creditsEarned") ? "creditsEarned" : "achievement.creditsAvailable"),
                            "'" + credits.asText() + "' is not a number of credits");
                }
                creditWithoutSystem = credits.decimalValue();
            } else {
                ObjectNode credit = c.putObject("credit");
                credit.set("value", credits);
                credit.put("system", system);
            }
        }
        ArrayNode subjects = f.arrayNode();
        putIf(subjects, text(achievement, "fieldOfStudy"));
        if (achievement.has("tag")) {
            achievement.get("tag").forEach(t -> subjects.add(t.asText()));
        }
        if (!subjects.isEmpty()) {
            c.set("subjects", subjects);
        }
        if (achievement.has("criteria")) {
            String narrative = text(achievement.get("criteria"), "narrative");
            if (narrative != null) {
                c.putArray("outcomes").add(narrative);
            }
        }
        String signed = jws != null ? jws : proof ? vc.toString() : null;
        return new Read(c, new Provenance(VerifiableCredentials.issuerId(vc), signed, jws != null ? "Open Badges 3.0 (VC-JWT)"
                : "Open Badges 3.0", creditWithoutSystem, levelWithoutFramework));
    }

    /** A level framework Accrue reads ({@code SCQF}, {@code EQF}, {@code FHEQ}, {@code NFQ}, ...), in any case. */
    private static boolean isLevelFramework(String name) {
        for (org.accrue.learner.LevelFramework f : org.accrue.learner.LevelFramework.values()) {
            if (f.name().equalsIgnoreCase(name)) {
                return true;
            }
        }
        return false;
    }

    /** The learner record's own field names, turned back into the badge's JSON path. */
    private static String jsonPath(String where, IntFunction<String> credentialAt) {
        Matcher m = CREDENTIAL.matcher(where);
        if (!m.matches()) {
            return where.startsWith("learner") ? "$.credentialSubject.id" : where;
        }
        String at = credentialAt.apply(Integer.parseInt(m.group(1)));
        String field = switch (m.group(2)) {
            case "title" -> ".credentialSubject.achievement.name";
            case "code" -> ".credentialSubject.achievement.humanCode";
            case "issued" -> ".credentialSubject.awardedDate";
            case "credit.value" -> ".credentialSubject.creditsEarned";
            case "country" -> ".issuer.address.addressCountryCode";
            case "awardingBody" -> ".issuer.name";
            case "validUntil" -> ".validUntil";
            default -> ".credentialSubject.achievement.alignment (" + m.group(2) + ")";
        };
        return at + field;
    }

    static JsonNode required(JsonNode node, String field, String at, String source) throws InvalidInputException {
        JsonNode v = node.get(field);
        if (v == null || !v.isObject()) {
            throw new InvalidInputException(source, at + "." + field, "is missing");
        }
        return v;
    }

    private static String firstText(JsonNode a, JsonNode b, String... fields) {
        for (String f : fields) {
            String v = text(a, f) != null ? text(a, f) : text(b, f);
            if (v != null) {
                return v;
            }
        }
        return null;
    }
}
