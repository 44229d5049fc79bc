package org.accrue.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.accrue.result.AwardResult;
import org.accrue.result.Counted;
import org.accrue.result.EvaluationResult;
import org.accrue.result.RequirementResult;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * A stacked award as a 1EdTech Open Badges 3.0 {@code AchievementCredential}: the award as the achievement (with
 * its SCQF level and credit system as alignments, by the convention the reader uses), the counted credentials and
 * the rule-set hash as {@code evidence}. Unsigned, for the institution to sign, or signed with its key
 * ({@link org.accrue.trust.Signer}): an {@code eddsa-rdfc-2022} proof, or a VC-JWT.
 */
public final class BadgeWriter {
    private static final ObjectMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private BadgeWriter() {
    }

    /** The credential for one award the learner is eligible for, issued in the name of {@code issuer}. */
    static ObjectNode badge(EvaluationResult result, AwardResult award, String issuer) {
        if (!award.eligible()) {
            throw new IllegalArgumentException(award.award() + ": the learner is not eligible");
        }
        ObjectNode vc = F.objectNode();
        vc.putArray("@context").add("https://www.w3.org/ns/credentials/v2")
                .add("https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json");
        String key = result.learner().id() + "\n" + award.award() + "\n" + result.asOf() + "\n" + result.ruleset();
        vc.put("id", "urn:uuid:" + UUID.nameUUIDFromBytes(key.getBytes(StandardCharsets.UTF_8)));
        vc.putArray("type").add("VerifiableCredential").add("AchievementCredential");
        vc.put("name", award.title());
        ObjectNode profile = vc.putObject("issuer");
        profile.put("id", "urn:accrue:issuer:" + slug(issuer));
        profile.putArray("type").add("Profile");
        profile.put("name", issuer);
        vc.put("validFrom", result.asOf() + "T00:00:00Z");
        ObjectNode subject = vc.putObject("credentialSubject");
        String learner = result.learner().id();
        subject.put("id", uri(learner, "urn:accrue:learner:"));
        subject.putArray("type").add("AchievementSubject");
        subject.put("creditsEarned", award.countedPoints());
        ObjectNode achievement = subject.putObject("achievement");
        achievement.put("id", "urn:accrue:award:" + award.award());
        achievement.putArray("type").add("Achievement");
        achievement.put("achievementType", "Certificate");
        achievement.put("name", award.title());
        achievement.put("description", award.title() + " (" + award.award() + "), SCQF level " + award.scqfLevel()
                + ", stacked from the credentials in the evidence.");
        achievement.putObject("criteria").put("narrative", award.requirements().stream()
                .map(RequirementResult::description).collect(Collectors.joining("; ")));
        award.requirements().stream().filter(r -> r.id().equals("total")).findFirst()
                .ifPresent(t -> achievement.put("creditsAvailable", t.need()));
        ArrayNode alignment = achievement.putArray("alignment");
        alignment.add(alignment("SCQF level " + award.scqfLevel(), null, "SCQF", Integer.toString(award.scqfLevel())));
        alignment.add(alignment("SCQF credit points", "ext:CreditSystem", null, "SCQF"));
        ArrayNode evidence = vc.putArray("evidence");
        for (Counted c : award.counted()) {
            ObjectNode e = evidence.addObject();
            e.put("id", uri(c.credential(), "urn:accrue:credential:"));
            e.putArray("type").add("Evidence");
            e.put("name", c.credential());
            e.put("description", "counted toward " + (Counted.GENERAL.equals(c.requirement()) ? "the total as general credit"
                    : "requirement " + c.requirement()) + ": " + c.points().toPlainString() + " SCQF points");
        }
        ObjectNode rules = evidence.addObject();
        rules.put("id", "urn:accrue:ruleset:" + result.ruleset().replace("sha256:", "sha256-"));
        rules.putArray("type").add("Evidence");
        rules.put("name", "Rule set " + result.ruleset());
        rules.put("description", "decided by Accrue with rule set " + result.ruleset() + " as of " + result.asOf()
                + (award.exceptions().isEmpty() ? "" : "; staff exceptions: " + award.exceptions().stream()
                .map(x -> x.type().name().toLowerCase(Locale.ROOT) + " by " + x.authorisedBy() + " on " + x.date()).collect(Collectors.joining(", "))));
        return vc;
    }

    /** The badge as indented JSON. */
    static String text(ObjectNode badge) {
        try {
            return JSON.writeValueAsString(badge) + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Writes a badge to {@code dir} for each award the learner is eligible for, making the folder if need be.
     * Each is written to a new file of its own in {@code dir} and renamed into place, so a symbolic link planted
     * under a badge's name is replaced, never written through.
     */
    public static void writeEligible(Path dir, EvaluationResult result, String issuer) throws IOException {
        writeEligible(dir, result, issuer, null, false);
    }

    /**
     * As {@link #writeEligible(Path, EvaluationResult, String)}, signed with {@code signer} (when not null): the
     * badge's issuer is the key's {@code did:key}, and the badge carries an {@code eddsa-rdfc-2022} proof made now,
     * or is written as a VC-JWT ({@code .jwt}) when {@code jwt}.
     */
    public static void writeEligible(Path dir, EvaluationResult result, String issuer, org.accrue.trust.Signer signer,
                                     boolean jwt) throws IOException {
        Files.createDirectories(dir);
        String created = java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
        for (AwardResult award : result.awards()) {
            if (award.eligible()) {
                ObjectNode badge = badge(result, award, issuer);
                String name = fileName(result, award);
                String text;
                if (signer == null) {
                    text = text(badge);
                } else {
                    ((ObjectNode) badge.get("issuer")).put("id", signer.issuer());
                    if (jwt) {
                        text = signer.signJwt(badge.toString()) + "\n";
                        name = name.substring(0, name.length() - ".json".length()) + ".jwt";
                    } else {
                        text = text((ObjectNode) JSON.readTree(signer.sign(badge.toString(), created)));
                    }
                }
                org.accrue.io.AtomicFiles.write(dir.resolve(name), text.getBytes(StandardCharsets.UTF_8));
            }
        }
    }

    /**
     * A file name for a learner's badge for an award: {@code <learner>--<award>.json}, where the learner id is
     * encoded so that no two ids share a name, even on a file system that ignores case, and no id leaves the
     * folder: lower-case letters, digits, '.' and '-' stand for themselves, an upper-case letter is '_' and the
     * letter in lower case, anything else is '%' and its UTF-8 bytes in hex ({@code L-0003} is {@code _l-0003},
     * {@code AB/1} is {@code _a_b%2F1}). A very long id is cut and ends in a hash of the whole.
     */
    public static String fileName(EvaluationResult result, AwardResult award) {
        return fileSafe(result.learner().id()) + "--" + award.award() + ".json";
    }

    static String fileSafe(String id) {
        StringBuilder b = new StringBuilder();
        for (byte x : id.getBytes(StandardCharsets.UTF_8)) {
            int c = x & 0xff;
            if (c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '.' || c == '-') {
                b.append((char) c);
            } else if (c >= 'A' && c <= 'Z') {
                b.append('_').append((char) (c - 'A' + 'a'));
            } else {
                b.append('%').append(String.format("%02X", c));
            }
        }
        if (b.length() > 120) {
            return b.substring(0, 100) + "~" + org.accrue.io.Sha256.hex(id).substring(0, 16);
        }
        return b.toString();
    }

    /**
     * An id as a URI: itself when it already is one ({@code did:example:1}), else {@code prefix} and the id
     * percent-encoded, which keeps it whole and distinct ({@code AB/1} and {@code ab-1} stay two learners).
     */
    static String uri(String id, String prefix) {
        if (id.matches("[A-Za-z][A-Za-z0-9+.-]*:[^\\s]+")) {
            return id;
        }
        StringBuilder b = new StringBuilder(prefix);
        for (byte x : id.getBytes(StandardCharsets.UTF_8)) {
            int c = x & 0xff;
            if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '.'
                    || c == '_' || c == '~') {
                b.append((char) c);
            } else {
                b.append('%').append(String.format("%02X", c));
            }
        }
        return b.toString();
    }

    private static ObjectNode alignment(String name, String type, String framework, String code) {
        ObjectNode a = F.objectNode();
        a.putArray("type").add("Alignment");
        a.put("targetName", name);
        a.put("targetUrl", "https://scqf.org.uk/");
        if (type != null) {
            a.put("targetType", type);
        }
        if (framework != null) {
            a.put("targetFramework", framework);
        }
        a.put("targetCode", code);
        return a;
    }

    private static String slug(String s) {
        return s.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]+", "-");
    }

}
