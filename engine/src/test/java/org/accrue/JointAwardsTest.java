package org.accrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.accrue.learner.Credential;
import org.accrue.learner.LearnerRecord;
import org.accrue.reading.InvalidInputException;
import org.accrue.reading.LearnerFiles;
import org.accrue.result.CredentialResult;
import org.accrue.result.EvaluationResult;
import org.accrue.RuleSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A joint micro-credential: the Council Recommendation's Annex I asks for the "awarding body(ies)" and the
 * "country(ies)/region(s) of the issuer", so a record, the Europass reader and the EU check take several.
 */
class JointAwardsTest {
    static final Path FORMATS = Path.of(System.getProperty("accrue.repo", "..")).resolve("samples/formats");
    static final LocalDate AS_OF = LocalDate.of(2026, 11, 28);

    static final String JOINT = """
            learner: {id: L-J, name: Joint Learner}
            credentials:
              - id: J1
                title: Energy Systems Modelling
                awardingBody: [Universiteit Utrecht, Universität Bremen, University of Aberdeen]
                country: [NL, de, GB-SCT]
                issued: 2026-03-01
                credit: {value: 5, system: ECTS}
                level: {framework: EQF, value: 7}
                hours: 125
                assessment: summative
                participation: online
                qualityAssurance: external
                identityVerified: true
                outcomes: [Model a regional energy system]
            """;

    static LearnerRecord parse(String text) throws InvalidInputException {
        return LearnerFiles.parse(text, "joint.yaml", false);
    }

    @Test
    void aRecordStatesEveryAwardingBodyAndCountryTheFirstLeading() throws Exception {
        Credential c = parse(JOINT).credentials().get(0);
        assertEquals(List.of("Universiteit Utrecht", "Universität Bremen", "University of Aberdeen"), c.awardingBodies());
        assertEquals("Universiteit Utrecht", c.awardingBody());
        assertEquals(List.of("NL", "DE", "GB-SCT"), c.countries());
        assertEquals("NL", c.country());
        assertTrue(c.awardedBy("University of Aberdeen"));
        assertFalse(c.awardedBy("University of Glasgow"));
    }

    @Test
    void oneBodyStaysOneBody() throws Exception {
        Credential c = parse(JOINT.replace("[Universiteit Utrecht, Universität Bremen, University of Aberdeen]",
                "Universiteit Utrecht").replace("[NL, de, GB-SCT]", "NL")).credentials().get(0);
        assertEquals(List.of("Universiteit Utrecht"), c.awardingBodies());
        assertEquals(List.of("NL"), c.countries());
    }

    @ParameterizedTest(name = "{0} -> {2}")
    @CsvSource(delimiter = '|', value = {
            "[NL, de, GB-SCT]|[NL, XX1, GB]|credentials[0].country[1]: 'XX1' is not an ISO 3166 country code",
            "[NL, de, GB-SCT]|[NL, nl]|credentials[0].country[1]: 'NL' is listed twice",
            "[NL, de, GB-SCT]|[]|credentials[0].country: is an empty list; leave it out, or name one or more",
            "[Universiteit Utrecht, Universität Bremen, University of Aberdeen]|[A, B, A]"
                    + "|credentials[0].awardingBody[2]: 'A' is listed twice",
            "[Universiteit Utrecht, Universität Bremen, University of Aberdeen]|[A, '']"
                    + "|credentials[0].awardingBody[1]: must be a non-empty text"})
    void aBadListIsNamedAtItsEntry(String from, String to, String expected) {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> parse(JOINT.replace(from, to)));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    @Test
    void aJointMicroCredentialMeetsTheEuElementsAndSaysWhoAwardedIt() throws Exception {
        EvaluationResult r = DefaultRules.get().evaluate(parse(JOINT), AS_OF);
        CredentialResult c = r.credentials().get(0);
        assertTrue(c.classifications().contains("eu-microcredential"), c.unmet().toString());
        assertTrue(c.notes().contains("awarded jointly: Universiteit Utrecht, Universität Bremen, University of "
                + "Aberdeen (NL, DE, GB-SCT)"), c.notes().toString());
        CredentialResult single = DefaultRules.get().evaluate(parse(JOINT.replace("[Universiteit Utrecht, "
                + "Universität Bremen, University of Aberdeen]", "Universiteit Utrecht").replace("[NL, de, GB-SCT]",
                "NL")), AS_OF).credentials().get(0);
        assertFalse(single.notes().stream().anyMatch(n -> n.startsWith("awarded jointly")), single.notes().toString());
    }

    @Test
    void anEquivalenceRowMatchesAnyOfTheAwardingBodies() throws Exception {
        // the shipped table maps University of Aberdeen's CS5079 to DS-ML11; here Aberdeen is the third of three
        String text = """
                learner: {id: L-J2, name: Joint Learner}
                credentials:
                  - id: ML
                    title: Machine Learning
                    code: CS5079
                    awardingBody: [Universiteit Utrecht, University of Aberdeen]
                    country: [NL, GB-SCT]
                    issued: 2024-01-15
                    credit: {value: 15, system: SCQF}
                    level: {framework: SCQF, value: 11}
                    route: transfer
                """;
        CredentialResult ml = DefaultRules.get().evaluate(parse(text), AS_OF).credentials().get(0);
        assertTrue(ml.equivalence() != null && ml.equivalence().module().equals("DS-ML11"), String.valueOf(ml.equivalence()));
        CredentialResult other = DefaultRules.get().evaluate(parse(text.replace("University of Aberdeen",
                "University of Dundee")), AS_OF).credentials().get(0);
        assertEquals(null, other.equivalence());
    }

    @Test
    void aEuropassCredentialWithTwoAwardingBodiesIsReadAsJoint() throws Exception {
        ObjectMapper json = new ObjectMapper();
        ObjectNode elm = (ObjectNode) json.readTree(FORMATS.resolve("europass-elm-microcredential.json").toFile());
        ObjectNode claim = (ObjectNode) (elm.path("credentialSubject").path("hasClaim").isArray()
                ? elm.path("credentialSubject").path("hasClaim").get(0) : elm.path("credentialSubject").path("hasClaim"));
        ObjectNode awardedBy = (ObjectNode) claim.get("awardedBy");
        ObjectNode lisbon = (ObjectNode) awardedBy.get("awardingBody");
        ObjectNode leuven = lisbon.deepCopy();
        leuven.put("id", "urn:epass:org:2");
        leuven.putObject("legalName").put("en", "KU Leuven");
        ((ObjectNode) leuven.path("location").path("address").path("countryCode"))
                .put("id", "http://publications.europa.eu/resource/authority/country/BEL");
        ArrayNode both = awardedBy.putArray("awardingBody");
        both.add(lisbon);
        both.add(leuven);
        Path file = Files.createTempDirectory("joint").resolve("elm.json");
        Files.writeString(file, elm.toString());
        Credential c = LearnerFiles.read(file).credentials().get(0);
        assertEquals(List.of("Universidade de Lisboa", "KU Leuven"), c.awardingBodies());
        assertEquals(List.of("PT", "BE"), c.countries());
    }

    /**
     * An equivalence row that names the body its own way: "University of Oldenburg" is no match for "Carl von
     * Ossietzky Universitaet Oldenburg", but the institution's identifier is.
     */
    @Test
    void anEquivalenceRowMatchesAnInstitutionIdentifierWhereTheNamesDiffer(@org.junit.jupiter.api.io.TempDir Path dir)
            throws Exception {
        TestRuleSets.withRuleFile(dir, "rules/oldenburg.drl", """
                import org.accrue.learner.Credential;
                rule "Oldenburg energy economics"
                when
                    $c : Credential( awardedBy("https://ror.org/033n9gh91"), code == "EE-101" )
                then
                    insert(new Equivalence($c.id(), "EN-ECON11", null, "oldenburg"));
                end
                """);
        String text = """
                learner: {id: L-O}
                credentials:
                  - {id: O1, title: Energy Economics, code: EE-101, awardingBody: Carl von Ossietzky Universitaet Oldenburg,
                     awardingBodyId: 'https://ror.org/033n9gh91', credit: {value: 5, system: ECTS},
                     level: {framework: EQF, value: 7}, assessment: summative, qualityAssurance: external}
                """;
        RuleSet rules = TestRuleSets.load(dir);
        CredentialResult matched = rules.evaluate(parse(text), AS_OF).credentials().get(0);
        assertEquals("EN-ECON11", matched.equivalence() == null ? null : matched.equivalence().module());
        CredentialResult unmatched = rules.evaluate(parse(text.replace("awardingBodyId: 'https://ror.org/033n9gh91', ",
                "")), AS_OF).credentials().get(0);
        assertEquals(null, unmatched.equivalence(), "the name alone does not match the row's identifier");
        Credential c = parse(text).credentials().get(0);
        assertTrue(c.awardedBy("carl von  ossietzky universitaet oldenburg"), "names match case and spacing aside");
        assertEquals(List.of("https://ror.org/033n9gh91"), c.bodyKeys(), "bodies are counted by identifier");
    }

    @Test
    void anOpenBadgeIssuersOtherIdentifierIsItsInstitutionIdentifier() throws Exception {
        ObjectMapper json = new ObjectMapper();
        ObjectNode badge = (ObjectNode) json.readTree(FORMATS.resolve("open-badge-ob3.json").toFile());
        ((ObjectNode) badge.get("issuer")).putArray("otherIdentifier").addObject().put("type", "IdentifierEntry")
                .put("identifier", "UK ST-ANDR01").put("identifierType", "ext:ErasmusCode");
        Credential c = LearnerFiles.parseAny(badge.toString(), "b.json", false).credentials().get(0);
        assertEquals(List.of("UK ST-ANDR01"), c.awardingBodyIds());
        assertTrue(c.awardedBy("uk st-andr01"));
    }
}
