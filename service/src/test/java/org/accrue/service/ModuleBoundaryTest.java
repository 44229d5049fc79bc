package org.accrue.service;

import org.accrue.BytecodeReferences;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The service is built on the engine as a library: its compiled classes refer to no internal package of the
 * engine (docs/architecture.md), and to nothing of the command line.
 */
class ModuleBoundaryTest {
    @Test
    void theServiceUsesTheEngineAsAnyEmbedderWould() throws Exception {
        Path classes = Path.of("target/classes");
        assertTrue(Files.isDirectory(classes.resolve("org/accrue/service/http")), "compiled service");
        assertEquals(Set.of(), BytecodeReferences.find(classes, self -> true, List.of("org/accrue/ruleset/",
                "org/accrue/evaluation/", "org/accrue/allocation/", "org/accrue/cli/", "org/accrue/batch/",
                "picocli/")));
    }
}
