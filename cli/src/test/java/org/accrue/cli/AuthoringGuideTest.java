package org.accrue.cli;

import org.accrue.TestRuleSets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** docs/authoring.md works as written: its example award checks clean and its rule tests pass. */
class AuthoringGuideTest {
    static final Path DOCS = TestRuleSets.REPO.resolve("docs");

    @Test
    void theTutorialAwardChecksCleanAndItsScenariosPass(@TempDir Path dir) throws Exception {
        TestRuleSets.copyOfShippedRules(dir);
        Files.copy(DOCS.resolve("tutorial/pgcert-cyber-security.dslr"), dir.resolve("rules/pgcert-cyber-security.dslr"));
        Files.copy(DOCS.resolve("tutorial/pgcert-cyber-security.test.yaml"),
                dir.resolve("rules/tests/pgcert-cyber-security.test.yaml"));
        String frameworks = dir.resolve("frameworks").toString();
        String rules = dir.resolve("rules").toString();
        Cli check = Cli.run("rules", "check", frameworks, rules);
        assertEquals(0, check.status(), check.err());
        assertTrue(check.out().startsWith("accrue rules check: no problems; 27 awards"), check.out());
        Cli test = Cli.run("rules", "test", frameworks, rules);
        assertEquals(0, test.status(), test.out());
        assertTrue(test.out().contains("PASS " + rules + "/tests/pgcert-cyber-security.test.yaml: scenarios[0]"), test.out());
    }

    @Test
    void theGuideShowsTheTutorialFilesAsTheyAre() throws Exception {
        String guide = Files.readString(DOCS.resolve("authoring.md"));
        assertTrue(guide.contains(Files.readString(DOCS.resolve("tutorial/pgcert-cyber-security.dslr"))));
        assertTrue(guide.contains(Files.readString(DOCS.resolve("tutorial/pgcert-cyber-security.test.yaml"))));
    }

    @Test
    void theSentenceReferenceHasARowForEverySentence() throws Exception {
        long sentences = Files.readAllLines(TestRuleSets.REPO.resolve("rules/accrue.dsl")).stream()
                .filter(l -> l.startsWith("["))
                // "is tagged" with three to eight alternatives is one sentence in the reference
                .filter(l -> !l.contains("{s4}")).count();
        String guide = Files.readString(DOCS.resolve("authoring.md"));
        long rows = guide.substring(guide.indexOf("## Sentence reference")).lines()
                .filter(l -> l.startsWith("| `")).count();
        assertEquals(sentences, rows);
    }
}
