package org.accrue.cli;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The README's example report is what {@code accrue evaluate} prints: every line of it, in order. */
class ReadmeExampleTest {
    static final Path REPO = Path.of(System.getProperty("accrue.repo", ".."));

    @Test
    void theReadmeExampleIsTheRealOutput() throws Exception {
        String readme = Files.readString(REPO.resolve("README.md"));
        int start = readme.indexOf("```\n") + 4;
        List<String> example = readme.substring(start, readme.indexOf("```", start)).lines()
                .filter(l -> !l.strip().equals("...")).toList();
        assertEquals("Chen Wei (L-0003) - samples/chen-allocation.yaml", example.get(0));
        Cli r = Cli.run("evaluate", "--as-of", "2026-11-28", REPO.resolve("samples/chen-allocation.yaml").toString());
        assertEquals(0, r.status(), r.err());
        List<String> out = r.out().replace(REPO.resolve("samples") + "/", "samples/").lines().toList();
        int at = 0;
        for (String line : example) {
            int found = out.subList(at, out.size()).indexOf(line);
            assertTrue(found >= 0, () -> "README line not in the output (in order): " + line + "\n" + r.out());
            at += found + 1;
        }
    }
}
