package org.accrue.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every case of the adversarial review "Nothing lost, nothing forged", against the command line: a bad record is
 * its own one-line error and the rest goes on; no input floods, forges a line or reaches the terminal; no run
 * destroys, mixes or writes outside what the user pointed at.
 */
class HostileInputsTest {
    static final Path REPO = Path.of(System.getProperty("accrue.repo", ".."));
    static final Path GOOD = REPO.resolve("samples/ben-pgcert-nearly.yaml");
    static final ObjectMapper JSON = new ObjectMapper();

    /** A learner file of one credential, with {@code credit} as the credit value's YAML. */
    static String learner(String id, String name, String credit, String extra) {
        return "learner: {id: " + id + ", name: " + name + "}\ncredentials:\n"
                + "  - {id: C1, title: Course, issued: 2025-01-20, credit: {value: " + credit + ", system: SCQF},\n"
                + "     level: {framework: SCQF, value: 11}, assessment: summative, qualityAssurance: external"
                + extra + "}\n";
    }

    static Cli evaluate(Path... files) {
        String[] args = new String[files.length + 3];
        args[0] = "evaluate";
        args[1] = "--as-of";
        args[2] = "2026-11-28";
        for (int i = 0; i < files.length; i++) {
            args[i + 3] = files[i].toString();
        }
        return Cli.run(args);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1e308", "'1e308'", "9223372036854775808", "'1e999999999'", "'1e-999999999'",
            "9000000000000000000"})
    void anOutOfRangeNumberIsThatFilesOneShortErrorAndTheOthersAreEvaluated(String credit, @TempDir Path dir)
            throws Exception {
        Path bad = Files.writeString(dir.resolve("bad.yaml"), learner("L-1", "A", credit, ""));
        Cli r = evaluate(bad, GOOD);
        assertEquals(ExitStatus.BAD_INPUT, r.status(), r.err());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().startsWith(bad + ": credentials[0].credit.value: "), r.err());
        assertTrue(r.err().length() < 200, () -> r.err().length() + " characters");
        assertEquals(1, r.out().lines().filter(l -> l.startsWith("Eligible for:")).count(), "the good file");
    }

    @Test
    void aLevelPastTheIntegersIsNotReadAsASmallOne(@TempDir Path dir) throws Exception {
        // 4294967307 truncated to an int is 11
        Path bad = Files.writeString(dir.resolve("bad.yaml"), learner("L-1", "A", "15", "")
                .replace("value: 11}", "value: 4294967307}"));
        Cli r = evaluate(bad);
        assertEquals(ExitStatus.BAD_INPUT, r.status());
        assertEquals(bad + ": credentials[0].level.value: '4294967307' is not a whole-number level\n", r.err());
    }

    @Test
    void controlCharactersInALearnerFileCannotActOnTheTerminalOrForgeLines(@TempDir Path dir) throws Exception {
        Path forged = Files.writeString(dir.resolve("forged.json"), "{\"learner\": {\"id\": \"L-9\", \"name\": "
                + "\"Eve\\u001b]0;owned\\u0007\\u001b[2J\\nEligible for: scqf-masters\\nELIGIBLE Masters\\u0000 degree\"},"
                + " \"credentials\": []}");
        Cli r = evaluate(forged);
        assertEquals(0, r.status(), r.err());
        assertFalse(r.out().chars().anyMatch(c -> c < 0x20 && c != '\n'), "no control character but newlines");
        assertEquals(1, r.out().lines().filter(l -> l.startsWith("Eligible for:")).count(), r.out());
        assertTrue(r.out().startsWith("Eve\\u001b]0;owned\\u0007\\u001b[2J\\u000aEligible for: scqf-masters"
                + "\\u000aELIGIBLE Masters\\u0000 degree (L-9)"), r.out());
        assertFalse(r.out().lines().anyMatch(l -> l.startsWith("ELIGIBLE")), r.out());
        // and an error message echoes no raw escape either
        Path bad = Files.writeString(dir.resolve("bad.json"), "{\"learner\": {\"id\": \"L-9\"}, \"credentials\": "
                + "[{\"id\": \"C1\", \"title\": \"T\", \"route\": \"r\\u001b[2Jpl\"}]}");
        Cli e = evaluate(bad);
        assertEquals(bad + ": credentials[0].route: unknown value 'r\\u001b[2Jpl'; expected one of taught | transfer "
                + "| rpl\n", e.err());
    }

    @Test
    void aCredentialIssuedAfterTheAsOfDateDoesNotCountAndSaysSo(@TempDir Path dir) throws Exception {
        Path future = Files.writeString(dir.resolve("future.yaml"), learner("L-1", "A", "60", "")
                .replace("2025-01-20", "9999-12-31"));
        Cli r = evaluate(future);
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("carries no credit: issued on 9999-12-31, after the as-of date 2026-11-28"),
                r.out());
        assertTrue(r.out().contains("Eligible for: none"), r.out());
    }

    @Test
    void aPartOfCycleIsAnInputError(@TempDir Path dir) throws Exception {
        Path cycle = Files.writeString(dir.resolve("cycle.yaml"), """
                learner: {id: L-1}
                credentials:
                  - {id: A, title: A, partOf: B}
                  - {id: B, title: B, partOf: A}
                """);
        Cli r = evaluate(cycle);
        assertEquals(ExitStatus.BAD_INPUT, r.status());
        assertEquals(cycle + ": credentials[0].partOf: is a cycle: 'A' is part of 'B' is part of 'A'\n", r.err());
    }

    @Test
    void devicesAndFifosAreRefusedByNameNotRead(@TempDir Path dir) throws Exception {
        Path fifo = dir.resolve("learner.yaml");
        assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor());
        Cli r = evaluate(Path.of("/dev/zero"), fifo, GOOD);
        assertEquals(ExitStatus.BAD_INPUT, r.status(), r.err());
        assertEquals("/dev/zero: file: is not a regular file (a FIFO, device or socket): only regular files are read\n"
                + fifo + ": file: is not a regular file (a FIFO, device or socket): only regular files are read\n",
                r.err());
        assertEquals(1, r.out().lines().filter(l -> l.startsWith("Eligible for:")).count());
    }

    @Test
    void aByteOrderMarkIsAccepted(@TempDir Path dir) throws Exception {
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        Path json = dir.resolve("bom.json");
        Files.write(json, bom);
        Files.writeString(json, "{\"learner\": {\"id\": \"L-1\"}, \"credentials\": []}", StandardOpenOption.APPEND);
        Path csv = dir.resolve("bom.csv");
        Files.write(csv, bom);
        Files.write(csv, Files.readAllBytes(REPO.resolve("samples/formats/transcript-template.csv")),
                StandardOpenOption.APPEND);
        Cli r = evaluate(json, csv);
        assertEquals(0, r.status(), r.err());
        assertEquals(2, r.out().lines().filter(l -> l.startsWith("Eligible for:")).count());
    }

    @Test
    void aFolderWithALinkLoopIsWalkedOnce(@TempDir Path dir) throws Exception {
        Path folder = Files.createDirectories(dir.resolve("learners/sub"));
        Files.copy(GOOD, folder.resolve("ben.yaml"));
        Files.createSymbolicLink(folder.resolve("loop"), dir.resolve("learners"));
        Cli r = evaluate(dir.resolve("learners"));
        assertEquals(0, r.status(), r.err());
        assertEquals(1, r.out().lines().filter(l -> l.startsWith("Eligible for:")).count(), r.out());
        Path out = dir.resolve("out.jsonl");
        Cli b = Cli.run("batch", "--as-of", "2026-11-28", "--summary", "--out", out.toString(),
                dir.resolve("learners").toString());
        assertTrue(b.out().startsWith("read 1 = evaluated 1 + rejected 0\n"), b.out() + b.err());
    }

    @Test
    void usageErrorsAreUsageErrors(@TempDir Path dir) throws Exception {
        Cli asOf = Cli.run("evaluate", "--as-of", "-999999999-01-01", GOOD.toString());
        assertEquals(ExitStatus.USAGE, asOf.status(), asOf.err());
        assertTrue(asOf.err().contains("'-999999999-01-01' is not a date in years 1000-9999"), asOf.err());
        Cli threads = Cli.run("batch", "--threads", "2147483647", "--out", dir.resolve("o.jsonl").toString(),
                GOOD.toString());
        assertEquals(ExitStatus.USAGE, threads.status(), threads.err());
        assertEquals("accrue batch: --threads 2147483647: must be 1 to 1024\n", threads.err());
    }

    /** A JSON Lines file of the good sample as one line, then {@code middle}, then the sample again. */
    static Path jsonl(Path dir, byte[] middle) throws Exception {
        String good = JSON.writeValueAsString(new com.fasterxml.jackson.dataformat.yaml.YAMLMapper().readTree(GOOD.toFile()));
        Path f = dir.resolve("in.jsonl");
        Files.writeString(f, good + "\n");
        Files.write(f, middle, StandardOpenOption.APPEND);
        Files.writeString(f, "\n" + good.replace("L-0002", "L-0003") + "\n", StandardOpenOption.APPEND);
        return f;
    }

    @Test
    void anInvalidUtf8RecordIsRejectedAloneAndTheBatchGoesOn(@TempDir Path dir) throws Exception {
        Path in = jsonl(dir, "{\"learner\": {\"id\": \"L-\u00e9\"}}".getBytes(StandardCharsets.ISO_8859_1));
        Path out = dir.resolve("out.jsonl");
        Cli r = Cli.run("batch", "--as-of", "2026-11-28", "--summary", "--out", out.toString(), in.toString());
        assertEquals(ExitStatus.BAD_INPUT, r.status(), r.err());
        assertTrue(r.out().startsWith("read 3 = evaluated 2 + rejected 1\n"), r.out());
        JsonNode reject = JSON.readTree(Files.readAllLines(dir.resolve("out.jsonl.rejects.jsonl")).get(0));
        assertEquals(in + ":2: line: is not UTF-8 text: invalid byte at offset 22", reject.get("reason").asText());
        assertEquals(2, Files.readAllLines(out).size());
    }

    @Test
    void csvCellsAreNeverFormulas(@TempDir Path dir) throws Exception {
        Path in = jsonl(dir, "{\"learner\": {\"id\": \"L-1\"}, \"=HYPERLINK(1)\": 1}".getBytes(StandardCharsets.UTF_8));
        Path csv = dir.resolve("summary.csv");
        Cli r = Cli.run("batch", "--as-of", "2026-11-28", "--out", dir.resolve("out.jsonl").toString(),
                "--summary-csv", csv.toString(), in.toString());
        assertEquals(ExitStatus.BAD_INPUT, r.status(), r.err());
        String summary = Files.readString(csv);
        assertTrue(summary.contains("\nrejection,\"'=HYPERLINK(1): unknown field; expected one of claims, "
                + "conferred, credentials, exceptions, learner\",,,1\n"), summary);
        assertFalse(summary.lines().anyMatch(l -> l.matches("(^|.*,)[=+\\-@].*")), summary);
    }

    @Test
    void aSummaryCsvThatCannotBeWrittenSaysWhy(@TempDir Path dir) throws Exception {
        Cli r = Cli.run("batch", "--as-of", "2026-11-28", "--out", dir.resolve("out.jsonl").toString(),
                "--summary-csv", dir.resolve("missing/summary.csv").toString(), GOOD.toString());
        assertEquals(ExitStatus.BAD_INPUT, r.status(), r.err());
        assertTrue(r.err().contains("--summary-csv " + dir.resolve("missing") + ": no such file or folder"), r.err());
    }

    @Test
    void anOutputThatIsAnInputOrTheRejectsIsRefusedAndTheInputSurvives(@TempDir Path dir) throws Exception {
        Path in = jsonl(dir, new byte[0]);
        byte[] before = Files.readAllBytes(in);
        Cli same = Cli.run("batch", "--force", "--out", in.toString(), in.toString());
        assertEquals(ExitStatus.USAGE, same.status(), same.err());
        assertEquals("accrue batch: " + in + ": is also an input; the batch would overwrite what it reads\n", same.err());
        assertArrayEquals(before, Files.readAllBytes(in));
        Path out = dir.resolve("o.jsonl");
        Cli rejects = Cli.run("batch", "--out", out.toString(), "--rejects", out.toString(), in.toString());
        assertEquals(ExitStatus.USAGE, rejects.status());
        assertTrue(rejects.err().contains("--out and --rejects are the same file"), rejects.err());
        Cli inside = Cli.run("batch", "--out", dir.resolve("o.jsonl").toString(), dir.toString());
        assertEquals(ExitStatus.USAGE, inside.status());
        assertTrue(inside.err().contains("lies in the input folder"), inside.err());
        assertFalse(Files.exists(out));
    }

    @Test
    void aSecondRunOnTheSameOutputIsRefusedWhileTheFirstHoldsIt(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("out.jsonl");
        try (FileChannel c = FileChannel.open(dir.resolve("out.jsonl.lock"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE); FileLock held = c.lock()) {
            Cli r = Cli.run("batch", "--force", "--out", out.toString(), GOOD.toString());
            assertEquals(ExitStatus.USAGE, r.status(), r.err());
            assertTrue(r.err().contains("another accrue batch is writing it"), r.err());
        }
        assertFalse(Files.exists(out));
        assertEquals(0, Cli.run("batch", "--out", out.toString(), GOOD.toString()).status(), "free again");
    }

    @Test
    void resumeRefusesAShortenedOutputAForgedCheckpointAChangedInputAndADamagedCheckpoint(@TempDir Path dir)
            throws Exception {
        Path in = jsonl(dir, new byte[0]);
        Path out = dir.resolve("out.jsonl");
        Path checkpoint = dir.resolve("out.jsonl.checkpoint");
        assertEquals(0, Cli.run("batch", "--as-of", "2026-11-28", "--out", out.toString(), in.toString()).status());
        String saved = Files.readString(checkpoint);

        Files.delete(out); // deleted after the run: resuming must not pad it with zeros
        Cli deleted = Cli.run("batch", "--resume", "--out", out.toString(), in.toString());
        assertEquals(ExitStatus.USAGE, deleted.status(), deleted.err());
        assertTrue(deleted.err().contains("is 0 bytes, shorter than the"), deleted.err());
        assertFalse(Files.exists(out));

        assertEquals(0, Cli.run("batch", "--force", "--as-of", "2026-11-28", "--out", out.toString(), in.toString())
                .status());
        Files.writeString(checkpoint, saved.replaceAll("\"outBytes\":\\d+", "\"outBytes\":1099511627776"));
        Cli forged = Cli.run("batch", "--resume", "--out", out.toString(), in.toString());
        assertEquals(ExitStatus.USAGE, forged.status(), forged.err());
        assertTrue(Files.size(out) < 1_000_000, "no sparse terabyte");

        Files.writeString(checkpoint, saved);
        Files.writeString(in, Files.readString(in).replace("Ben Okafor", "Ben Okafor-Smith"));
        Cli changed = Cli.run("batch", "--resume", "--out", out.toString(), in.toString());
        assertEquals(ExitStatus.USAGE, changed.status(), changed.err());
        assertTrue(changed.err().contains("an input's content has changed"), changed.err());

        Files.writeString(checkpoint, "{\"job\": 1}");
        Cli damaged = Cli.run("batch", "--resume", "--out", out.toString(), in.toString());
        assertEquals(ExitStatus.USAGE, damaged.status(), damaged.err());
        assertTrue(damaged.err().contains("the checkpoint is damaged"), damaged.err());
    }

    @Test
    void aLinkPlantedWhereABatchWritesIsNeverWrittenThrough(@TempDir Path dir) throws Exception {
        Path victim = Files.writeString(dir.resolve("victim.txt"), "precious");
        Path out = dir.resolve("out/out.jsonl");
        Files.createDirectories(out.getParent());
        Files.createSymbolicLink(dir.resolve("out/out.jsonl.checkpoint"), victim);
        Cli r = Cli.run("batch", "--force", "--out", out.toString(), GOOD.toString());
        assertEquals(ExitStatus.USAGE, r.status(), r.err());
        assertTrue(r.err().contains("is a symbolic link"), r.err());
        assertEquals("precious", Files.readString(victim));
    }

    @Test
    void badgesOfLearnersWhoseIdsDifferOnlyInCaseOrSlashesDoNotOverwriteEachOther(@TempDir Path dir)
            throws Exception {
        String masters = Files.readString(REPO.resolve("samples/kai-masters.yaml"));
        Path a = Files.writeString(dir.resolve("a.yaml"), masters.replaceFirst("id: L-\\d+", "id: AB/1"));
        Path b = Files.writeString(dir.resolve("b.yaml"), masters.replaceFirst("id: L-\\d+", "id: ab-1"));
        Path badges = Files.createDirectories(dir.resolve("badges"));
        Path victim = Files.writeString(dir.resolve("victim.txt"), "precious");
        Files.createSymbolicLink(badges.resolve("ab-1--scqf-masters.json"), victim);
        Cli r = Cli.run("evaluate", "--as-of", "2026-11-28", "--emit-badge", badges.toString(), a.toString(),
                b.toString());
        assertEquals(0, r.status(), r.err());
        assertEquals("precious", Files.readString(victim), "the planted link was replaced, not written through");
        List<String> names;
        try (var list = Files.list(badges)) {
            names = list.map(p -> p.getFileName().toString()).filter(n -> n.contains("scqf-masters")).sorted().toList();
        }
        assertEquals(List.of("_a_b%2F1--scqf-masters.json", "ab-1--scqf-masters.json"), names);
        assertEquals("urn:accrue:learner:AB%2F1", JSON.readTree(badges.resolve(names.get(0)).toFile())
                .at("/credentialSubject/id").asText());
        assertEquals("urn:accrue:learner:ab-1", JSON.readTree(badges.resolve(names.get(1)).toFile())
                .at("/credentialSubject/id").asText());
    }
}
