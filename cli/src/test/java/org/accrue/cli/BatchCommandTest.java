package org.accrue.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.accrue.TestRuleSets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code accrue batch} and {@code accrue generate}, end to end. */
class BatchCommandTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final Path SAMPLES = TestRuleSets.REPO.resolve("samples");

    static Path generate(Path dir, int learners, long seed) {
        Path file = dir.resolve("population-" + seed + ".jsonl");
        Cli r = Cli.run("generate", "--learners", Integer.toString(learners), "--seed", Long.toString(seed),
                "--as-of", "2026-11-28", "--out", file.toString());
        assertEquals(0, r.status(), r.err());
        return file;
    }

    @Test
    void theSameSeedGivesTheSameBytes(@TempDir Path dir) throws Exception {
        Path a = generate(dir.resolve("a"), 300, 42);
        Path b = generate(dir.resolve("b"), 300, 42);
        Path c = generate(dir.resolve("c"), 300, 43);
        assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(b));
        assertFalse(java.util.Arrays.equals(Files.readAllBytes(a), Files.readAllBytes(c)));
        assertEquals(300, Files.readAllLines(a).size());
    }

    /**
     * A catalogue population: learners share courses (the same provider, code, title, credit, level and subjects
     * for every holder) and hold each with their own issue date; with a catalogue of 0 every credential is its own.
     */
    @Test
    void learnersShareTheCoursesOfACatalogue(@TempDir Path dir) throws Exception {
        java.util.function.BiFunction<Path, String, List<JsonNode>> credentials = (file, size) -> {
            Cli r = Cli.run("generate", "--learners", "2000", "--seed", "5", "--as-of", "2026-11-28",
                    "--catalogue-size", size, "--out", file.toString());
            assertEquals(0, r.status(), r.err());
            List<JsonNode> all = new java.util.ArrayList<>();
            try {
                for (String line : Files.readAllLines(file)) {
                    JsonNode learner = JSON.readTree(line);
                    java.util.Set<String> codes = new java.util.HashSet<>();
                    for (JsonNode c : learner.get("credentials")) {
                        all.add(c);
                        assertTrue(size.equals("0") || codes.add(c.get("code").asText()), "a course held twice: " + line);
                    }
                }
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            return all;
        };
        List<JsonNode> shared = credentials.apply(dir.resolve("shared.jsonl"), "60");
        java.util.Map<String, String> course = new java.util.HashMap<>();
        java.util.Map<String, java.util.Set<String>> issued = new java.util.HashMap<>();
        for (JsonNode c : shared) {
            com.fasterxml.jackson.databind.node.ObjectNode what = c.deepCopy();
            what.remove(List.of("id", "issued", "identityVerified", "route"));
            String before = course.putIfAbsent(c.get("code").asText(), what.toString());
            assertTrue(before == null || before.equals(what.toString()), "one code, two courses: " + before + " " + what);
            issued.computeIfAbsent(c.get("code").asText(), k -> new java.util.HashSet<>()).add(c.get("issued").asText());
        }
        assertTrue(course.size() <= 60 && course.size() > 40, course.size() + " courses");
        assertTrue(issued.values().stream().allMatch(d -> d.size() > 1), "each holder has their own issue date");
        List<JsonNode> unique = credentials.apply(dir.resolve("unique.jsonl"), "0");
        long distinct = unique.stream().map(c -> {
            com.fasterxml.jackson.databind.node.ObjectNode what = c.deepCopy();
            what.remove(List.of("id", "issued", "identityVerified", "route"));
            return what.toString();
        }).distinct().count();
        assertTrue(distinct > unique.size() * 99 / 100, distinct + " of " + unique.size());
        assertEquals(ExitStatus.USAGE, Cli.run("generate", "--learners", "1", "--catalogue-size", "-1", "--out",
                dir.resolve("x.jsonl").toString()).status());
    }

    @Test
    void generatedYamlFilesAreLearnerFiles(@TempDir Path dir) throws Exception {
        Cli r = Cli.run("generate", "--learners", "5", "--seed", "3", "--as-of", "2026-11-28", "--out", dir.resolve("pop").toString());
        assertEquals(0, r.status(), r.err());
        Cli e = Cli.run("evaluate", "--as-of", "2026-11-28", "--format", "json", dir.resolve("pop").toString());
        assertEquals(0, e.status(), e.err());
        assertEquals(5, e.out().lines().count());
    }

    @Test
    void everyRecordIsAccountedForAndBadOnesAreRejectedWithTheirSource(@TempDir Path dir) throws Exception {
        Path jsonl = dir.resolve("mixed.jsonl");
        Files.writeString(jsonl, String.join("\n",
                "{\"learner\": {\"id\": \"L-1\"}, \"credentials\": [{\"id\": \"A\", \"title\": \"T\", \"credit\": {\"value\": 60, \"system\": \"SCQF\"}, \"level\": {\"framework\": \"SCQF\", \"value\": 9}, \"assessment\": \"summative\", \"qualityAssurance\": \"external\"}]}",
                "{\"learner\": {\"id\": \"L-2\"}, \"credentials\": [{\"id\": \"A\", \"title\": \"T\", \"level\": {\"framework\": \"SCQF\", \"value\": 13}}]}",
                "",
                "{\"learner\": ",
                "{\"learner\": {\"id\": \"L-4\"}, \"credentials\": []}") + "\n");
        Path out = dir.resolve("out.jsonl");
        Path csv = dir.resolve("summary.csv");
        Cli r = Cli.run("batch", "--as-of", "2026-11-28", "--out", out.toString(), "--summary", "--summary-csv",
                csv.toString(), jsonl.toString(), SAMPLES.resolve("kai-masters.yaml").toString());
        assertEquals(ExitStatus.BAD_INPUT, r.status(), r.err());
        assertTrue(r.out().startsWith("read 5 = evaluated 3 + rejected 2\n"), r.out());
        assertTrue(r.out().matches("(?s).*\nscqf-graduate-certificate +2 +1\n.*"), r.out());
        List<String> results = Files.readAllLines(out);
        assertEquals(List.of("L-1", "L-4", "L-0011"), results.stream().map(l -> id(l)).toList(), "input order");
        assertEquals(jsonl + ":1", JSON.readTree(results.get(0)).get("source").asText());
        List<JsonNode> rejects = new ArrayList<>();
        for (String l : Files.readAllLines(dir.resolve("out.jsonl.rejects.jsonl"))) {
            rejects.add(JSON.readTree(l));
        }
        assertEquals(jsonl + ":2", rejects.get(0).get("source").asText());
        assertEquals(jsonl + ":2: credentials[0].level.value: 13 is outside SCQF levels 1-12", rejects.get(0).get("reason").asText());
        assertEquals(jsonl + ":4", rejects.get(1).get("source").asText(), "blank line 3 is no record");
        assertTrue(rejects.get(1).get("reason").asText().contains("malformed JSON"), rejects.get(1).toString());
        String summary = Files.readString(csv);
        assertTrue(summary.startsWith("kind,name,eligible,not_eligible,count\nrecords,read,,,5\nrecords,evaluated,,,3\nrecords,rejected,,,2\n"), summary);
        assertTrue(summary.contains("rejection,credentials[].level.value: N is outside SCQF levels N-N,,,1\n"), summary);
    }

    static String id(String jsonLine) {
        try {
            return JSON.readTree(jsonLine).at("/learner/id").asText();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void theOutputIsTheSameBytesWhateverTheThreadCount(@TempDir Path dir) throws Exception {
        Path population = generate(dir, 600, 5);
        Path one = dir.resolve("one.jsonl");
        Path four = dir.resolve("four.jsonl");
        assertEquals(0, Cli.run("batch", "--as-of", "2026-11-28", "--threads", "1", "--out", one.toString(), population.toString()).status());
        assertEquals(0, Cli.run("batch", "--as-of", "2026-11-28", "--threads", "4", "--out", four.toString(), population.toString()).status());
        assertArrayEquals(Files.readAllBytes(one), Files.readAllBytes(four));
        assertEquals(600, Files.readAllLines(one).size());
    }

    @Test
    void anUnknownAwardIsAUsageErrorBeforeAnythingIsWritten(@TempDir Path dir) {
        Path out = dir.resolve("out.jsonl");
        Cli r = Cli.run("batch", "--award", "scqf-phd", "--out", out.toString(), SAMPLES.toString());
        assertEquals(ExitStatus.USAGE, r.status());
        assertEquals("accrue batch: --award 'scqf-phd': unknown award; 'accrue awards' lists the 26 awards of the "
                + "rule set\n", r.err());
        assertFalse(Files.exists(out));
    }

    @Test
    void anExistingOutputIsNotOverwrittenWithoutForce(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("out.jsonl");
        Files.writeString(out, "precious\n");
        Cli r = Cli.run("batch", "--out", out.toString(), SAMPLES.resolve("kai-masters.yaml").toString());
        assertEquals(ExitStatus.USAGE, r.status());
        assertEquals("accrue batch: " + out + ": exists; --resume continues the run that wrote it, --force starts again\n", r.err());
        assertEquals("precious\n", Files.readString(out));
        assertEquals(0, Cli.run("batch", "--force", "--out", out.toString(), SAMPLES.resolve("kai-masters.yaml").toString()).status());
        assertEquals("L-0011", id(Files.readAllLines(out).get(0)));
    }

    @Test
    void resumingWithoutACheckpointOrWithOtherInputsIsRefused(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("out.jsonl");
        Cli r = Cli.run("batch", "--resume", "--out", out.toString(), SAMPLES.toString());
        assertEquals(ExitStatus.USAGE, r.status());
        assertTrue(r.err().contains("no checkpoint to resume from"), r.err());
        assertEquals(0, Cli.run("batch", "--as-of", "2026-11-28", "--out", out.toString(), SAMPLES.resolve("kai-masters.yaml").toString()).status());
        r = Cli.run("batch", "--resume", "--as-of", "2026-11-28", "--out", out.toString(), SAMPLES.toString());
        assertEquals(ExitStatus.USAGE, r.status());
        assertTrue(r.err().contains("the checkpoint is for another batch"), r.err());
    }

    @Test
    void aBatchAtALevelOfDetailWritesWhatEvaluateWritesAtItAndResumesOnlyAtIt(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("out.jsonl");
        Cli r = Cli.run("batch", "--as-of", "2026-11-28", "--detail", "verdicts", "--threads", "2", "--out",
                out.toString(), SAMPLES.toString());
        assertEquals(0, r.status(), r.err());
        Cli evaluate = Cli.run("evaluate", "--as-of", "2026-11-28", "--format", "json", "--detail", "verdicts",
                SAMPLES.toString());
        assertEquals(evaluate.out().lines().sorted().toList(), Files.readAllLines(out).stream().sorted().toList());
        assertTrue(Files.readString(out).contains("\"detail\":\"verdicts\""));
        // the checkpoint knows the level: a resume at another is another batch
        r = Cli.run("batch", "--resume", "--as-of", "2026-11-28", "--out", out.toString(), SAMPLES.toString());
        assertEquals(ExitStatus.USAGE, r.status());
        assertTrue(r.err().contains("the checkpoint is for another batch"), r.err());
        r = Cli.run("batch", "--resume", "--as-of", "2026-11-28", "--detail", "verdicts", "--out", out.toString(),
                SAMPLES.toString());
        assertEquals(0, r.status(), r.err());
    }

    /**
     * The batch is killed (SIGKILL) in the middle of a run, then resumed: the output is byte for byte the
     * output of a run that was never interrupted: no learner missing, none written twice.
     */
    @Test
    void aKilledRunResumesWithNothingLostAndNothingTwice(@TempDir Path dir) throws Exception {
        Path population = generate(dir, 6000, 11);
        Path expected = dir.resolve("expected.jsonl");
        assertEquals(0, Cli.run("batch", "--as-of", "2026-11-28", "--out", expected.toString(), population.toString()).status());

        Path out = dir.resolve("out.jsonl");
        Path checkpoint = dir.resolve("out.jsonl.checkpoint");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                "-Daccrue.cache.dir=" + System.getProperty("accrue.cache.dir", dir.resolve("cache").toString()),
                AccrueCommand.class.getName(), "batch", "--as-of", "2026-11-28", "--threads", "1",
                "--out", out.toString(), population.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("log.txt").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline && p.isAlive() && !(Files.exists(checkpoint)
                && JSON.readTree(Files.readString(checkpoint)).get("done").asLong() >= 2000)) {
            Thread.sleep(20);
        }
        assertTrue(p.isAlive(), "the batch finished before it could be killed: " + Files.readString(dir.resolve("log.txt")));
        p.destroyForcibly().waitFor();
        JsonNode at = JSON.readTree(Files.readString(checkpoint));
        assertFalse(at.get("complete").asBoolean());
        long killedAt = at.get("done").asLong();
        assertTrue(killedAt > 0 && killedAt < 6000, "killed at " + killedAt);

        Cli resumed = Cli.run("batch", "--resume", "--out", out.toString(), population.toString());
        assertEquals(0, resumed.status(), resumed.err());
        assertEquals("accrue batch: read 6000 = evaluated 6000 + rejected 0\n", resumed.err());
        assertArrayEquals(Files.readAllBytes(expected), Files.readAllBytes(out));
    }

    @Test
    void batchHelpDocumentsItsOptions() {
        Cli r = Cli.run("batch", "--help");
        for (String s : List.of("--out", "--rejects", "--threads", "--resume", "--force", "--summary", "--summary-csv",
                "--quiet", "--as-of", "--award", "--rules", "Exit status:")) {
            assertTrue(r.out().contains(s), s);
        }
    }

    @Test
    void aLearnerOverTheTimeLimitIsRejectedWithItsReasonAndTheRunGoesOn(@TempDir Path dir) throws Exception {
        org.accrue.TestRuleSets.withRuleFile(dir, "rules/slow.drl", """
                rule "every two credits"
                when
                    Credit() Credit()
                then
                end
                """);
        StringBuilder big = new StringBuilder("{\"learner\": {\"id\": \"L-BIG\"}, \"credentials\": [");
        for (int i = 0; i < 1000; i++) {
            big.append(i == 0 ? "" : ",").append("{\"id\": \"C").append(i).append("\", \"title\": \"T\", ")
                    .append("\"credit\": {\"value\": 10, \"system\": \"SCQF\"}, ")
                    .append("\"level\": {\"framework\": \"SCQF\", \"value\": 9}}");
        }
        Path jsonl = dir.resolve("in.jsonl");
        Files.writeString(jsonl, big + "]}\n{\"learner\": {\"id\": \"L-2\"}, \"credentials\": []}\n");
        Path out = dir.resolve("out.jsonl");
        Cli r = Cli.run("batch", "--as-of", "2026-11-28", "--summary", "--time-limit", "0.02", "--rules",
                dir.resolve("frameworks").toString(), "--rules", dir.resolve("rules").toString(), "--out",
                out.toString(), jsonl.toString());
        assertEquals(ExitStatus.BAD_INPUT, r.status(), r.err());
        assertTrue(r.out().startsWith("read 2 = evaluated 1 + rejected 1\n"), r.out());
        JsonNode reject = JSON.readTree(Files.readAllLines(dir.resolve("out.jsonl.rejects.jsonl")).get(0));
        assertEquals(jsonl + ":1", reject.get("source").asText());
        assertTrue(reject.get("reason").asText().startsWith(jsonl + ":1: not evaluated (time-limit): the evaluation "
                + "took longer than its time limit of 0.02 s"), reject.toString());
        assertEquals(List.of("L-2"), Files.readAllLines(out).stream().map(BatchCommandTest::id).toList());
    }
}
