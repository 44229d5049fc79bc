package org.accrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.accrue.learner.LearnerRecord;
import org.accrue.reading.LearnerFiles;
import org.accrue.report.JsonReport;
import org.accrue.report.TextReport;
import org.accrue.result.EvaluationResult;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Explanations locked by snapshots, as degree-audit systems lock each catalogue: for every sample (the formats
 * too), the text report and the JSON result as of 2026-11-28 are committed under {@code engine/src/test/snapshots}
 * and compared byte for byte. A change of rules or wording shows as a readable diff in review. To accept a
 * change, rewrite them: {@code mvn -pl engine test -Dtest=SnapshotTest -Daccrue.snapshots=update}, and review
 * the diff before committing it.
 */
class SnapshotTest {
    static final Path REPO = TestRuleSets.REPO;
    static final Path SNAPSHOTS = REPO.resolve("engine/src/test/snapshots");
    static final LocalDate AS_OF = LocalDate.of(2026, 11, 28);
    static final ObjectMapper PRETTY = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    static final boolean UPDATE = "update".equals(System.getProperty("accrue.snapshots"));

    static List<String> samples() throws Exception {
        try (Stream<Path> files = Files.walk(REPO.resolve("samples"))) {
            return files.filter(f -> f.toString().matches(".*\\.(yaml|json|csv)$") && LearnerFiles.isLearnerFileName(f))
                    .map(f -> REPO.relativize(f).toString()).sorted().toList();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void theReportsOfEverySampleAreTheSnapshots(String sample) throws Exception {
        // read under its repository path, so that the reports name it the same wherever the test runs
        LearnerRecord record = LearnerFiles.parseAny(Files.readString(REPO.resolve(sample)), sample,
                sample.endsWith(".json"));
        EvaluationResult result = DefaultRules.get().evaluate(record, AS_OF);
        String text = TextReport.render(result);
        String json = PRETTY.writeValueAsString(PRETTY.readTree(JsonReport.line(result))) + "\n";
        compare(SNAPSHOTS.resolve(sample + ".txt"), text);
        compare(SNAPSHOTS.resolve(sample + ".json"), json);
    }

    private static void compare(Path snapshot, String actual) throws Exception {
        if (UPDATE) {
            Files.createDirectories(snapshot.getParent());
            Files.writeString(snapshot, actual);
            return;
        }
        String expected = Files.exists(snapshot) ? Files.readString(snapshot) : "(no snapshot: " + snapshot + ")";
        assertEquals(expected, actual, () -> snapshot + " differs; if the change is intended, rewrite the snapshots "
                + "with -Daccrue.snapshots=update and review the diff");
    }
}
