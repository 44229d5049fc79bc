package org.accrue.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code accrue evaluate} and {@code accrue awards} end to end, in-process. */
class EvaluateCommandTest {
    static final Path REPO = Path.of(System.getProperty("accrue.repo", ".."));
    static final Path SAMPLES = REPO.resolve("samples");
    static final ObjectMapper JSON = new ObjectMapper();

    static List<JsonNode> lines(String out) throws Exception {
        List<JsonNode> nodes = new ArrayList<>();
        for (String line : out.split("\n")) {
            if (!line.isBlank()) {
                nodes.add(JSON.readTree(line));
            }
        }
        return nodes;
    }

    @Test
    void jsonOutputIsOneObjectPerLearnerAndMatchesTheDocumentedSchema() throws Exception {
        Cli r = Cli.run("evaluate", "--as-of", "2026-11-28", "--format", "json", SAMPLES.toString());
        assertEquals(0, r.status(), r.err());
        assertEquals("", r.err());
        List<JsonNode> results = lines(r.out());
        try (var files = Files.walk(SAMPLES)) {
            assertEquals(files.filter(f -> f.toString().matches(".*\\.(yaml|json|csv)$"))
                    .filter(org.accrue.reading.LearnerFiles::isLearnerFileName).count(), results.size());
        }
        JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                .getSchema(Files.readString(REPO.resolve("docs/result.schema.json")));
        for (JsonNode result : results) {
            Set<ValidationMessage> errors = schema.validate(result);
            assertEquals(Set.of(), errors, result.get("source").asText());
            assertEquals("2026-11-28", result.get("asOf").asText());
        }
    }

    /**
     * Each level of detail is the full result with fields left out, in the same shape: for every sample learner,
     * the lower levels equal the full result projected, and each validates against the documented schema (which
     * refuses a field the level leaves out).
     */
    @Test
    void eachLevelOfDetailIsTheFullResultWithFieldsLeftOut() throws Exception {
        JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                .getSchema(Files.readString(REPO.resolve("docs/result.schema.json")));
        List<JsonNode> full = lines(Cli.run("evaluate", "--as-of", "2026-11-28", "--format", "json",
                SAMPLES.toString()).out());
        List<JsonNode> requirements = lines(Cli.run("evaluate", "--as-of", "2026-11-28", "--format", "json",
                "--detail", "requirements", SAMPLES.toString()).out());
        List<JsonNode> verdicts = lines(Cli.run("evaluate", "--as-of", "2026-11-28", "--format", "json",
                "--detail", "verdicts", SAMPLES.toString()).out());
        assertEquals(full.size(), requirements.size());
        assertEquals(full.size(), verdicts.size());
        int shortfalls = 0;
        for (int i = 0; i < full.size(); i++) {
            String source = full.get(i).get("source").asText();
            assertEquals(projected(full.get(i), "requirements"), requirements.get(i), source);
            assertEquals(projected(full.get(i), "verdicts"), verdicts.get(i), source);
            assertEquals(Set.of(), schema.validate(requirements.get(i)), source);
            assertEquals(Set.of(), schema.validate(verdicts.get(i)), source);
            for (JsonNode a : verdicts.get(i).get("awards")) {
                shortfalls += a.get("requirements").size();
            }
        }
        assertTrue(shortfalls > 100, "the samples have shortfalls to show: " + shortfalls);
        // the schema holds each level to its fields
        ObjectNode extra = verdicts.get(0).deepCopy();
        ((ObjectNode) extra.get("awards").get(0)).putArray("missing");
        assertFalse(schema.validate(extra).isEmpty(), "a verdict with sentences");
        ObjectNode noCredentials = full.get(0).deepCopy();
        noCredentials.remove("credentials");
        assertFalse(schema.validate(noCredentials).isEmpty(), "a full result without its credentials");
    }

    /** A full result as a level writes it: the level's fields, in the same order. */
    static JsonNode projected(JsonNode full, String level) {
        ObjectNode out = JSON.createObjectNode();
        for (String f : List.of("learner", "source", "asOf", "ruleset")) {
            out.set(f, full.get(f));
        }
        out.put("detail", level);
        var awards = out.putArray("awards");
        for (JsonNode a : full.get("awards")) {
            ObjectNode award = awards.addObject();
            List<String> fields = level.equals("verdicts")
                    ? List.of("award", "eligible", "countedPoints", "requirements")
                    : List.of("award", "title", "scqfLevel", "eligible", "countedPoints", "requirements", "counted",
                    "exceptions");
            for (String f : fields) {
                if (!f.equals("requirements")) {
                    award.set(f, a.get(f));
                    continue;
                }
                var requirements = award.putArray("requirements");
                for (JsonNode q : a.get("requirements")) {
                    if (level.equals("requirements")) {
                        requirements.add(q);
                    } else if (!q.get("met").asBoolean()) {
                        ObjectNode shortfall = q.deepCopy();
                        shortfall.remove("description");
                        requirements.add(shortfall);
                    }
                }
            }
        }
        return out;
    }

    @Test
    void jsonCarriesTheVerdictRequirementsAndAllocation() throws Exception {
        Cli r = Cli.run("evaluate", "--as-of", "2026-11-28", "--format", "json", "--award", "pgcert-data-science",
                SAMPLES.resolve("chen-allocation.yaml").toString());
        JsonNode result = lines(r.out()).get(0);
        assertEquals("L-0003", result.at("/learner/id").asText());
        assertEquals(1, result.get("awards").size());
        JsonNode award = result.at("/awards/0");
        assertEquals("pgcert-data-science", award.get("award").asText());
        assertTrue(award.get("eligible").asBoolean());
        assertEquals("core", award.at("/requirements/0/id").asText());
        assertEquals(30, award.at("/requirements/0/have").asInt());
        assertEquals(30, award.at("/requirements/0/need").asInt());
        assertEquals("CH-01", award.at("/counted/0/credential").asText());
        assertEquals("methods", award.at("/counted/0/requirement").asText());
        assertEquals(15, award.at("/counted/0/points").asInt());
        assertEquals(11, result.at("/credentials/0/scqfLevel").asInt());
        assertEquals("cmf-microcredential", result.at("/credentials/0/classifications/0").asText());
    }

    @Test
    void textReportGivesTheVerdictAndWhatIsMissing() {
        Cli r = Cli.run("evaluate", "--as-of", "2026-11-28", "--award", "pgcert-data-science",
                SAMPLES.resolve("ben-pgcert-nearly.yaml").toString());
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().startsWith("Ben Okafor (L-0002) - "), r.out());
        assertTrue(r.out().contains("Eligible for: none of the 1 awards evaluated"), r.out());
        assertTrue(r.out().contains("NOT ELIGIBLE  Postgraduate Certificate in Data Science"), r.out());
        assertTrue(r.out().contains("missing: 15 more SCQF points in all (have 45, need 60)"), r.out());
    }

    @Test
    void aBadFileIsReportedInOneLineAndTheOthersAreStillEvaluated(@TempDir Path dir) throws Exception {
        Path bad = dir.resolve("bad.yaml");
        Files.writeString(bad, "learner: {id: L-9}\ncredentials:\n  - {id: A, title: T, level: {framework: SCQF, value: 13}}\n");
        Path malformed = dir.resolve("malformed.json");
        Files.writeString(malformed, "{\"learner\": ");
        Cli r = Cli.run("evaluate", "--as-of", "2026-11-28", "--format", "json",
                SAMPLES.resolve("amira-pgcert-data-science.yaml").toString(), bad.toString(), malformed.toString(),
                SAMPLES.resolve("ben-pgcert-nearly.yaml").toString());
        assertEquals(ExitStatus.BAD_INPUT, r.status());
        assertEquals(List.of(bad + ": credentials[0].level.value: 13 is outside SCQF levels 1-12",
                malformed + ": line 1, column 13: malformed JSON: Unexpected end-of-input within/between Object entries"),
                r.err().lines().toList());
        assertEquals(2, lines(r.out()).size());
        assertFalse(r.err().contains("\tat "), "no stack trace");
    }

    @Test
    void filesThatNameOneLearnerAreEvaluatedAsOneLearner(@TempDir Path dir) throws Exception {
        // Ben is 15 points short; a CSV transcript of his from elsewhere, given beside his record, brings them
        Path transcript = Files.writeString(dir.resolve("ben-transcript.csv"), "learnerId,id,title,awardingBody,"
                + "issued,creditValue,creditSystem,levelFramework,levelValue,assessment,qualityAssurance,subjects,route\n"
                + "L-0002,BN-04,Machine Learning,University of Stirling,2025-10-01,15,SCQF,SCQF,11,summative,external,"
                + "data-science,taught\n");
        Path record = SAMPLES.resolve("ben-pgcert-nearly.yaml");
        Path other = SAMPLES.resolve("chen-allocation.yaml");
        Cli r = Cli.run("evaluate", "--as-of", "2026-11-28", "--format", "json", "--award", "pgcert-data-science",
                "--join-learners", record.toString(), other.toString(), transcript.toString());
        assertEquals(0, r.status(), r.err());
        List<JsonNode> results = new ArrayList<>();
        for (String line : r.out().lines().toList()) {
            results.add(JSON.readTree(line));
        }
        assertEquals(2, results.size(), "Ben once, Chen once");
        JsonNode ben = results.get(0);
        assertEquals("L-0002", ben.at("/learner/id").asText());
        assertEquals(record + " + " + transcript, ben.at("/source").asText());
        assertEquals(4, ben.at("/credentials").size());
        assertTrue(ben.at("/awards/0/eligible").asBoolean(), ben.at("/awards/0").toString());
        assertEquals(other.toString(), results.get(1).at("/source").asText());

        // without the option each file is its own learner: the record alone is still 15 short
        Cli apart = Cli.run("evaluate", "--as-of", "2026-11-28", "--format", "json", "--award", "pgcert-data-science",
                record.toString(), other.toString(), transcript.toString());
        assertEquals(0, apart.status(), apart.err());
        assertEquals(3, apart.out().lines().count());
        assertFalse(JSON.readTree(apart.out().lines().findFirst().orElseThrow()).at("/awards/0/eligible").asBoolean());

        // a credential id given twice is refused at the second file, and the other learner still evaluated
        Files.writeString(transcript, Files.readString(transcript).replace("BN-04", "BN-01"));
        Cli twice = Cli.run("evaluate", "--as-of", "2026-11-28", "--format", "json", "--award", "pgcert-data-science",
                "--join-learners", record.toString(), other.toString(), transcript.toString());
        assertEquals(ExitStatus.BAD_INPUT, twice.status());
        assertEquals(transcript + ": credentials[0].id: 'BN-01' is also a credential of " + record + "; one learner's "
                + "credentials have distinct ids", twice.err().strip());
        assertEquals(1, twice.out().lines().count());
    }

    @Test
    void anExceptionForAnAwardTheRuleSetLacksIsBadInput(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("x.yaml");
        Files.writeString(file, "learner: {id: L-9}\ncredentials: [{id: A, title: T}]\nexceptions:\n"
                + "  - {type: waive, award: scqf-phd, requirement: total, authorisedBy: X, date: 2026-01-01, reason: y}\n");
        Cli r = Cli.run("evaluate", "--as-of", "2026-11-28", file.toString());
        assertEquals(ExitStatus.BAD_INPUT, r.status());
        assertEquals(file + ": exceptions[0].award: unknown award 'scqf-phd'\n", r.err());
    }

    @Test
    void emitBadgeWritesAnOpenBadgeForEachAwardTheLearnerIsEligibleFor(@TempDir Path dir) throws Exception {
        Cli r = Cli.run("evaluate", "--as-of", "2026-11-28", "--emit-badge", dir.toString(), "--issuer",
                "University of St Andrews", SAMPLES.resolve("chen-allocation.yaml").toString());
        assertEquals(0, r.status(), r.err());
        List<String> files;
        try (var list = Files.list(dir)) {
            files = list.map(p -> p.getFileName().toString()).sorted().toList();
        }
        assertEquals(List.of("_l-0003--fheq-graduate-certificate.json", "_l-0003--fheq-pgcert.json",
                "_l-0003--pgcert-data-science.json", "_l-0003--scqf-graduate-certificate-10.json",
                "_l-0003--scqf-graduate-certificate.json", "_l-0003--scqf-pgcert.json"), files);
        JsonNode badge = JSON.readTree(Files.readString(dir.resolve("_l-0003--pgcert-data-science.json")));
        // the properties Open Badges 3.0 requires of an AchievementCredential
        assertEquals("https://www.w3.org/ns/credentials/v2", badge.at("/@context/0").asText());
        assertTrue(badge.get("id").asText().startsWith("urn:uuid:"));
        assertEquals("AchievementCredential", badge.at("/type/1").asText());
        assertEquals("University of St Andrews", badge.at("/issuer/name").asText());
        assertEquals("Profile", badge.at("/issuer/type/0").asText());
        assertEquals("2026-11-28T00:00:00Z", badge.get("validFrom").asText());
        assertEquals("AchievementSubject", badge.at("/credentialSubject/type/0").asText());
        JsonNode achievement = badge.at("/credentialSubject/achievement");
        assertEquals("urn:accrue:award:pgcert-data-science", achievement.get("id").asText());
        assertEquals("Postgraduate Certificate in Data Science", achievement.get("name").asText());
        assertFalse(achievement.get("description").asText().isBlank());
        assertTrue(achievement.at("/criteria/narrative").asText().contains("at least 30 SCQF points of credit in data science"));
        assertEquals(60, badge.at("/credentialSubject/creditsEarned").asInt());
        // evidence: the counted credentials, then the rule set
        assertEquals(5, badge.get("evidence").size());
        assertEquals("counted toward requirement methods: 15 SCQF points", badge.at("/evidence/0/description").asText());
        assertTrue(badge.at("/evidence/4/description").asText().startsWith("decided by Accrue with rule set sha256:"));
        // and Accrue reads its own badges back
        var back = org.accrue.reading.LearnerFiles.read(dir.resolve("_l-0003--pgcert-data-science.json"));
        assertEquals(11, back.credentials().get(0).level().value());
        assertEquals(new java.math.BigDecimal("60"), back.credentials().get(0).credit().value());
    }

    /** Every badge emitted for the samples is valid against docs/ob3-achievementcredential.schema.json. */
    @Test
    void emittedBadgesAreValidOpenBadges(@TempDir Path dir) throws Exception {
        Cli r = Cli.run("evaluate", "--as-of", "2026-11-28", "--emit-badge", dir.toString(), SAMPLES.toString());
        assertEquals(ExitStatus.OK, r.status(), r.err());
        JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                .getSchema(Files.readString(REPO.resolve("docs/ob3-achievementcredential.schema.json")));
        List<Path> badges;
        try (var list = Files.list(dir)) {
            badges = list.sorted().toList();
        }
        assertTrue(badges.size() >= 10, "badges: " + badges);
        for (Path badge : badges) {
            assertEquals(Set.of(), schema.validate(JSON.readTree(Files.readString(badge))), badge.toString());
        }
        // and the schema does refuse what Open Badges 3.0 does not allow
        ObjectNode good = (ObjectNode) JSON.readTree(Files.readString(badges.get(0)));
        List<java.util.function.Consumer<ObjectNode>> breakages = List.of(
                b -> ((ObjectNode) b.at("/credentialSubject/achievement")).remove("criteria"),
                b -> ((ObjectNode) b.at("/credentialSubject/achievement")).remove("description"),
                b -> b.putArray("type").add("VerifiableCredential"),
                b -> b.put("validFrom", "2026-11-28"),
                b -> b.putArray("@context").add("https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json")
                        .add("https://www.w3.org/ns/credentials/v2"),
                b -> ((ObjectNode) b.get("issuer")).remove("id"),
                b -> ((ObjectNode) b.at("/credentialSubject/achievement/alignment/0")).remove("targetUrl"),
                b -> ((ObjectNode) b.at("/credentialSubject/achievement")).put("achievementType", "Trophy"),
                b -> ((ObjectNode) b.at("/evidence/0")).putArray("type").add("Proof"));
        for (int i = 0; i < breakages.size(); i++) {
            ObjectNode broken = good.deepCopy();
            breakages.get(i).accept(broken);
            assertFalse(schema.validate(broken).isEmpty(), "breakage " + i + " passed: " + broken);
        }
    }

    @Test
    void anUnknownAwardIsAUsageError() {
        Cli r = Cli.run("evaluate", "--award", "scqf-phd", SAMPLES.toString());
        assertEquals(ExitStatus.USAGE, r.status());
        assertEquals("accrue evaluate: --award 'scqf-phd': unknown award; 'accrue awards' lists the 26 awards of the rule set\n",
                r.err());
        assertEquals("", r.out());
    }

    @Test
    void aBadDateIsAUsageError() {
        Cli r = Cli.run("evaluate", "--as-of", "28/11/2026", SAMPLES.toString());
        assertEquals(ExitStatus.USAGE, r.status());
        assertEquals("accrue evaluate: Invalid value for option '--as-of': '28/11/2026' is not a date (YYYY-MM-DD)",
                r.err().lines().findFirst().orElseThrow());
    }

    @Test
    void aMissingFileIsBadInput(@TempDir Path dir) {
        Cli r = Cli.run("evaluate", dir.resolve("nobody.yaml").toString());
        assertEquals(ExitStatus.BAD_INPUT, r.status());
        assertEquals(dir.resolve("nobody.yaml") + ": file: no such file\n", r.err());
    }

    @Test
    void aBrokenRuleSetIsReportedAtFileAndLine(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("broken.drl"), "package x;\n\nrule \"r\"\nwhen\n  Foo( \nthen\nend\n");
        Cli r = Cli.run("evaluate", "--rules", dir.toString(), SAMPLES.toString());
        assertEquals(ExitStatus.RULE_SET, r.status());
        assertTrue(r.err().startsWith(dir.resolve("broken.drl") + ":7:1: [ERR 102] Line 7:0 mismatched input 'end'"), r.err());
        assertTrue(r.err().endsWith("accrue: the rule set could not be loaded (1 problem)\n"), r.err());
    }

    @Test
    void rulesFromFoldersGiveTheSameResultsAsThePackagedRules() throws Exception {
        String file = SAMPLES.resolve("kai-masters.yaml").toString();
        Cli packaged = Cli.run("evaluate", "--as-of", "2026-11-28", "--format", "json", file);
        Cli folders = Cli.run("evaluate", "--as-of", "2026-11-28", "--format", "json",
                "--rules", REPO.resolve("frameworks").toString(), "--rules", REPO.resolve("rules").toString(), file);
        assertEquals(packaged.out(), folders.out());
    }

    @Test
    void awardsListsEveryAward() throws Exception {
        Cli r = Cli.run("awards");
        assertEquals(0, r.status(), r.err());
        List<String> lines = r.out().lines().toList();
        assertEquals(26, lines.size());
        assertTrue(lines.stream().anyMatch(l -> l.matches("scqf-honours-degree\\s+SCQF 10\\s+Honours degree")), r.out());
        Cli json = Cli.run("awards", "--format", "json");
        assertEquals(List.of("fheq-integrated-masters", "fheq-masters", "fheq-pgcert", "fheq-pgdip", "pgcert-data-science",
                "pgcert-sustainable-energy",
                "scqf-integrated-masters", "scqf-masters", "scqf-pgcert", "scqf-pgdip"), lines(json.out()).stream()
                .filter(n -> n.get("scqfLevel").asInt() == 11).map(n -> n.get("id").asText()).toList());
        assertEquals("fheq-certhe", lines.get(0).split("\\s+")[0], "the ladders from the lowest level up, by id");
    }

    @Test
    void helpDocumentsEveryOptionAndTheExitStatuses() {
        Cli r = Cli.run("evaluate", "--help");
        assertEquals(0, r.status());
        for (String s : List.of("--as-of", "--award", "--format", "--rules", "Exit status:", "3   the rule set")) {
            assertTrue(r.out().contains(s), s + " in\n" + r.out());
        }
    }

    @Test
    void aLearnerOverTheCredentialLimitIsRefusedAsTooLargeAndTheOthersAreEvaluated() throws Exception {
        Cli r = Cli.run("evaluate", "--as-of", "2026-11-28", "--max-credentials", "3",
                SAMPLES.resolve("kai-masters.yaml").toString(), SAMPLES.resolve("ben-pgcert-nearly.yaml").toString());
        assertEquals(ExitStatus.BAD_INPUT, r.status(), r.err());
        assertEquals(SAMPLES.resolve("kai-masters.yaml") + ": credentials: too large: 4 credentials, more than the "
                + "limit of 3 for one learner\n", r.err());
        assertEquals(1, r.out().lines().filter(l -> l.startsWith("Eligible for:")).count(), r.out());
    }

    @Test
    void limitsMustBeSensible() {
        for (String[] bad : List.of(new String[] {"--time-limit", "0"}, new String[] {"--time-limit", "-1"},
                new String[] {"--time-limit", "100000"}, new String[] {"--max-credentials", "0"})) {
            Cli r = Cli.run("evaluate", bad[0], bad[1], SAMPLES.resolve("kai-masters.yaml").toString());
            assertEquals(ExitStatus.USAGE, r.status(), r.err());
            assertTrue(r.err().startsWith("accrue evaluate: " + bad[0] + " " + bad[1] + ": must be"), r.err());
            assertEquals("", r.out());
        }
    }
}
