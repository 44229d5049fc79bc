package org.accrue.cli;

import org.accrue.BytecodeReferences;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The command line uses the engine as any embedder would: through its public packages only. Read from the
 * compiled classes (every type, method and field they refer to), so no way of naming an internal class escapes.
 */
class ModuleBoundaryTest {
    /** The engine's internal packages (docs/architecture.md). */
    static final List<String> INTERNAL = List.of("org/accrue/ruleset/", "org/accrue/evaluation/",
            "org/accrue/allocation/");

    @Test
    void theCommandLineUsesNoInternalPackageOfTheEngine() throws Exception {
        Path classes = Path.of("target/classes");
        assertTrue(Files.isDirectory(classes.resolve("org/accrue/cli")), "compiled command line");
        assertEquals(Set.of(), BytecodeReferences.find(classes, self -> true, INTERNAL));
    }
}
