package org.accrue.reading;

import org.accrue.learner.Credential;
import org.accrue.learner.CreditSystem;
import org.accrue.learner.LearnerRecord;
import org.accrue.learner.LevelFramework;
import org.accrue.learner.Route;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class LearnerFilesTest {
    static final String HEAD = "learner: {id: L-1, name: Test}\ncredentials:\n";

    static LearnerRecord yaml(String text) throws InvalidInputException {
        return LearnerFiles.parse(text, "x.yaml", false);
    }

    static String error(String text) {
        return assertThrows(InvalidInputException.class, () -> yaml(text)).getMessage();
    }

    @Test
    void readsEveryFieldOfTheDocumentedShape() throws Exception {
        LearnerRecord r = yaml(HEAD + """
                  - id: ED-DS-01
                    code: DATA11001
                    title: Foundations of Data Science
                    awardingBody: University of Edinburgh
                    country: gb-sct
                    issued: 2025-06-30
                    credit: {value: 7.5, system: ects}
                    level: {framework: EQF, value: 7}
                    hours: 150
                    assessment: Summative
                    participation: online
                    qualityAssurance: external
                    identityVerified: true
                    subjects: [Data-Science, ' statistics ']
                    outcomes: ["Build and evaluate a predictive model"]
                    grade: B
                    route: rpl
                """);
        assertEquals("L-1", r.learner().id());
        assertEquals("x.yaml", r.source());
        Credential c = r.credentials().get(0);
        assertEquals("GB-SCT", c.country());
        assertEquals(LocalDate.of(2025, 6, 30), c.issued());
        assertEquals(new BigDecimal("7.5"), c.credit().value());
        assertEquals(CreditSystem.ECTS, c.credit().system());
        assertEquals(LevelFramework.EQF, c.level().framework());
        assertEquals(7, c.level().value());
        assertEquals(List.of("data-science", "statistics"), c.subjects(), "subjects are trimmed and lower-cased");
        assertEquals(Route.RPL, c.route());
        assertEquals(new org.accrue.learner.StatedGrade("B", null), c.grade());
    }

    @Test
    void everyFieldButIdAndTitleMayBeMissing() throws Exception {
        Credential c = yaml(HEAD + "  - {id: A, title: T}\n").credentials().get(0);
        assertEquals(null, c.credit());
        assertEquals(null, c.level());
        assertEquals(List.of(), c.subjects());
    }

    @Test
    void jsonHasTheSameShape() throws Exception {
        LearnerRecord r = LearnerFiles.parse("""
                {"learner": {"id": "L-2"}, "credentials": [{"id": "A", "title": "T",
                 "credit": {"value": 15, "system": "SCQF"}, "level": {"framework": "SCQF", "value": 11}}]}
                """, "x.json", true);
        assertEquals(11, r.credentials().get(0).level().value());
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiterString = " => ", value = {
            "  - {id: A, title: T, level: {framework: SCQF, value: 13}} => x.yaml: credentials[0].level.value: 13 is outside SCQF levels 1-12",
            "  - {id: A, title: T, level: {framework: SCQF, value: 0}} => x.yaml: credentials[0].level.value: 0 is outside SCQF levels 1-12",
            "  - {id: A, title: T, level: {framework: EQF, value: 9}} => x.yaml: credentials[0].level.value: 9 is outside EQF levels 1-8",
            "  - {id: A, title: T, level: {framework: FHEQ, value: 3}} => x.yaml: credentials[0].level.value: 3 is outside FHEQ levels 4-8",
            "  - {id: A, title: T, level: {framework: QCF, value: 7}} => x.yaml: credentials[0].level.framework: unknown value 'QCF'; expected one of SCQF | EQF | FHEQ | NFQ | RQF | CQFW | NZQF | AQF",
            "  - {id: A, title: T, level: {framework: SCQF}} => x.yaml: credentials[0].level.value: is missing; expected a SCQF level 1-12",
            "  - {id: A, title: T, level: {framework: SCQF, value: 9.5}} => x.yaml: credentials[0].level.value: '9.5' is not a whole-number level",
            "  - {id: A, title: T, credit: {value: -15, system: SCQF}} => x.yaml: credentials[0].credit.value: -15 is negative",
            "  - {id: A, title: T, credit: {value: 15}} => x.yaml: credentials[0].credit.system: is missing; expected one of SCQF | ECTS | FHEQ | NZQF | US_SEMESTER | US_QUARTER",
            "  - {id: A, title: T, credit: {value: 15, system: CATS}} => x.yaml: credentials[0].credit.system: unknown value 'CATS'; expected one of SCQF | ECTS | FHEQ | NZQF | US_SEMESTER | US_QUARTER",
            "  - {id: A, title: T, credit: {value: 7.555, system: ECTS}} => x.yaml: credentials[0].credit.value: 7.555 has more than 2 decimal places",
            "  - {id: A, title: T, credit: {value: lots, system: ECTS}} => x.yaml: credentials[0].credit.value: 'lots' is not a number",
            "  - {id: A, title: T, hours: -1} => x.yaml: credentials[0].hours: -1 is negative",
            "  - {id: A, title: T, issued: 30/06/2025} => x.yaml: credentials[0].issued: '30/06/2025' is not a date (YYYY-MM-DD)",
            "  - {id: A, title: T, assessment: exam} => x.yaml: credentials[0].assessment: unknown value 'exam'; expected one of summative | formative | participation | none",
            "  - {id: A, title: T, route: credit-transfer} => x.yaml: credentials[0].route: unknown value 'credit-transfer'; expected one of taught | transfer | rpl",
            "  - {id: A, title: T, identityVerified: yes please} => x.yaml: credentials[0].identityVerified: 'yes please' is not true or false",
            "  - {id: A, title: T, country: Scotland} => x.yaml: credentials[0].country: 'SCOTLAND' is not an ISO 3166 country code (GB) or subdivision (GB-SCT)",
            "  - {id: A, title: T, subjects: data-science} => x.yaml: credentials[0].subjects: must be a list",
            "  - {title: T} => x.yaml: credentials[0].id: is missing",
            "  - {id: A} => x.yaml: credentials[0].title: is missing",
            "  - {id: A, title: T, levle: {framework: SCQF, value: 9}} => x.yaml: credentials[0].levle: unknown field; expected one of assessment, awardingBody, awardingBodyId, code, country, credit, grade, hours, id, identityVerified, issued, level, nationalLevel, outcomes, partOf, participation, proof, qualityAssurance, route, subjects, title, validUntil",
            "  - just a string => x.yaml: credentials[0]: must be a mapping of fields, not 'just a string'",
    })
    void badCredentialFieldsAreNamed(String credentials, String message) {
        assertEquals(message, error(HEAD + credentials + "\n"));
    }

    @Test
    void duplicateCredentialIdsNameBothPlaces() {
        assertEquals("x.yaml: credentials[2].id: duplicate credential id 'A' (first used by credentials[0])",
                error(HEAD + "  - {id: A, title: T}\n  - {id: B, title: U}\n  - {id: A, title: V}\n"));
    }

    @Test
    void malformedYamlNamesTheLine() {
        assertEquals("x.yaml: line 4, column 4: malformed YAML: while parsing a flow mapping",
                error(HEAD + "  - {id: A, title: T\n  - {id: B}\n"));
    }

    @Test
    void malformedJsonNamesTheLine() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> LearnerFiles.parse("{\"learner\": {\"id\": \"L\"},\n \"credentials\": [}", "x.json", true));
        assertEquals("x.json", e.file());
        assertEquals("line 2, column 18", e.where());
    }

    @Test
    void duplicateKeysAreAnError() {
        String m = error("learner: {id: L-1}\nlearner: {id: L-2}\ncredentials: []\n");
        assertEquals(true, m.startsWith("x.yaml: line 2, column "), m);
        assertEquals(true, m.contains("Duplicate field 'learner'"), m);
    }

    @Test
    void theLearnerIsRequired() {
        assertEquals("x.yaml: learner: is missing; expected {id: ..., name: ...}", error("credentials: []\n"));
        assertEquals("x.yaml: learner.id: is missing", error("learner: {name: X}\n"));
        assertEquals("x.yaml: file: is empty; expected a learner record with 'learner' and 'credentials'", error(""));
        assertEquals("x.yaml: file: must be a mapping of fields, not a list", error("- a\n- b\n"));
    }

    @Test
    void aMissingFileIsAnInputError(@TempDir Path dir) {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> LearnerFiles.read(dir.resolve("nope.yaml")));
        assertEquals(dir.resolve("nope.yaml") + ": file: no such file", e.getMessage());
    }

    @Test
    void foldersExpandToTheirLearnerFilesInNameOrder(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("sub"));
        Files.writeString(dir.resolve("b.yaml"), "");
        Files.writeString(dir.resolve("a.json"), "");
        Files.writeString(dir.resolve("sub/c.yml"), "");
        Files.writeString(dir.resolve("notes.txt"), "");
        assertEquals(List.of(dir.resolve("a.json"), dir.resolve("b.yaml"), dir.resolve("sub/c.yml")),
                LearnerFiles.expand(List.of(dir)));
    }
}
