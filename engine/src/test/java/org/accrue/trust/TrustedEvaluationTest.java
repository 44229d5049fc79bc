package org.accrue.trust;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.accrue.DefaultRules;
import org.accrue.RuleSet;
import org.accrue.learner.LearnerRecord;
import org.accrue.reading.LearnerFiles;
import org.accrue.result.CredentialResult;
import org.accrue.result.EvaluationResult;
import org.accrue.result.NotCounted;
import org.accrue.result.Verification.Status;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The sample Open Badge, signed here, evaluated under each policy: what a registry sees when a badge is genuine,
 * altered, from an issuer it does not list, or given as a VC-JWT.
 */
class TrustedEvaluationTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path SAMPLE = Path.of("../samples/formats/open-badge-ob3.json");
    private static final LocalDate AS_OF = LocalDate.of(2026, 11, 30);

    private static ObjectNode badgeBy(Signer signer) throws Exception {
        ObjectNode vc = (ObjectNode) JSON.readTree(SAMPLE.toFile());
        vc.with("issuer").put("id", signer.issuer());
        return vc;
    }

    private static Signer signer(Path dir) throws Exception {
        Path key = dir.resolve("key.jwk");
        Files.writeString(key, Signer.generate().privateJwk());
        return Signer.read(key);
    }

    private static Trust trusting(Path dir, String issuer, String extra, boolean require) throws Exception {
        Files.writeString(dir.resolve("trust.yaml"), "issuers:\n  - id: " + issuer + "\n    name: University of St Andrews\n"
                + extra);
        return Trust.of(TrustList.read(dir.resolve("trust.yaml")), require);
    }

    private static EvaluationResult evaluate(String text, Trust trust) throws Exception {
        LearnerRecord r = LearnerFiles.parseAny(text, "badge.json", true);
        return DefaultRules.get().withTrust(trust).evaluate(r, AS_OF);
    }

    @Test
    void aGenuineBadgeFromAListedIssuerIsVerifiedAndCounts(@TempDir Path dir) throws Exception {
        Signer s = signer(dir);
        ObjectNode vc = badgeBy(s);
        s.sign(vc, "2026-01-10T09:00:00Z");
        EvaluationResult r = evaluate(vc.toString(), trusting(dir, s.issuer(), "", true));
        CredentialResult c = r.credentials().get(0);
        assertEquals(Status.VERIFIED, c.verification().status(), c.verification().message());
        assertTrue(c.creditBearing());
        assertEquals(0, c.scqfPoints().compareTo(new java.math.BigDecimal(15)));
    }

    @Test
    void anAlteredBadgeIsAnInvalidProofAndUnderRequireVerifiedDoesNotCount(@TempDir Path dir) throws Exception {
        Signer s = signer(dir);
        ObjectNode vc = badgeBy(s);
        s.sign(vc, "2026-01-10T09:00:00Z");
        ((ObjectNode) vc.get("credentialSubject")).put("creditsEarned", 60);

        // by default it still counts, flagged
        CredentialResult flagged = evaluate(vc.toString(), trusting(dir, s.issuer(), "", false)).credentials().get(0);
        assertEquals(Status.INVALID_PROOF, flagged.verification().status());
        assertTrue(flagged.creditBearing());
        assertEquals(0, flagged.scqfPoints().compareTo(new java.math.BigDecimal(60)));

        // required: no credit, and every award says why it did not count
        EvaluationResult r = evaluate(vc.toString(), trusting(dir, s.issuer(), "", true));
        CredentialResult c = r.credentials().get(0);
        assertEquals(Status.INVALID_PROOF, c.verification().status());
        assertFalse(c.creditBearing());
        assertTrue(c.excluded().stream().anyMatch(e -> e.startsWith("not verified, and only verified credentials "
                + "count here (invalid-proof: ")), c.excluded().toString());
        assertTrue(r.awards().stream().flatMap(a -> a.notCounted().stream())
                .anyMatch(n -> n.code() == NotCounted.Reason.NO_CREDIT && n.credential().equals(c.id())));
        assertTrue(r.awards().stream().noneMatch(a -> a.counted().stream()
                .anyMatch(x -> x.credential().equals(c.id()))));
    }

    @Test
    void aBadgeFromAnIssuerNotOnTheListIsUntrustedAndUnderRequireVerifiedDoesNotCount(@TempDir Path dir)
            throws Exception {
        Signer s = signer(dir);
        ObjectNode vc = badgeBy(s);
        s.sign(vc, "2026-01-10T09:00:00Z");
        Trust other = trusting(dir, "did:key:z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2", "", true);
        CredentialResult c = evaluate(vc.toString(), other).credentials().get(0);
        assertEquals(Status.UNTRUSTED_ISSUER, c.verification().status());
        assertFalse(c.creditBearing());
        CredentialResult byDefault = evaluate(vc.toString(), Trust.DEFAULT).credentials().get(0);
        assertEquals(Status.UNTRUSTED_ISSUER, byDefault.verification().status());
        assertTrue(byDefault.creditBearing());
    }

    @Test
    void aVcJwtFileAndAFolderOfThemAreReadAndVerified(@TempDir Path dir) throws Exception {
        Signer s = signer(dir);
        ObjectNode vc = badgeBy(s);
        String jwt = s.signJwt(vc);
        Path learner = Files.createDirectories(dir.resolve("learner"));
        Files.writeString(learner.resolve("statistical-learning.jwt"), jwt + "\n");
        ObjectNode second = badgeBy(s);
        second.put("id", "https://badges.example.ac.uk/credentials/3733");
        second.with("credentialSubject").with("achievement").put("humanCode", "MT5759")
                .put("id", "https://badges.example.ac.uk/achievements/MT5759");
        s.sign(second, "2026-01-10T09:00:00Z");
        Files.writeString(learner.resolve("second.json"), second.toString());
        Trust trust = trusting(dir, s.issuer(), "", true);

        LearnerRecord one = LearnerFiles.read(learner.resolve("statistical-learning.jwt"));
        CredentialResult c = DefaultRules.get().withTrust(trust).evaluate(one, AS_OF).credentials().get(0);
        assertEquals(Status.VERIFIED, c.verification().status(), c.verification().message());
        assertTrue(c.verification().message().contains("VC-JWT (EdDSA)"), c.verification().message());

        assertTrue(LearnerFiles.isBadgeFolder(learner));
        LearnerRecord both = LearnerFiles.read(learner);
        var results = DefaultRules.get().withTrust(trust).evaluate(both, AS_OF).credentials();
        assertEquals(2, results.size());
        results.forEach(r -> assertEquals(Status.VERIFIED, r.verification().status(), r.id()));
    }

    @Test
    void signedBadgesNestedInAClrAreVerifiedAsFarAsTheClrThatHoldsThemIs(@TempDir Path dir) throws Exception {
        Signer s = signer(dir);
        ObjectNode clr = (ObjectNode) JSON.readTree(Path.of("../samples/formats/clr-programme.json").toFile());
        ArrayNode nested = (ArrayNode) clr.get("credentialSubject").get("verifiableCredential");
        for (int i = 0; i < nested.size(); i++) {
            ObjectNode vc = (ObjectNode) nested.get(i);
            if (vc.get("issuer").isObject()) {
                vc.with("issuer").put("id", s.issuer());
            } else {
                vc.put("issuer", s.issuer());
            }
            if (i != 1) {
                s.sign(vc, "2026-01-10T09:00:00Z");
            }
        }
        ((ObjectNode) nested.get(2).get("credentialSubject")).put("creditsEarned", 30);
        Path context = Files.copy(Path.of("src/test/resources/trust/clr/clr-test-context.jsonld"),
                dir.resolve("clr.jsonld"));
        Files.writeString(dir.resolve("trust.yaml"), "issuers:\n  - id: " + s.issuer() + "\n    name: Example\n"
                + "contexts:\n  https://purl.imsglobal.org/spec/clr/v2p0/context-2.0.1.json: " + context.getFileName()
                + "\n");
        TrustList list = TrustList.read(dir.resolve("trust.yaml"));
        Trust trust = Trust.of(list, false);

        // the CLR itself is unsigned: its associations (what is part of what) are no one's word
        var unsignedClr = statuses(clr, trust);
        assertEquals(Status.UNSIGNED, unsignedClr.get(nested.get(0).get("id").asText()).status());
        assertTrue(unsignedClr.get(nested.get(0).get("id").asText()).message().startsWith("its own proof checks"),
                unsignedClr.get(nested.get(0).get("id").asText()).message());
        assertEquals(Status.UNSIGNED, unsignedClr.get(nested.get(1).get("id").asText()).status());
        assertEquals(Status.INVALID_PROOF, unsignedClr.get(nested.get(2).get("id").asText()).status());

        // signed by a trusted issuer: each nested credential is as verified as its own proof
        clr.with("issuer").put("id", s.issuer());
        s.sign(clr, "2026-03-01T09:00:00Z", list);
        var signedClr = statuses(clr, trust);
        assertEquals(Status.VERIFIED, signedClr.get(nested.get(0).get("id").asText()).status(),
                signedClr.get(nested.get(0).get("id").asText()).message());
        assertEquals(Status.UNSIGNED, signedClr.get(nested.get(1).get("id").asText()).status());
        assertEquals(Status.INVALID_PROOF, signedClr.get(nested.get(2).get("id").asText()).status());

        // an association removed after signing (the programme and its courses would both count): nothing is verified
        ((ArrayNode) clr.with("credentialSubject").get("association")).remove(0);
        var altered = statuses(clr, trust);
        assertEquals(Status.INVALID_PROOF, altered.get(nested.get(0).get("id").asText()).status());
        Trust required = Trust.of(list, true);
        var results = DefaultRules.get().withTrust(required)
                .evaluate(LearnerFiles.parseAny(clr.toString(), "clr.json", true), AS_OF).credentials();
        assertTrue(results.stream().noneMatch(CredentialResult::creditBearing), results.toString());
    }

    private static java.util.Map<String, org.accrue.result.Verification> statuses(ObjectNode clr, Trust trust)
            throws Exception {
        var results = DefaultRules.get().withTrust(trust)
                .evaluate(LearnerFiles.parseAny(clr.toString(), "clr.json", true), AS_OF).credentials();
        java.util.Map<String, org.accrue.result.Verification> byId = new java.util.HashMap<>();
        results.forEach(r -> byId.put(r.id(), r.verification()));
        return byId;
    }

    @Test
    void aBadgeWithoutTheCreditSystemAlignmentTakesItsIssuersSystemFromTheTrustList(@TempDir Path dir)
            throws Exception {
        String badge = Files.readString(SAMPLE).replace("\"targetType\": \"ext:CreditSystem\", \"targetCode\": \"SCQF\"",
                "\"targetCode\": \"SCQF credits\"");
        String issuer = "https://badges.example.ac.uk/issuers/st-andrews";
        CredentialResult unknown = evaluate(badge, trusting(dir, issuer, "    keys: [{multikey: "
                + "z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2}]\n", false)).credentials().get(0);
        assertFalse(unknown.creditBearing());
        assertTrue(unknown.excluded().get(0).startsWith("credit system unknown"), unknown.excluded().toString());
        CredentialResult placed = evaluate(badge, trusting(dir, issuer, "    keys: [{multikey: "
                + "z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2}]\n    creditSystem: ECTS\n", false))
                .credentials().get(0);
        assertTrue(placed.creditBearing(), placed.excluded().toString());
        // 15 ECTS are 30 SCQF points: the trust list's system, not a guess
        assertEquals(0, placed.scqfPoints().compareTo(new java.math.BigDecimal(30)), placed.notes().toString());
    }

    @Test
    void theDefaultRuleSetTrustsNothingAndRequiresNothing() {
        RuleSet rules = DefaultRules.get();
        assertEquals(Trust.DEFAULT, rules.trust());
        assertFalse(rules.trust().requireVerified());
        assertTrue(rules.trust().list().issuers().isEmpty());
    }
}
