package org.accrue.spark;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The job refuses what it cannot run, in one line with its exit status, before starting Spark. */
class JobArgumentsTest {
    private static String[] run(String... args) throws Exception {
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            int status = Job.run(args);
            return new String[]{Integer.toString(status), captured.toString(StandardCharsets.UTF_8)};
        } finally {
            System.setErr(err);
        }
    }

    @Test
    void usageErrorsAreStatus2(@TempDir Path dir) throws Exception {
        String[] missing = run("--as-of", "2026-11-28", "in.jsonl");
        assertEquals("2", missing[0]);
        assertEquals("accrue spark: give --as-of D, --out DIR and at least one INPUT; usage: --as-of D [--rules DIR]... "
                + "[--award ID]... [--detail LEVEL] --out DIR INPUT...\n", missing[1]);
        String[] date = run("--as-of", "28/11/2026", "--out", dir.resolve("o").toString(), "in.jsonl");
        assertEquals("2", date[0]);
        assertTrue(date[1].startsWith("accrue spark: --as-of: '28/11/2026' is not a date YYYY-MM-DD"), date[1]);
        String[] option = run("--threads", "4");
        assertEquals("2", option[0]);
        assertTrue(option[1].startsWith("accrue spark: unknown option --threads"), option[1]);
        String[] award = run("--as-of", "2026-11-28", "--award", "phd", "--out", dir.resolve("o").toString(), "in.jsonl");
        assertEquals("2", award[0]);
        assertTrue(award[1].endsWith("accrue spark: --award 'phd': unknown award; usage: --as-of D [--rules DIR]... "
                + "[--award ID]... [--detail LEVEL] --out DIR INPUT...\n"), award[1]);
        String[] detail = run("--as-of", "2026-11-28", "--detail", "brief", "--out", dir.resolve("o").toString(),
                "in.jsonl");
        assertEquals("2", detail[0]);
        assertTrue(detail[1].startsWith("accrue spark: --detail: detail 'brief': expected verdicts, requirements or "
                + "full"), detail[1]);
    }

    @Test
    void aRuleSetThatDoesNotLoadIsStatus3WithItsProblems(@TempDir Path dir) throws Exception {
        Path rules = Files.createDirectories(dir.resolve("rules"));
        Files.writeString(rules.resolve("bad.drl"), "package x;\nrule \"r\" when then nonsense( end\n");
        String[] r = run("--as-of", "2026-11-28", "--rules", rules.toString(), "--out", dir.resolve("o").toString(),
                "in.jsonl");
        assertEquals("3", r[0]);
        assertTrue(r[1].contains("bad.drl:"), r[1]);
        assertTrue(r[1].endsWith("accrue spark: the rule set could not be loaded\n"), r[1]);
    }
}
