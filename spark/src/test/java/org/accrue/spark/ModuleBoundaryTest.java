package org.accrue.spark;

import org.accrue.BytecodeReferences;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Spark module is built on the engine alone, as any embedder would use it: its compiled classes refer to no
 * internal package of the engine, and to nothing of the command line or the service (docs/architecture.md).
 */
class ModuleBoundaryTest {
    @Test
    void theSparkModuleUsesTheEngineAlone() throws Exception {
        Path classes = Path.of("target/classes");
        assertTrue(Files.isRegularFile(classes.resolve("org/accrue/spark/AccrueSpark.class")), "compiled module");
        assertEquals(Set.of(), BytecodeReferences.find(classes, self -> true, List.of("org/accrue/ruleset/",
                "org/accrue/evaluation/", "org/accrue/allocation/", "org/accrue/completion/", "org/accrue/cli/",
                "org/accrue/batch/", "org/accrue/service/", "org/kie/", "org/drools/")));
    }
}
