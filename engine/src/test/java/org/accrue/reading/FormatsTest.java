package org.accrue.reading;

import org.accrue.learner.Assessment;
import org.accrue.learner.Credential;
import org.accrue.learner.CreditSystem;
import org.accrue.learner.LearnerRecord;
import org.accrue.learner.LevelFramework;
import org.accrue.learner.QualityAssurance;
import org.accrue.learner.Route;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Learner files in other formats, chosen by content: CSV transcripts and Open Badges 3.0. */
class FormatsTest {
    static final Path FORMATS = Path.of(System.getProperty("accrue.repo", "..")).resolve("samples/formats");

    @Test
    void aCsvTranscriptIsOneLearnerWithARowPerCredential() throws Exception {
        LearnerRecord r = LearnerFiles.read(FORMATS.resolve("transcript-template.csv"));
        assertEquals("L-0015", r.learner().id());
        assertEquals("Priya Nair", r.learner().name());
        assertEquals(4, r.credentials().size());
        Credential ml = r.credentials().get(3);
        assertEquals(new BigDecimal("7.5"), ml.credit().value());
        assertEquals(CreditSystem.ECTS, ml.credit().system());
        assertEquals(LevelFramework.EQF, ml.level().framework());
        assertEquals(List.of("ethics", "machine-learning"), ml.subjects());
        assertEquals(Route.TRANSFER, ml.route());
        assertEquals(true, ml.identityVerified());
        assertEquals(null, ml.grade());
    }

    static String csv(String... rows) {
        return "learnerId,id,title,creditValue,creditSystem,levelFramework,levelValue\n" + String.join("\n", rows) + "\n";
    }

    @Test
    void aBadCsvValueIsNamedByLineAndColumn() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> LearnerFiles.parseAny(
                csv("L-1,A,T,15,SCQF,SCQF,11", "L-1,B,U,15,SCQF,SCQF,13"), "t.csv", false));
        assertEquals("t.csv: line 3, column levelValue: 13 is outside SCQF levels 1-12", e.getMessage());
    }

    @Test
    void aCsvTranscriptHoldsOneLearner() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> LearnerFiles.parseAny(
                csv("L-1,A,T,15,SCQF,SCQF,11", "L-2,B,U,15,SCQF,SCQF,11"), "t.csv", false));
        assertEquals("t.csv: line 3, column learnerId: 'L-2' differs from the first row's 'L-1'; one learner per file",
                e.getMessage());
    }

    @Test
    void aCsvRowStatesAJointAwardAndANationalLevel() throws Exception {
        LearnerRecord r = LearnerFiles.parseAny("learnerId,id,title,awardingBody,country,levelFramework,levelValue,"
                + "nationalLevelFramework,nationalLevelValue\n"
                + "L-1,A,Energy Systems,Universiteit Utrecht; University of Aberdeen,NL;GB-SCT,EQF,6,SCQF,10\n"
                + "L-1,B,Statistics,University of Glasgow,GB-SCT,EQF,7,,\n", "t.csv", false);
        Credential a = r.credentials().get(0);
        assertEquals(List.of("Universiteit Utrecht", "University of Aberdeen"), a.awardingBodies());
        assertEquals(List.of("NL", "GB-SCT"), a.countries());
        assertEquals(LevelFramework.SCQF, a.nationalLevel().framework());
        assertEquals(10, a.nationalLevel().value());
        Credential b = r.credentials().get(1);
        assertEquals(List.of("University of Glasgow"), b.awardingBodies());
        assertEquals(null, b.nationalLevel());
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> LearnerFiles.parseAny(
                "learnerId,id,title,country\nL-1,A,T,NL;ZZZ9\n", "t.csv", false));
        assertEquals("t.csv: line 2, column country: 'ZZZ9' is not an ISO 3166 country code (GB) or subdivision "
                + "(GB-SCT)", e.getMessage());
    }

    @Test
    void anOpenBadgeStatingAnEqfAndANationalLevelKeepsBoth() throws Exception {
        String badge = Files.readString(FORMATS.resolve("open-badge-ob3.json"));
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        var tree = (com.fasterxml.jackson.databind.node.ObjectNode) json.readTree(badge);
        var alignments = (com.fasterxml.jackson.databind.node.ArrayNode) tree.path("credentialSubject")
                .path("achievement").path("alignment");
        for (int i = alignments.size() - 1; i >= 0; i--) {
            String framework = alignments.get(i).path("targetFramework").asText("");
            if (framework.equals("SCQF") || framework.equals("EQF")) {
                alignments.remove(i);
            }
        }
        alignments.addObject().put("type", "Alignment").put("targetName", "EQF level 6").put("targetFramework", "EQF")
                .put("targetCode", "6").put("targetUrl", "http://data.europa.eu/snb/eqf/6");
        alignments.addObject().put("type", "Alignment").put("targetName", "FHEQ level 6").put("targetFramework", "FHEQ")
                .put("targetCode", "6").put("targetUrl", "https://www.qaa.ac.uk/");
        Credential c = LearnerFiles.parseAny(tree.toString(), "b.json", false).credentials().get(0);
        assertEquals(LevelFramework.EQF, c.level().framework());
        assertEquals(LevelFramework.FHEQ, c.nationalLevel().framework());
        assertEquals(6, c.nationalLevel().value());
        alignments.addObject().put("type", "Alignment").put("targetName", "EQF level 7").put("targetFramework", "EQF")
                .put("targetCode", "7").put("targetUrl", "http://data.europa.eu/snb/eqf/7");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> LearnerFiles.parseAny(
                tree.toString(), "b.json", false));
        assertTrue(e.getMessage().contains("is a second EQF level; a badge states at most one EQF level and one "
                + "national level"), e.getMessage());
    }

    /** One learner's badge, CSV transcript and learner record, in one folder: one learner. */
    @Test
    void aFolderMixingFormatsForOneLearnerIsOneLearner(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path one = Files.createDirectories(dir.resolve("priya"));
        String id = "did:example:learner-0016";
        Files.copy(FORMATS.resolve("open-badge-ob3.json"), one.resolve("a-badge.json"));
        Files.writeString(one.resolve("b-transcript.csv"), Files.readString(FORMATS.resolve("transcript-template.csv"))
                .replace("L-0015", id));
        Files.writeString(one.resolve("c-record.yaml"), "learner: {id: '" + id + "', name: Priya Nair}\n"
                + "credentials:\n  - {id: OWN-1, title: Research Methods, credit: {value: 15, system: SCQF}}\n");
        assertTrue(LearnerFiles.isLearnerFolder(one));
        LearnerRecord r = LearnerFiles.read(one);
        assertEquals(id, r.learner().id());
        assertEquals("Priya Nair", r.learner().name(), "the name the first file that has one gives");
        List<String> ids = r.credentials().stream().map(Credential::id).toList();
        assertEquals(1 + 4 + 1, ids.size(), ids.toString());
        assertEquals("OWN-1", ids.get(ids.size() - 1));
        assertEquals(1, r.provenance().size(), "the badge's provenance is kept for verification");
        assertEquals(List.of(one), LearnerFiles.expand(List.of(dir)), "the walker gives the folder as one learner");

        // a folder of two learners' files is two learners, each file on its own
        Files.writeString(one.resolve("c-record.yaml"), "learner: {id: someone-else}\ncredentials: []\n");
        assertFalse(LearnerFiles.isLearnerFolder(one));
        assertEquals(3, LearnerFiles.expand(List.of(dir)).size());

        // the same credential id in two files of one learner is named at the second
        Files.writeString(one.resolve("c-record.yaml"), "learner: {id: '" + id + "'}\n"
                + "credentials:\n  - {id: PN-01, title: Again}\n");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> LearnerFiles.read(one));
        assertEquals(one.resolve("c-record.yaml") + ": credentials[0].id: 'PN-01' is also a credential of "
                + one.resolve("b-transcript.csv") + "; one learner's credentials have distinct ids", e.getMessage());
    }

    /** The same learner's files given side by side, among another learner's and an unreadable one. */
    @Test
    void filesNamingOneLearnerIdAreOneLearnerWhereverTheyAreGiven(@org.junit.jupiter.api.io.TempDir Path dir)
            throws Exception {
        String id = "did:example:learner-0016";
        Path badge = Files.copy(FORMATS.resolve("open-badge-ob3.json"), dir.resolve("badge.json"));
        Path other = Files.writeString(dir.resolve("other.yaml"), "learner: {id: L-9}\ncredentials: []\n");
        Path broken = Files.writeString(dir.resolve("broken.yaml"), "learner: [\n");
        Path transcript = Files.writeString(dir.resolve("transcript.csv"), Files.readString(
                FORMATS.resolve("transcript-template.csv")).replace("L-0015", id));
        List<List<Path>> learners = LearnerFiles.byLearner(List.of(badge, other, broken, transcript));
        assertEquals(List.of(List.of(badge, transcript), List.of(other), List.of(broken)), learners,
                "by learner, in order of first appearance; an unreadable file on its own");
        LearnerRecord r = LearnerFiles.read(learners.get(0));
        assertEquals(id, r.learner().id());
        assertEquals(1 + 4, r.credentials().size());
        assertEquals(badge + " + " + transcript, r.source());
        assertEquals(1, r.provenance().size(), "the badge's provenance is kept for verification");

        // the same credential id in both is named at the second file
        Files.writeString(transcript, Files.readString(transcript).replace("PN-01",
                "https://badges.example.ac.uk/credentials/3732"));
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> LearnerFiles.read(
                List.of(badge, transcript)));
        assertEquals(transcript + ": credentials[0].id: 'https://badges.example.ac.uk/credentials/3732' is also a "
                + "credential of " + badge + "; one learner's credentials have distinct ids", e.getMessage());
    }

    @Test
    void anUnknownCsvColumnIsRefused() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> LearnerFiles.parseAny(
                "learnerId,id,title,ects\nL-1,A,T,5\n", "t.csv", false));
        assertEquals("t.csv: line 1, column ects: unknown column; expected some of "
                + String.join(", ", CsvTranscripts.COLUMNS), e.getMessage());
    }

    @Test
    void anOpenBadgeIsReadThroughItsAlignments() throws Exception {
        LearnerRecord r = LearnerFiles.read(FORMATS.resolve("open-badge-ob3.json"));
        assertEquals("did:example:learner-0016", r.learner().id());
        Credential c = r.credentials().get(0);
        assertEquals("https://badges.example.ac.uk/credentials/3732", c.id());
        assertEquals("Statistical Learning", c.title());
        assertEquals("MT5758", c.code());
        assertEquals("University of St Andrews", c.awardingBody());
        assertEquals("GB-SCT", c.country());
        assertEquals(LocalDate.of(2026, 1, 10), c.issued());
        assertEquals(new BigDecimal("15"), c.credit().value());
        assertEquals(CreditSystem.SCQF, c.credit().system());
        assertEquals(11, c.level().value());
        assertEquals(Assessment.SUMMATIVE, c.assessment());
        assertEquals(QualityAssurance.EXTERNAL, c.qualityAssurance());
        assertEquals(List.of("statistics", "data-science"), c.subjects());
        assertEquals(List.of("Apply regularised regression and assess it with cross-validation"), c.outcomes());
    }

    @Test
    void aProofIsReportedAndItsVerificationSaysWhetherItChecks() throws Exception {
        String unsigned = Files.readString(FORMATS.resolve("open-badge-ob3.json"));
        String signed = unsigned.replaceFirst("\"credentialSubject\": \\{", "\"proof\": {\"type\": \"DataIntegrityProof\", "
                + "\"cryptosuite\": \"eddsa-rdfc-2022\", \"proofValue\": \"z58DAdFfa9\"}, \"credentialSubject\": {");
        LocalDate asOf = LocalDate.of(2026, 11, 28);
        var absent = org.accrue.DefaultRules.get().evaluate(LearnerFiles.parseAny(unsigned, "u.json", true), asOf)
                .credentials().get(0);
        assertEquals("absent", absent.proof());
        assertEquals(org.accrue.result.Verification.Status.UNSIGNED, absent.verification().status());
        var present = org.accrue.DefaultRules.get().evaluate(LearnerFiles.parseAny(signed, "s.json", true), asOf)
                .credentials().get(0);
        assertEquals("present", present.proof());
        // a proof without its purpose, key or a real value: nothing Accrue can check, and said so
        assertEquals(org.accrue.result.Verification.Status.INVALID_PROOF, present.verification().status(),
                present.verification().message());
        var csv = org.accrue.DefaultRules.get().evaluate(LearnerFiles.read(FORMATS.resolve("transcript-template.csv")),
                asOf).credentials().get(0);
        assertEquals(null, csv.proof(), "a CSV transcript has no proofs");
        assertEquals(org.accrue.result.Verification.Status.UNSIGNED, csv.verification().status());
    }

    @Test
    void anOpenBadgeWithCreditsButNoCreditSystemIsReadAndItsCreditReportedNotCounted() throws Exception {
        String badge = Files.readString(FORMATS.resolve("open-badge-ob3.json"))
                .replace("\"targetType\": \"ext:CreditSystem\", \"targetCode\": \"SCQF\"", "\"targetCode\": \"SCQF credits\"");
        var record = LearnerFiles.parseAny(badge, "b.json", true);
        assertEquals(null, record.credentials().get(0).credit());
        assertEquals(new java.math.BigDecimal("15"), record.provenance().get(record.credentials().get(0).id())
                .creditWithoutSystem());
        var c = org.accrue.DefaultRules.get().evaluate(record, LocalDate.of(2026, 11, 28)).credentials().get(0);
        assertEquals(false, c.creditBearing());
        assertTrue(c.excluded().get(0).startsWith("credit system unknown: 15 credits stated without a credit system"),
                c.excluded().toString());
    }

    @Test
    void anOpenBadgeStatingCreditsThatAreNotANumberNamesTheJsonPath() throws Exception {
        String badge = Files.readString(FORMATS.resolve("open-badge-ob3.json"))
                .replace("\"targetType\": \"ext:CreditSystem\", \"targetCode\": \"SCQF\"", "\"targetCode\": \"SCQF credits\"")
                .replaceFirst("\"creditsEarned\": 15", "\"creditsEarned\": \"fifteen\"");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> LearnerFiles.parseAny(badge, "b.json", true));
        assertEquals("b.json", e.file());
        assertEquals("$.credentialSubject.creditsEarned", e.where());
    }

    @Test
    void anArrayOfBadgesIsOneLearner() throws Exception {
        String badge = Files.readString(FORMATS.resolve("open-badge-ob3.json"));
        String second = badge.replace("credentials/3732", "credentials/3733").replace("\"15\"", "\"15\"");
        LearnerRecord r = LearnerFiles.parseAny("[" + badge + "," + second + "]", "b.json", true);
        assertEquals(2, r.credentials().size());
    }

    @Test
    void aFormatAccrueDoesNotKnowIsNamed() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> LearnerFiles.parseAny(
                "{\"type\": \"Thing\"}", "x.json", true));
        assertEquals("x.json: $.type: '\"Thing\"' is no format Accrue knows; docs/formats.md lists them", e.getMessage());
    }

    @Test
    void aClrKeepsItsNestedCredentialsAndWhichArePartsOfWhich() throws Exception {
        LearnerRecord r = LearnerFiles.read(FORMATS.resolve("clr-programme.json"));
        assertEquals("did:example:learner-0017", r.learner().id());
        assertEquals(5, r.credentials().size());
        String programme = "https://clr.example.ac.uk/credentials/PGC-DS";
        assertEquals(null, r.credentials().get(0).partOf());
        for (Credential c : r.credentials().subList(1, 5)) {
            assertEquals(programme, c.partOf(), c.id());
        }
    }

    @Test
    void aClrAssociationToAnAchievementNoCredentialHoldsIsNamed() throws Exception {
        String clr = Files.readString(FORMATS.resolve("clr-programme.json")).replace("achievements/EL1\"\n", "achievements/XX9\"\n");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> LearnerFiles.parseAny(clr, "c.json", true));
        assertEquals("c.json: $.credentialSubject.association[3]: isParentOf links an achievement that no nested "
                + "credential holds (sourceId https://clr.example.ac.uk/achievements/PGC-DS, targetId "
                + "https://clr.example.ac.uk/achievements/XX9)", e.getMessage());
    }

    @Test
    void aCredentialCanOnlyBePartOfACredentialInTheSameFile() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> LearnerFiles.parseAny(
                "learner: {id: L}\ncredentials:\n  - {id: A, title: T, partOf: Z}\n", "p.yaml", false));
        assertEquals("p.yaml: credentials[0].partOf: no credential 'Z' in this file", e.getMessage());
    }

    @Test
    void aEuropassCredentialCarriesEveryEuElement() throws Exception {
        LearnerRecord r = LearnerFiles.read(FORMATS.resolve("europass-elm-microcredential.json"));
        assertEquals("urn:epass:person:1", r.learner().id());
        assertEquals("Rita Sousa", r.learner().name());
        Credential c = r.credentials().get(0);
        assertEquals("urn:epass:learningAchievement:1", c.id());
        assertEquals("Research Data Management", c.title());
        assertEquals("Universidade de Lisboa", c.awardingBody());
        assertEquals("PT", c.country(), "the EU authority table's PRT as ISO 3166 alpha-2");
        assertEquals(LocalDate.of(2026, 4, 28), c.issued());
        assertEquals(new BigDecimal("5"), c.credit().value());
        assertEquals(CreditSystem.ECTS, c.credit().system());
        assertEquals(LevelFramework.EQF, c.level().framework());
        assertEquals(7, c.level().value());
        assertEquals(0, new BigDecimal("125").compareTo(c.hours()), "PT125H");
        assertEquals(Assessment.SUMMATIVE, c.assessment());
        assertEquals(QualityAssurance.EXTERNAL, c.qualityAssurance());
        assertEquals(org.accrue.learner.Participation.ONLINE, c.participation());
        assertEquals(true, c.identityVerified());
        assertEquals(new org.accrue.learner.StatedGrade("17/20", null), c.grade());
        assertEquals(List.of("Write a data management plan", "Apply the FAIR principles"), c.outcomes());
        assertEquals(List.of("research-methods"), c.subjects());
    }

    @Test
    void theEuClassificationWorksOnEuropassDirectly() throws Exception {
        var result = org.accrue.DefaultRules.get().evaluate(
                LearnerFiles.read(FORMATS.resolve("europass-elm-microcredential.json")), LocalDate.of(2026, 11, 28));
        assertEquals(List.of("cmf-microcredential", "eu-microcredential"), result.credentials().get(0).classifications());
    }

    @Test
    void aLevelCodeWithNoNumberIsNamedInEitherFormat() throws Exception {
        String badge = Files.readString(FORMATS.resolve("open-badge-ob3.json"))
                .replace("\"targetFramework\": \"SCQF\", \"targetCode\": \"11\"",
                        "\"targetFramework\": \"SCQF\", \"targetCode\": \"eleven\"");
        InvalidInputException b = assertThrows(InvalidInputException.class, () -> LearnerFiles.parseAny(badge, "b.json", true));
        assertEquals("b.json: $.credentialSubject.achievement.alignment[0].targetCode: 'eleven' names no SCQF level",
                b.getMessage());
        String elm = Files.readString(FORMATS.resolve("europass-elm-microcredential.json"))
                .replace("http://data.europa.eu/snb/eqf/7", "http://data.europa.eu/snb/eqf/seven");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> LearnerFiles.parseAny(elm, "e.json", true));
        assertEquals("e.json: $.credentialSubject.hasClaim.specifiedBy.eqfLevel.id: 'http://data.europa.eu/snb/eqf/seven' "
                + "names no EQF level", e.getMessage());
    }

    @Test
    void aEuropassDurationThatIsNoDurationIsNamed() throws Exception {
        String elm = Files.readString(FORMATS.resolve("europass-elm-microcredential.json")).replace("PT125H", "125 hours");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> LearnerFiles.parseAny(elm, "e.json", true));
        assertEquals("e.json: $.credentialSubject.hasClaim.specifiedBy.volumeOfLearning: '125 hours' is not an ISO 8601 "
                + "duration (PT60H)", e.getMessage());
    }

    @Test
    void aFolderOfBadgesIsOneLearner(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path badges = Files.createDirectories(dir.resolve("learner-0016"));
        String badge = Files.readString(FORMATS.resolve("open-badge-ob3.json"));
        Files.writeString(badges.resolve("a.json"), badge);
        Files.writeString(badges.resolve("b.json"), badge.replace("credentials/3732", "credentials/3799"));
        Files.writeString(dir.resolve("other.yaml"), "learner: {id: L-9}\ncredentials: []\n");
        assertEquals(List.of(badges, dir.resolve("other.yaml")), LearnerFiles.expand(List.of(dir)));
        LearnerRecord r = LearnerFiles.read(badges);
        assertEquals("did:example:learner-0016", r.learner().id());
        assertEquals(List.of("https://badges.example.ac.uk/credentials/3732", "https://badges.example.ac.uk/credentials/3799"),
                r.credentials().stream().map(Credential::id).toList());
    }

    @Test
    void aBadBadgeInAFolderIsNamedByItsFile(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        String badge = Files.readString(FORMATS.resolve("open-badge-ob3.json"));
        Files.writeString(dir.resolve("a.json"), badge);
        Files.writeString(dir.resolve("b.json"), badge.replace("did:example:learner-0016", "did:example:someone-else"));
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> LearnerFiles.read(dir));
        assertEquals(dir.resolve("b.json") + ": $.credentialSubject.id: 'did:example:someone-else' is another learner "
                + "than 'did:example:learner-0016'; a folder of badges is one learner's", e.getMessage());
    }

    @Test
    void aMalformedBadgeInAFolderIsNamedByItsFileLineAndColumn(@org.junit.jupiter.api.io.TempDir Path dir)
            throws Exception {
        Files.writeString(dir.resolve("a.json"), Files.readString(FORMATS.resolve("open-badge-ob3.json")));
        Files.writeString(dir.resolve("b.json"), "{\n  \"type\": [\"VerifiableCredential\",\n");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> LearnerFiles.read(dir));
        assertEquals(dir.resolve("b.json").toString(), e.file());
        assertTrue(e.where().matches("line 3, column \\d+"), e::getMessage);
        assertTrue(e.problem().startsWith("malformed JSON: Unexpected end-of-input"), e::getMessage);
    }

    @Test
    void yamlInFlowStyleIsStillYaml() throws Exception {
        LearnerRecord r = LearnerFiles.parseAny("{learner: {id: L-1}, credentials: []}\n", "f.yaml", false);
        assertEquals("L-1", r.learner().id());
    }
}
