package org.accrue;

import org.accrue.reading.LearnerFiles;
import org.accrue.result.AwardResult;
import org.accrue.result.EvaluationResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The shipped samples, each checked by hand against the award tables (see the comment at the top of each
 * file). A change in any regulation shows up here as a changed verdict.
 */
class SamplesTest {
    static final Path SAMPLES = Path.of(System.getProperty("accrue.repo", "..")).resolve("samples");
    static final LocalDate AS_OF = LocalDate.of(2026, 11, 28);

    static final Map<String, List<String>> ELIGIBLE = Map.ofEntries(
            Map.entry("amira-pgcert-data-science.yaml", List.of("fheq-graduate-certificate", "fheq-pgcert",
                    "pgcert-data-science", "scqf-graduate-certificate", "scqf-graduate-certificate-10", "scqf-pgcert")),
            Map.entry("ben-pgcert-nearly.yaml", List.of()),
            Map.entry("chen-allocation.yaml", List.of("fheq-graduate-certificate", "fheq-pgcert",
                    "pgcert-data-science", "scqf-graduate-certificate", "scqf-graduate-certificate-10", "scqf-pgcert")),
            Map.entry("dana-recency.yaml", List.of("fheq-graduate-certificate", "fheq-pgcert",
                    "scqf-graduate-certificate", "scqf-graduate-certificate-10", "scqf-pgcert")),
            Map.entry("eli-transfer-cap.yaml", List.of("fheq-graduate-certificate", "fheq-pgcert",
                    "scqf-graduate-certificate", "scqf-graduate-certificate-10", "scqf-pgcert")),
            Map.entry("farah-certhe.yaml", List.of("fheq-certhe", "scqf-certhe")),
            Map.entry("gus-diphe-nearly.yaml", List.of("fheq-certhe", "scqf-certhe")),
            Map.entry("hana-honours.yaml", List.of("fheq-certhe", "fheq-diphe", "fheq-foundation-degree",
                    "fheq-graduate-certificate", "fheq-graduate-diploma", "fheq-honours-degree",
                    "fheq-ordinary-degree", "scqf-certhe", "scqf-diphe", "scqf-graduate-certificate",
                    "scqf-graduate-certificate-10", "scqf-graduate-diploma", "scqf-graduate-diploma-10",
                    "scqf-honours-degree", "scqf-ordinary-degree")),
            Map.entry("ivan-honours-nearly.yaml", List.of("fheq-certhe", "fheq-diphe", "fheq-foundation-degree",
                    "fheq-graduate-certificate", "fheq-graduate-diploma", "fheq-honours-degree",
                    "fheq-ordinary-degree", "scqf-certhe", "scqf-diphe", "scqf-graduate-certificate",
                    "scqf-graduate-certificate-10", "scqf-graduate-diploma", "scqf-ordinary-degree")),
            Map.entry("jo-graduate-diploma.yaml", List.of("fheq-certhe", "fheq-graduate-certificate",
                    "fheq-graduate-diploma", "scqf-certhe", "scqf-graduate-certificate",
                    "scqf-graduate-certificate-10", "scqf-graduate-diploma")),
            Map.entry("kai-masters.yaml", List.of("fheq-certhe", "fheq-graduate-certificate",
                    "fheq-graduate-diploma", "fheq-masters", "fheq-pgcert", "fheq-pgdip", "scqf-certhe",
                    "scqf-graduate-certificate", "scqf-graduate-certificate-10", "scqf-graduate-diploma",
                    "scqf-graduate-diploma-10", "scqf-masters", "scqf-pgcert", "scqf-pgdip")),
            Map.entry("lea-microcredentials.yaml", List.of()),
            Map.entry("max-no-credit.yaml", List.of()),
            Map.entry("noor-staff-exceptions.yaml", List.of("fheq-graduate-certificate", "fheq-pgcert",
                    "pgcert-data-science", "scqf-graduate-certificate", "scqf-graduate-certificate-10", "scqf-pgcert")),
            // with Machine Learning passed she would hold pgcert-data-science, the Graduate Certificate and the PgCert
            // Ireland: NFQ 9 is SCQF 11; 30 ECTS are 60 SCQF points
            Map.entry("siobhan-irish-pgcert.yaml", List.of("fheq-graduate-certificate", "fheq-pgcert",
                    "scqf-graduate-certificate", "scqf-graduate-certificate-10", "scqf-pgcert")),
            // a PgCert conferred: the PgDip shares its credit; the others count only the new 60 points
            Map.entry("tomas-conferred-pgcert.yaml", List.of("fheq-graduate-certificate", "fheq-pgcert",
                    "scqf-graduate-certificate", "scqf-graduate-certificate-10", "scqf-pgcert", "scqf-pgdip")),
            Map.entry("olga-failed-module.yaml", List.of()),
            // three countries, two of three core modules with C or better, three awarding bodies
            Map.entry("viktor-sustainable-energy.yaml", List.of("fheq-graduate-certificate", "fheq-pgcert",
                    "pgcert-sustainable-energy", "scqf-graduate-certificate", "scqf-graduate-certificate-10",
                    "scqf-pgcert")),
            // England: an honours degree there, an ordinary degree by the SCQF (FHEQ 6 is SCQF 9)
            Map.entry("owen-english-honours.yaml", List.of("fheq-certhe", "fheq-diphe", "fheq-foundation-degree",
                    "fheq-graduate-certificate", "fheq-graduate-diploma", "fheq-honours-degree",
                    "fheq-ordinary-degree", "scqf-certhe", "scqf-diphe", "scqf-graduate-certificate",
                    "scqf-graduate-diploma", "scqf-ordinary-degree")),
            // 540 with 420 at SCQF 12; every award below takes the same credit (no award conferred yet)
            Map.entry("paul-doctorate.yaml", List.of("fheq-certhe", "fheq-diphe", "fheq-foundation-degree",
                    "fheq-graduate-certificate", "fheq-graduate-diploma", "fheq-honours-degree",
                    "fheq-integrated-masters", "fheq-masters", "fheq-ordinary-degree", "fheq-pgcert", "fheq-pgdip",
                    "scqf-certhe", "scqf-diphe", "scqf-doctorate", "scqf-graduate-certificate",
                    "scqf-graduate-certificate-10", "scqf-graduate-diploma", "scqf-graduate-diploma-10",
                    "scqf-honours-degree", "scqf-masters", "scqf-ordinary-degree", "scqf-pgcert", "scqf-pgdip")),
            // 600 with 120 at SCQF 11; not a Masters (150 at level 11 needed)
            Map.entry("rosa-integrated-masters.yaml", List.of("fheq-certhe", "fheq-diphe", "fheq-foundation-degree",
                    "fheq-graduate-certificate", "fheq-graduate-diploma", "fheq-honours-degree",
                    "fheq-integrated-masters", "fheq-ordinary-degree", "fheq-pgcert", "fheq-pgdip", "scqf-certhe",
                    "scqf-diphe", "scqf-graduate-certificate", "scqf-graduate-certificate-10",
                    "scqf-graduate-diploma", "scqf-graduate-diploma-10", "scqf-honours-degree",
                    "scqf-integrated-masters", "scqf-ordinary-degree", "scqf-pgcert", "scqf-pgdip")));

    static EvaluationResult evaluate(String sample) throws Exception {
        return DefaultRules.get().evaluate(LearnerFiles.read(SAMPLES.resolve(sample)), AS_OF);
    }

    @Test
    void everySampleHasAnExpectation() throws Exception {
        try (Stream<Path> files = Files.list(SAMPLES)) {
            assertEquals(ELIGIBLE.keySet(), files.map(f -> f.getFileName().toString())
                    .filter(n -> n.endsWith(".yaml") && !n.equals("catalogue.yaml")).collect(java.util.stream.Collectors.toSet()));
        }
    }

    static Stream<String> samples() {
        return ELIGIBLE.keySet().stream().sorted();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void eligibleForExactlyTheExpectedAwards(String sample) throws Exception {
        List<String> eligible = evaluate(sample).awards().stream().filter(AwardResult::eligible)
                .map(AwardResult::award).sorted().toList();
        assertEquals(ELIGIBLE.get(sample), eligible);
    }

    @Test
    void everyAwardIsMetByOneSampleAndMissedByAnother() throws Exception {
        for (var award : DefaultRules.get().awards()) {
            long met = ELIGIBLE.values().stream().filter(l -> l.contains(award.id())).count();
            assertTrue(met >= 1 && met < ELIGIBLE.size(), award.id() + " met by " + met + " samples");
        }
    }

    @Test
    void theExceptionsSampleNamesWhoAuthorisedEachException() throws Exception {
        AwardResult a = evaluate("noor-staff-exceptions.yaml").award("pgcert-data-science").orElseThrow();
        assertEquals(List.of("Dr Jane Smith, Programme Director", "MSc Exam Board"),
                a.exceptions().stream().map(e -> e.authorisedBy()).toList());
        assertTrue(a.exceptions().stream().allMatch(e -> e.used()), a.exceptions()::toString);
    }

    @Test
    void theMicroCredentialSampleShowsEachClassification() throws Exception {
        EvaluationResult r = evaluate("lea-microcredentials.yaml");
        assertEquals(List.of("cmf-microcredential", "eu-microcredential"), r.credential("LM-01").orElseThrow().classifications());
        assertEquals(List.of("eu-microcredential"), r.credential("LM-02").orElseThrow().classifications());
        assertEquals(List.of("cmf-microcredential"), r.credential("LM-03").orElseThrow().classifications());
    }
}
