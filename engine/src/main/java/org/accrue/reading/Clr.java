package org.accrue.reading;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.HashMap;
import java.util.Map;

/**
 * 1EdTech Comprehensive Learner Record 2.0 {@code ClrCredential}: every nested achievement credential in
 * {@code credentialSubject.verifiableCredential[]} becomes a credential (read as Open Badges 3.0), and
 * {@code credentialSubject.association[]} parent/child links become {@code partOf}, so that a programme and its
 * courses are not counted twice.
 */
final class Clr {
    private Clr() {
    }

    static boolean isClr(JsonNode tree) {
        return OpenBadges.hasType(tree, "ClrCredential");
    }

    /** CLR 2.0: a learner's record of nested Open Badges credentials and their associations. */
    static final LearnerFormat FORMAT = new JsonFormat(Clr::isClr, Clr::map);

    static LearnerFormat.Mapped map(JsonNode tree, String source) throws InvalidInputException {
        JsonNode subject = OpenBadges.required(tree, "credentialSubject", "$", source);
        JsonNode nested = subject.get("verifiableCredential");
        if (nested == null || !nested.isArray() || nested.isEmpty()) {
            throw new InvalidInputException(source, "$.credentialSubject.verifiableCredential",
                    "is missing; a CLR holds its achievements as nested credentials");
        }
        ObjectNode record = JsonNodeFactory.instance.objectNode();
        ObjectNode learner = record.putObject("learner");
        String id = OpenBadges.subjectId(tree, "$", source);
        if (id != null) {
            learner.put("id", id);
        }
        ArrayNode credentials = record.putArray("credentials");
        java.util.List<org.accrue.learner.Provenance> provenance = new java.util.ArrayList<>();
        // the CLR's associations decide what is counted twice: its own proof is part of each nested credential's
        boolean proof = tree.has("proof") && !tree.get("proof").isNull();
        org.accrue.learner.Provenance clr = new org.accrue.learner.Provenance(org.accrue.credential.VerifiableCredentials.issuerId(tree),
                proof ? tree.toString() : null, "CLR 2.0", null, null);
        Map<String, ObjectNode> byAchievement = new HashMap<>();
        for (int i = 0; i < nested.size(); i++) {
            String at = "$.credentialSubject.verifiableCredential[" + i + "]";
            OpenBadges.Badge badge = OpenBadges.Badge.of(source, at, nested.get(i));
            JsonNode vc = badge.tree();
            if (!OpenBadges.isOpenBadge(vc)) {
                throw new InvalidInputException(source, at + ".type",
                        "expected an OpenBadgeCredential or AchievementCredential");
            }
            OpenBadges.Read read = OpenBadges.credential(vc, at, source, badge.jws());
            ObjectNode c = read.credential();
            credentials.add(c);
            provenance.add(read.provenance().inside(clr));
            String achievement = OpenBadges.achievementId(vc);
            if (achievement != null) {
                byAchievement.put(achievement, c);
            }
        }
        JsonNode associations = subject.get("association");
        if (associations != null) {
            for (int i = 0; i < associations.size(); i++) {
                JsonNode a = associations.get(i);
                String at = "$.credentialSubject.association[" + i + "]";
                String type = a.path("associationType").asText();
                ObjectNode source1 = byAchievement.get(a.path("sourceId").asText());
                ObjectNode target = byAchievement.get(a.path("targetId").asText());
                ObjectNode parent;
                ObjectNode child;
                switch (type) {
                    case "isParentOf" -> {
                        parent = source1;
                        child = target;
                    }
                    case "isChildOf", "isPartOf" -> {
                        parent = target;
                        child = source1;
                    }
                    default -> {
                        continue; // other associations (exact match, related, ...) say nothing of parts
                    }
                }
                if (parent == null || child == null) {
                    throw new InvalidInputException(source, at, type + " links an achievement that no nested "
                            + "credential holds (sourceId " + a.path("sourceId").asText() + ", targetId "
                            + a.path("targetId").asText() + ")");
                }
                child.put("partOf", parent.get("id").asText());
            }
        }
        return OpenBadges.mapped(record, source, "$.credentialSubject.verifiableCredential[%d]", provenance);
    }
}
