package org.accrue;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Stream;

import static org.accrue.Learners.credential;
import static org.accrue.Learners.learner;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Compiled rule sets are cached on disk by content hash, only once they pass every check. */
class RuleSetCacheTest {
    @TempDir
    Path cache;
    private String previous;

    @BeforeEach
    void useATemporaryCache() {
        previous = System.getProperty("accrue.cache.dir");
        System.setProperty("accrue.cache.dir", cache.toString());
    }

    @AfterEach
    void restore() {
        if (previous == null) {
            System.clearProperty("accrue.cache.dir");
        } else {
            System.setProperty("accrue.cache.dir", previous);
        }
    }

    List<Path> entries() throws Exception {
        try (Stream<Path> files = Files.list(cache)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".jar")).toList();
        }
    }

    @Test
    void aSecondLoadUsesTheCachedRuleSetAndGivesTheSameResults(@TempDir Path dir) throws Exception {
        TestRuleSets.copyOfShippedRules(dir);
        RuleSet first = TestRuleSets.load(dir);
        assertEquals(1, entries().size());
        RuleSet second = TestRuleSets.load(dir);
        assertEquals(first.id(), second.id());
        assertEquals(first.awards(), second.awards());
        var learner = learner(credential("A").scqf(30, 11).subjects("data-science"),
                credential("B").scqf(15, 11).subjects("statistics"), credential("C").scqf(15, 10));
        LocalDate asOf = LocalDate.of(2026, 11, 28);
        assertEquals(first.evaluate(learner, asOf), second.evaluate(learner, asOf));
    }

    @Test
    void aChangedRuleFileIsCompiledAgainUnderANewEntry(@TempDir Path dir) throws Exception {
        TestRuleSets.copyOfShippedRules(dir);
        TestRuleSets.load(dir);
        Path f = dir.resolve("rules/scqf-awards.drl");
        Files.writeString(f, Files.readString(f).replace("insert(new TotalCredit(\"scqf-masters\", 180));",
                "insert(new TotalCredit(\"scqf-masters\", 190));"));
        RuleSet changed = TestRuleSets.load(dir);
        assertEquals(2, entries().size());
        var r = changed.evaluate(learner(credential("A").scqf(180, 11)), LocalDate.of(2026, 11, 28));
        assertEquals(0, r.award("scqf-masters").orElseThrow().requirement("total").orElseThrow().need()
                .compareTo(java.math.BigDecimal.valueOf(190)));
    }

    @Test
    void aRuleSetThatFailsACheckIsNeverCached(@TempDir Path dir) throws Exception {
        TestRuleSets.withRuleFile(dir, "rules/orphan.drl", """
                rule "orphan total"
                when
                then
                    insert(new TotalCredit("no-such-award", 60));
                end
                """);
        assertThrows(RuleSetException.class, () -> TestRuleSets.load(dir));
        assertEquals(List.of(), entries());
        assertThrows(RuleSetException.class, () -> TestRuleSets.load(dir), "still refused the second time");
    }

    @Test
    void aDamagedEntryIsDiscardedAndRebuilt(@TempDir Path dir) throws Exception {
        TestRuleSets.copyOfShippedRules(dir);
        TestRuleSets.load(dir);
        Path entry = entries().get(0);
        Files.write(entry, new byte[]{1, 2, 3});
        RuleSet again = TestRuleSets.load(dir);
        assertEquals(10, again.awards().size());
        assertTrue(Files.size(entry) > 1000, "rebuilt");
    }

    @Test
    void cachingCanBeTurnedOff(@TempDir Path dir) throws Exception {
        TestRuleSets.copyOfShippedRules(dir);
        System.setProperty("accrue.cache", "off");
        try {
            TestRuleSets.load(dir);
            assertEquals(List.of(), entries());
        } finally {
            System.clearProperty("accrue.cache");
        }
    }
}
