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
        assertEquals(RuleSet.loadDefault().awards().size(), again.awards().size());
        assertTrue(Files.size(entry) > 1000, "rebuilt");
    }

    /** The record beside an entry. */
    private static Path sum(Path entry) {
        return entry.resolveSibling(entry.getFileName().toString().replace(".jar", ".sum"));
    }

    private static String sha256(byte[] bytes) throws Exception {
        return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    @Test
    void anotherRuleSetsEntryCopiedOverThisOnesIsNotLoaded(@TempDir Path a, @TempDir Path b) throws Exception {
        TestRuleSets.copyOfShippedRules(a);
        RuleSet original = TestRuleSets.load(a);
        Path entryA = entries().get(0);
        TestRuleSets.copyOfShippedRules(b);
        Path f = b.resolve("rules/scqf-awards.drl");
        Files.writeString(f, Files.readString(f).replace("insert(new TotalCredit(\"scqf-masters\", 180));",
                "insert(new TotalCredit(\"scqf-masters\", 190));"));
        TestRuleSets.load(b);
        Path entryB = entries().stream().filter(e -> !e.equals(entryA)).findFirst().orElseThrow();
        byte[] other = Files.readAllBytes(entryB);
        Files.write(entryA, other);
        // the record forged too: it names this rule set and the planted bytes' hash
        Files.writeString(sum(entryA), "sources " + original.id() + "\nsha256 " + sha256(other) + "\n");
        RuleSet again = TestRuleSets.load(a);
        var r = again.evaluate(learner(credential("A").scqf(180, 11)), LocalDate.of(2026, 11, 28));
        assertEquals(0, r.award("scqf-masters").orElseThrow().requirement("total").orElseThrow().need()
                .compareTo(java.math.BigDecimal.valueOf(180)), "this rule set's rules, not the planted ones");
        assertTrue(!java.util.Arrays.equals(other, Files.readAllBytes(entryA)), "the planted entry was replaced");
    }

    @Test
    void anEntryWhoseBytesDifferFromItsRecordIsRecompiled(@TempDir Path dir) throws Exception {
        TestRuleSets.copyOfShippedRules(dir);
        RuleSet first = TestRuleSets.load(dir);
        Path entry = entries().get(0);
        Files.writeString(sum(entry), "sources " + first.id() + "\nsha256 " + "0".repeat(64) + "\n");
        TestRuleSets.load(dir);
        assertEquals("sources " + first.id() + "\nsha256 " + sha256(Files.readAllBytes(entry)) + "\n",
                Files.readString(sum(entry)), "rewritten with the rebuilt entry's hash");
    }

    /**
     * The strongest forgery: a module compiled (straight with Drools, bypassing Accrue's checks) from the rule
     * set plus a hostile rule, whose embedded copies of the rule files are then put back as they were, under a
     * record with the right rule set and hash. Only the policy check of the loaded code can catch it.
     */
    @Test
    void aHostileModulePlantedUnderTheKeyIsRefusedAndNeverRun(@TempDir Path dir, @TempDir Path work) throws Exception {
        TestRuleSets.copyOfShippedRules(dir);
        RuleSet original = TestRuleSets.load(dir);
        Path entry = entries().get(0);
        Path marker = work.resolve("marker");
        var files = org.accrue.ruleset.RuleSources.fromFolders(List.of(dir.resolve("frameworks"), dir.resolve("rules")));
        int target = 0;
        while (!files.get(target).name().endsWith(".drl")) {
            target++;
        }
        org.kie.api.KieServices ks = org.kie.api.KieServices.Factory.get();
        org.kie.api.builder.ReleaseId id = ks.newReleaseId("x", "hostile", "1");
        org.kie.api.builder.KieFileSystem kfs = ks.newKieFileSystem();
        kfs.generateAndWritePomXML(id);
        kfs.writeKModuleXML("<kmodule xmlns=\"http://www.drools.org/xsd/kmodule\"/>");
        java.util.Map<String, byte[]> resources = new java.util.HashMap<>();
        for (int i = 0; i < files.size(); i++) {
            String name = files.get(i).name();
            String resource = "accrue/f" + i + "/" + name.substring(name.lastIndexOf('/') + 1);
            resources.put(resource, files.get(i).content());
            byte[] content = files.get(i).content();
            if (i == target) {
                content = (new String(content, java.nio.charset.StandardCharsets.UTF_8) + "\nrule \"boot\"\nwhen\nthen\n"
                        + "    new java.io.File(\"" + marker + "\").mkdir();\nend\n")
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8);
            }
            kfs.write("src/main/resources/" + resource, content);
        }
        var built = ks.newKieBuilder(kfs).buildAll(org.drools.model.codegen.ExecutableModelProject.class);
        byte[] compiled = ((org.drools.compiler.kie.builder.impl.InternalKieModule) built.getKieModule()).getBytes();
        ks.getRepository().removeKieModule(id);
        var out = new java.io.ByteArrayOutputStream();
        try (var in = new java.util.zip.ZipInputStream(new java.io.ByteArrayInputStream(compiled));
             var zip = new java.util.zip.ZipOutputStream(out)) {
            for (java.util.zip.ZipEntry z; (z = in.getNextEntry()) != null; ) {
                byte[] body = in.readAllBytes();
                zip.putNextEntry(new java.util.zip.ZipEntry(z.getName()));
                zip.write(resources.getOrDefault(z.getName(), body)); // the rule files as they were
                zip.closeEntry();
            }
        }
        byte[] hostile = out.toByteArray();
        Files.write(entry, hostile);
        Files.writeString(sum(entry), "sources " + original.id() + "\nsha256 " + sha256(hostile) + "\n");

        RuleSet again = TestRuleSets.load(dir);
        assertEquals(original.awards(), again.awards());
        assertTrue(!Files.exists(marker), "the planted rule ran");
        assertTrue(!java.util.Arrays.equals(hostile, Files.readAllBytes(entry)), "the planted entry was replaced");
    }

    @Test
    void aCacheFolderOthersMayWriteToIsNotUsed(@TempDir Path dir) throws Exception {
        Files.setPosixFilePermissions(cache, java.nio.file.attribute.PosixFilePermissions.fromString("rwxrwxrwx"));
        TestRuleSets.copyOfShippedRules(dir);
        TestRuleSets.load(dir);
        assertEquals(List.of(), entries());
    }

    @Test
    void aNewCacheFolderIsTheOwnersAlone(@TempDir Path dir) throws Exception {
        Path fresh = cache.resolve("fresh");
        System.setProperty("accrue.cache.dir", fresh.toString());
        TestRuleSets.copyOfShippedRules(dir);
        TestRuleSets.load(dir);
        assertEquals("rwx------", java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(fresh)));
        try (Stream<Path> files = Files.list(fresh)) {
            assertEquals(2, files.count(), "an entry and its record");
        }
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
