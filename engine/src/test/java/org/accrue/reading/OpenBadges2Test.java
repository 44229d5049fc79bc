package org.accrue.reading;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.accrue.learner.CreditSystem;
import org.accrue.learner.LearnerRecord;
import org.accrue.learner.LevelFramework;
import org.accrue.result.Verification;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Base64;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Open Badges 2.0 assertions, read as the Open Badges 3.0 credentials they would be. */
class OpenBadges2Test {
    static final Path SAMPLE = Path.of("../samples/formats/open-badge-ob2.json");
    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theSampleAssertionIsReadWithItsAlignmentsAndItsCreditExtension() throws Exception {
        LearnerRecord r = LearnerFiles.read(SAMPLE);
        assertEquals("did:example:learner-0018", r.learner().id());
        var c = r.credentials().get(0);
        assertEquals("https://badges.example.nl/assertions/8f41c2", c.id());
        assertEquals("Data Visualisation", c.title());
        assertEquals("Hogeschool Voorbeeld", c.awardingBody());
        assertEquals(LocalDate.of(2025, 6, 20), c.issued());
        assertEquals(CreditSystem.ECTS, c.credit().system());
        assertEquals(0, c.credit().value().compareTo(new BigDecimal(5)));
        assertEquals(LevelFramework.EQF, c.level().framework());
        assertEquals(7, c.level().value());
        assertEquals("https://badges.example.nl/issuer", r.provenance().get(c.id()).issuer());
        var result = org.accrue.DefaultRules.get().evaluate(r, LocalDate.of(2026, 11, 28)).credentials().get(0);
        assertEquals(Verification.Status.UNSIGNED, result.verification().status());
        assertEquals(0, result.scqfPoints().compareTo(new BigDecimal(10)));
    }

    @Test
    void aBadgeClassOrIssuerGivenByUrlIsRefusedAtItsPath() throws Exception {
        ObjectNode a = (ObjectNode) JSON.readTree(SAMPLE.toFile());
        a.put("badge", "https://badges.example.nl/badgeclasses/data-visualisation");
        var e = assertThrows(InvalidInputException.class, () -> LearnerFiles.parseAny(a.toString(), "a.json", true));
        assertEquals("$.badge", e.where());
        ObjectNode b = (ObjectNode) JSON.readTree(SAMPLE.toFile());
        b.with("badge").put("issuer", "https://badges.example.nl/issuer");
        e = assertThrows(InvalidInputException.class, () -> LearnerFiles.parseAny(b.toString(), "b.json", true));
        assertEquals("$.badge.issuer", e.where());
    }

    @Test
    void aFieldErrorIsNamedInTheAssertionsOwnTerms() throws Exception {
        ObjectNode a = (ObjectNode) JSON.readTree(SAMPLE.toFile());
        ((ObjectNode) a.with("badge").get("alignment").get(0)).put("targetCode", "nine");
        var e = assertThrows(InvalidInputException.class, () -> LearnerFiles.parseAny(a.toString(), "a.json", true));
        assertEquals("$.badge.alignment[0].targetCode", e.where());
    }

    @Test
    void anArrayOfAssertionsIsOneLearner() throws Exception {
        ObjectNode a = (ObjectNode) JSON.readTree(SAMPLE.toFile());
        ObjectNode b = a.deepCopy();
        b.put("id", "https://badges.example.nl/assertions/8f41c3");
        LearnerRecord r = LearnerFiles.parseAny(JSON.createArrayNode().add(a).add(b).toString(), "two.json", true);
        assertEquals(2, r.credentials().size());
        assertEquals("https://badges.example.nl/assertions/8f41c3", r.credentials().get(1).id());
    }

    @Test
    void aSignedAssertionIsReadAndItsProofSaidUnsupported() throws Exception {
        String payload = Base64.getUrlEncoder().withoutPadding().encodeToString(Files.readAllBytes(SAMPLE));
        String jws = "eyJhbGciOiJSUzI1NiJ9." + payload + ".c2lnbmF0dXJl";
        LearnerRecord r = LearnerFiles.parseAny(jws, "signed.jws", false);
        assertEquals("Data Visualisation", r.credentials().get(0).title());
        var result = org.accrue.DefaultRules.get().evaluate(r, LocalDate.of(2026, 11, 28)).credentials().get(0);
        assertEquals(Verification.Status.UNSUPPORTED_PROOF, result.verification().status(),
                result.verification().message());
    }
}
