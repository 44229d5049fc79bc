package org.accrue.reading;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.accrue.learner.Provenance;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * 1EdTech (IMS) Open Badges 2.0 {@code Assertion}s, with their {@code BadgeClass} and issuer {@code Profile}
 * embedded, as hosted-verification badges are exported; one, or a JSON array of them for one learner. Each is read
 * as the Open Badges 3.0 credential it would be (docs/formats.md): the BadgeClass as the achievement, its
 * {@code alignment}s by the same convention, {@code issuedOn} and {@code expires} as the validity period, the
 * recipient's identity as the learner. Credit comes from an extension on the BadgeClass or the Assertion (any
 * {@code extensions:...} object) stating {@code creditsAvailable} (or {@code credits}) and, optionally,
 * {@code creditSystem}. Hosted verification needs the issuer's server, so these badges are never verified offline.
 */
final class OpenBadges2 {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private OpenBadges2() {
    }

    static boolean isAssertion(JsonNode tree) {
        JsonNode first = tree.isArray() && !tree.isEmpty() ? tree.get(0) : tree;
        return first != null && first.isObject() && OpenBadges.hasType(first, "Assertion")
                && (first.has("badge") || first.has("recipient"));
    }

    static final LearnerFormat FORMAT = new JsonFormat(OpenBadges2::isAssertion, OpenBadges2::map);

    static LearnerFormat.Mapped map(JsonNode tree, String source) throws InvalidInputException {
        List<OpenBadges.Badge> badges = new ArrayList<>();
        List<Provenance> hosted = new ArrayList<>();
        if (tree.isArray()) {
            for (int i = 0; i < tree.size(); i++) {
                badges.add(new OpenBadges.Badge(source, "$[" + i + "]", asCredential(tree.get(i), source, "$[" + i + "]"),
                        null));
            }
        } else {
            badges.add(new OpenBadges.Badge(source, "$", asCredential(tree, source, "$"), null));
        }
        LearnerFormat.Mapped m;
        try {
            m = OpenBadges.mapAll(badges, source, " (an array of Open Badges 2.0 assertions)", "one learner per file");
        } catch (InvalidInputException e) {
            throw inOwnTerms(e);
        }
        for (Provenance p : m.provenance()) {
            hosted.add(new Provenance(p.issuer(), null, "Open Badges 2.0, hosted verification: checking it needs the issuer's server",
                    p.creditWithoutSystem(), p.levelWithoutFramework()));
        }
        return new LearnerFormat.Mapped(m.record(), m.source(), e -> inOwnTerms(m.place().apply(e)), hosted);
    }

    /** An error at the 3.0 credential's path, at the 2.0 assertion's. */
    private static InvalidInputException inOwnTerms(InvalidInputException e) {
        String where = e.where().replace(".credentialSubject.achievement.", ".badge.")
                .replace(".credentialSubject.id", ".recipient.identity")
                .replace(".credentialSubject.awardedDate", ".issuedOn")
                .replace(".credentialSubject.creditsEarned", ".badge.creditsAvailable")
                .replace(".issuer.", ".badge.issuer.");
        return new InvalidInputException(e.file(), where, e.problem());
    }

    /** A signed Open Badges 2.0 assertion (a compact JWS): read as the hosted one, its proof kept for verification. */
    static LearnerFormat.Mapped mapSigned(String jws, JsonNode assertion, String source) throws InvalidInputException {
        LearnerFormat.Mapped m = map(assertion, source);
        List<Provenance> signed = new ArrayList<>();
        for (Provenance p : m.provenance()) {
            signed.add(new Provenance(p.issuer(), jws, "Open Badges 2.0 (signed)", p.creditWithoutSystem(),
                    p.levelWithoutFramework()));
        }
        return new LearnerFormat.Mapped(m.record(), m.source(), m.place(), signed);
    }

    /** An Open Badges 2.0 assertion as the Open Badges 3.0 credential the reader knows. */
    static ObjectNode asCredential(JsonNode assertion, String source, String at) throws InvalidInputException {
        if (!assertion.isObject() || !OpenBadges.hasType(assertion, "Assertion")) {
            throw new InvalidInputException(source, at + ".type", "expected an Open Badges 2.0 Assertion");
        }
        JsonNode badge = assertion.get("badge");
        if (badge == null || !badge.isObject()) {
            throw new InvalidInputException(source, at + ".badge", badge != null && badge.isTextual()
                    ? "is a URL; Accrue reads offline, so the BadgeClass must be embedded in the assertion"
                    : "is missing; an assertion names the badge it awards");
        }
        JsonNode issuer = badge.get("issuer");
        if (issuer == null || !issuer.isObject()) {
            throw new InvalidInputException(source, at + ".badge.issuer", issuer != null && issuer.isTextual()
                    ? "is a URL; Accrue reads offline, so the issuer Profile must be embedded in the BadgeClass"
                    : "is missing; a BadgeClass names its issuer");
        }
        ObjectNode vc = F.objectNode();
        vc.putArray("type").add("VerifiableCredential").add("OpenBadgeCredential");
        copy(assertion, "id", vc, "id");
        ObjectNode profile = vc.putObject("issuer");
        copy(issuer, "id", profile, "id");
        copy(issuer, "name", profile, "name");
        copy(assertion, "issuedOn", vc, "validFrom");
        copy(assertion, "expires", vc, "validUntil");
        ObjectNode subject = vc.putObject("credentialSubject");
        JsonNode recipient = assertion.get("recipient");
        if (recipient != null && recipient.hasNonNull("identity")) {
            subject.put("id", recipient.get("identity").asText());
        }
        copy(assertion, "issuedOn", subject, "awardedDate");
        ObjectNode achievement = subject.putObject("achievement");
        copy(badge, "id", achievement, "id");
        copy(badge, "name", achievement, "name");
        JsonNode criteria = badge.get("criteria");
        if (criteria != null && criteria.hasNonNull("narrative")) {
            achievement.putObject("criteria").put("narrative", criteria.get("narrative").asText());
        }
        if (badge.has("tags") && badge.get("tags").isArray()) {
            achievement.set("tag", badge.get("tags"));
        }
        ArrayNode alignment = achievement.putArray("alignment");
        if (badge.has("alignment") && badge.get("alignment").isArray()) {
            badge.get("alignment").forEach(alignment::add);
        }
        JsonNode credit = extension(badge);
        if (credit == null) {
            credit = extension(assertion);
        }
        if (credit != null) {
            achievement.set("creditsAvailable", credit.has("creditsAvailable") ? credit.get("creditsAvailable")
                    : credit.get("credits"));
            if (credit.hasNonNull("creditSystem")) {
                alignment.addObject().put("targetType", "ext:CreditSystem")
                        .put("targetCode", credit.get("creditSystem").asText());
            }
        }
        return vc;
    }

    /** The first {@code extensions:...} object that states credits. */
    private static JsonNode extension(JsonNode node) {
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            var e = it.next();
            JsonNode v = e.getValue();
            if (e.getKey().startsWith("extensions:") && v.isObject()
                    && (v.hasNonNull("creditsAvailable") || v.hasNonNull("credits"))) {
                return v;
            }
        }
        return null;
    }

    private static void copy(JsonNode from, String field, ObjectNode to, String as) {
        JsonNode v = from.get(field);
        if (v != null && v.isTextual()) {
            to.put(as, v.asText());
        }
    }
}
