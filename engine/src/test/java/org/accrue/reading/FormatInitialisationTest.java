package org.accrue.reading;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The formats can be met in any order in a fresh JVM: one that reads a folder of badges before anything else
 * of the reading package (the order of {@code accrue evaluate} on such a folder) must find every format, not
 * a list of formats made while the badge format was still being made. Needs a JVM of its own: in the test
 * JVM the classes are long since initialised.
 */
class FormatInitialisationTest {
    static final Path FORMATS = Path.of(System.getProperty("accrue.repo", "..")).resolve("samples/formats");

    @Test
    void aFreshJvmThatMeetsABadgeFirstReadsIt(@TempDir Path dir) throws Exception {
        Files.copy(FORMATS.resolve("open-badge-ob3.json"), dir.resolve("badge.json"));
        List<String> path = new ArrayList<>(List.of("target/test-classes", "target/classes"));
        for (String p : List.of("jdk.module.path", "java.class.path")) {
            String v = System.getProperty(p, "");
            if (!v.isBlank()) {
                path.add(v);
            }
        }
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                String.join(File.pathSeparator, path), FirstBadgeProbe.class.getName(), dir.toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes()).strip();
        assertEquals(0, p.waitFor(), out);
        assertEquals(LearnerFiles.read(FORMATS.resolve("open-badge-ob3.json")).learner().id(), out.lines()
                .reduce((a, b) -> b).orElse(""), out);
    }
}
