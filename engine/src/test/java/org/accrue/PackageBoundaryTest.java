package org.accrue;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Inside the engine, only the root package ({@code RuleSet}) reaches into the internal packages: the other
 * public packages (reading, results, reports, vocabulary, scenarios, io) are built on the public API alone, so
 * the internal ones can change without an embedder noticing. Read from the compiled classes.
 */
class PackageBoundaryTest {
    static final List<String> INTERNAL = List.of("org/accrue/ruleset/", "org/accrue/evaluation/",
            "org/accrue/allocation/");
    static final List<String> PUBLIC_BUT_ROOT = List.of("org/accrue/io/", "org/accrue/learner/",
            "org/accrue/reading/", "org/accrue/result/", "org/accrue/report/", "org/accrue/vocabulary/",
            "org/accrue/scenario/");

    @Test
    void noPublicPackageButTheRootUsesAnInternalOne() throws Exception {
        Path classes = Path.of(RuleSet.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        assertEquals(Set.of(), BytecodeReferences.find(classes,
                self -> PUBLIC_BUT_ROOT.stream().anyMatch(self::startsWith), INTERNAL));
    }
}
