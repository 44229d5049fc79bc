package org.accrue.cli;

import org.accrue.DefaultRules;
import org.accrue.TestRuleSets;
import org.accrue.scenario.Scenario;
import org.accrue.scenario.ScenarioFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code accrue rules check} and {@code accrue rules test}. */
class RulesCommandTest {
    static final Path REPO = Path.of(System.getProperty("accrue.repo", ".."));

    static List<String> folders(Path dir) {
        return List.of(dir.resolve("frameworks").toString(), dir.resolve("rules").toString());
    }

    static Cli check(Path dir) {
        return Cli.run(java.util.stream.Stream.concat(java.util.stream.Stream.of("rules", "check"), folders(dir).stream())
                .toArray(String[]::new));
    }

    @Test
    void theShippedRuleSetChecksClean() {
        Cli r = Cli.run("rules", "check");
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().startsWith("accrue rules check: no problems; 26 awards, rule set sha256:"), r.out());
    }

    @Test
    void checkingAHostileRuleSetRefusesItAtItsLineAndRunsNothing(@TempDir Path dir, @TempDir Path work)
            throws Exception {
        Path marker = work.resolve("marker");
        TestRuleSets.withRuleFile(dir, "rules/boot.drl", """
                rule "boot"
                when
                    String() from String.valueOf(new java.io.File("MARKER").mkdir())
                then
                    new java.io.File("MARKER").mkdir();
                end
                """.replace("MARKER", marker.toString()));
        Cli r = check(dir);
        assertEquals(ExitStatus.RULE_SET, r.status(), r.out() + r.err());
        assertTrue(r.err().contains(dir.resolve("rules/boot.drl") + ":5:"), r.err());
        assertTrue(r.err().contains("rule 'boot': java.io.File is not allowed in rule code"), r.err());
        assertTrue(!Files.exists(marker), "checking ran the rule");
        Cli evaluate = Cli.run("evaluate", "--rules", dir.resolve("frameworks").toString(), "--rules",
                dir.resolve("rules").toString(), REPO.resolve("samples/kai-masters.yaml").toString());
        assertEquals(ExitStatus.RULE_SET, evaluate.status());
        assertTrue(!Files.exists(marker), "evaluating ran the rule");
    }

    @Test
    void aSentenceThatMatchesNoMappingIsReportedAtItsLine(@TempDir Path dir) throws Exception {
        TestRuleSets.withRuleFile(dir, "rules/typo.dslr", """
                rule "blessed"
                when
                    a credential
                    - is blessed by "maths"
                then
                    it may count as general credit toward award "scqf-pgcert"
                end
                """);
        Cli r = check(dir);
        assertEquals(ExitStatus.RULE_SET, r.status());
        assertTrue(r.err().startsWith(dir.resolve("rules") + "/typo.dslr:6:5: '- is blessed by \"maths\"' matches no "
                + "condition sentence of the vocabulary"), r.err());
    }

    @Test
    void aSentenceThatOnlyPartlyMatchesIsReportedAtItsOwnLine(@TempDir Path dir) throws Exception {
        TestRuleSets.withRuleFile(dir, "rules/partial.dslr", """
                rule "partial"
                when
                    a credential
                    - is tagged "data-science" and is recent
                then
                    it may count toward requirement "core" of award "pgcert-data-science" at once
                end
                """);
        Cli r = check(dir);
        assertEquals(ExitStatus.RULE_SET, r.status());
        List<String> lines = r.err().lines().toList();
        assertTrue(lines.get(0).startsWith(dir.resolve("rules") + "/partial.dslr:6:5: '- is tagged \"data-science\" and is recent'"), r.err());
        assertTrue(lines.get(1).startsWith(dir.resolve("rules") + "/partial.dslr:8:5: 'it may count toward"), r.err());
        assertEquals("accrue rules check: 2 problems", lines.get(2));
    }

    @Test
    void theShippedRuleSetNamesOnlyWhatTheSampleRegistryListsKnow() {
        Cli r = Cli.run("rules", "check", "--subjects", REPO.resolve("samples/registry/subjects.txt").toString(),
                "--institutions", REPO.resolve("samples/registry/institutions.txt").toString());
        assertEquals(0, r.status(), r.err());
        assertEquals("", r.err());
        assertTrue(r.out().startsWith("accrue rules check: no problems; 26 awards"), r.out());
    }

    @Test
    void aSubjectOrAwardingBodyTheRegistryDoesNotKnowIsAWarningAtItsLineOrRow(@TempDir Path dir) throws Exception {
        TestRuleSets.withRuleFile(dir, "rules/misspelt.drl", """
                import org.accrue.learner.Credential;
                rule "misspelt"
                when
                    $c : Credential( awardedBy("Univ. of Glasgow"), subjects contains "financ" )
                then
                    insert(new Note($c.id(), "seen"));
                end
                """);
        // the equivalence table as text, one row's body misspelt (row 13 of the table)
        Path table = dir.resolve("rules/equivalences");
        Files.delete(table.resolve("transfer-equivalences.drl.xlsx"));
        Files.writeString(table.resolve("transfer-equivalences.drl.csv"), Files.readString(
                REPO.resolve("rules/equivalences/transfer-equivalences.drl.csv.example"))
                .replace("Heriot-Watt University,F21DL", "Heriot Watt Universty,F21DL"));
        List<String> args = new ArrayList<>(List.of("rules", "check", "--subjects",
                REPO.resolve("samples/registry/subjects.txt").toString(), "--institutions",
                REPO.resolve("samples/registry/institutions.txt").toString()));
        args.addAll(folders(dir));
        Cli r = Cli.run(args.toArray(String[]::new));
        assertEquals(0, r.status(), r.err());
        assertEquals(List.of(
                dir.resolve("rules") + "/equivalences/transfer-equivalences.drl.csv:13: warning: awarding body "
                        + "'Heriot Watt Universty' is not in the registry's institution list, by name or identifier: "
                        + "if it is misspelt, no credential will match it",
                dir.resolve("rules") + "/misspelt.drl:6:32: warning: awarding body 'Univ. of Glasgow' is not in the "
                        + "registry's institution list, by name or identifier: if it is misspelt, no credential will "
                        + "match it",
                dir.resolve("rules") + "/misspelt.drl:6:71: warning: subject tag 'financ' is not in the registry's "
                        + "subject list, so no record of the registry has it"),
                r.err().lines().sorted().toList());
        assertTrue(r.out().startsWith("accrue rules check: no problems, 3 warnings; 26 awards"), r.out());
        // without the lists the same rule set checks clean: the warnings come from what the registry knows
        Cli plain = check(dir);
        assertEquals(0, plain.status(), plain.err());
        assertEquals("", plain.err());
    }

    @Test
    void aRegistryListThatIsNotUsableIsRefusedAtItsLine(@TempDir Path dir) throws Exception {
        Path subjects = Files.writeString(dir.resolve("subjects.txt"), "# ours\nfinance\nData-Science\n");
        Path institutions = Files.writeString(dir.resolve("institutions.txt"), "University of Glasgow | | gla.ac.uk\n");
        Cli r = Cli.run("rules", "check", "--subjects", subjects.toString(), "--institutions", institutions.toString());
        assertEquals(ExitStatus.RULE_SET, r.status());
        assertEquals(List.of(subjects + ":3: subject 'Data-Science' is not as records carry subjects (lower case): "
                        + "write 'data-science'",
                institutions + ":1: entry 2 is empty: an institution line is its names and identifiers separated by '|'",
                "accrue rules check: 2 problems"), r.err().lines().toList());
        Cli missing = Cli.run("rules", "check", "--subjects", dir.resolve("none.txt").toString());
        assertEquals(ExitStatus.RULE_SET, missing.status());
        assertEquals(dir.resolve("none.txt") + ": no such file or folder", missing.err().lines().findFirst().orElseThrow());
    }

    @Test
    void aRequirementNoRuleCountsTowardIsReported(@TempDir Path dir) throws Exception {
        TestRuleSets.withRuleFile(dir, "rules/capstone.dslr", """
                rule "msc: MSc Data Science"
                when
                then
                    award "msc-ds" is the "MSc Data Science" at SCQF level 11
                    award "msc-ds" needs at least 180 SCQF points in all
                    award "msc-ds" has requirement "capstone": at least 60 SCQF points of a capstone project
                end
                """);
        Cli r = check(dir);
        assertEquals(ExitStatus.RULE_SET, r.status());
        assertEquals(dir.resolve("rules") + "/capstone.dslr:3: requirement 'capstone' of award 'msc-ds': no rule lets "
                + "any credit count toward it, so no learner can meet it", r.err().lines().findFirst().orElseThrow());
    }

    @Test
    void aLevelNoCredentialCanHaveIsReported(@TempDir Path dir) throws Exception {
        TestRuleSets.withRuleFile(dir, "rules/level13.dslr", """
                rule "dr: Doctorate"
                when
                then
                    award "dr" is the "Doctorate" at SCQF level 12
                    award "dr" needs at least 540 SCQF points at SCQF level 13 or above
                end
                """);
        Cli r = check(dir);
        assertTrue(r.err().startsWith(dir.resolve("rules") + "/level13.dslr:3: rule 'dr: Doctorate' asks for credit at "
                + "SCQF level 13, outside SCQF levels 1-12"), r.err());
    }

    @Test
    void aDuplicateAwardIdIsReportedAtTheRule(@TempDir Path dir) throws Exception {
        TestRuleSets.withRuleFile(dir, "rules/dup.drl", """
                rule "another masters"
                when
                then
                    insert(new Award("scqf-masters", "Another Masters", 11));
                end
                """);
        Cli r = check(dir);
        assertEquals(ExitStatus.RULE_SET, r.status());
        assertTrue(r.err().contains("defines award 'scqf-masters', which rule '"), r.err());
        assertTrue(r.err().matches("(?s).*(dup\\.drl:3|scqf-awards\\.drl:\\d+): rule .*"), r.err());
    }

    @Test
    void compileErrorsAreReportedWithFileLineAndColumn(@TempDir Path dir) throws Exception {
        TestRuleSets.withRuleFile(dir, "rules/syntax.drl", "\nrule \"x\"\nwhen\n    Credit( points > )\nthen\nend\n");
        Cli r = check(dir);
        assertEquals(ExitStatus.RULE_SET, r.status());
        assertTrue(r.err().matches("(?s)" + java.util.regex.Pattern.quote(dir.resolve("rules") + "/syntax.drl:") + "\\d+:\\d+: .*"), r.err());
    }

    @Test
    void theShippedScenariosAllPass() {
        Cli r = Cli.run("rules", "test");
        assertEquals(0, r.status(), r.out() + r.err());
        assertTrue(r.out().endsWith(" passed, 0 failed\n"), r.out());
        assertTrue(r.out().lines().filter(l -> l.startsWith("PASS ")).count() >= 20, r.out());
    }

    @Test
    void everyShippedAwardHasScenarios() throws Exception {
        Set<String> tested = new HashSet<>();
        for (Path f : ScenarioFiles.find(List.of(REPO.resolve("rules")))) {
            for (Scenario s : ScenarioFiles.read(f, f.toString())) {
                s.expect().forEach(e -> tested.add(e.award()));
            }
        }
        for (var a : DefaultRules.get().awards()) {
            assertTrue(tested.contains(a.id()), a.id() + " has no scenario");
        }
    }

    @Test
    void aFailingScenarioShowsWhatDiffered(@TempDir Path dir) throws Exception {
        TestRuleSets.copyOfShippedRules(dir);
        Files.writeString(dir.resolve("rules/tests/wrong.test.yaml"), """
                asOf: 2026-11-28
                defaults: {assessment: summative, qualityAssurance: external}
                scenarios:
                  - name: fifty-nine points
                    credentials:
                      - {id: A, title: T, credit: {value: 59, system: SCQF}, level: {framework: SCQF, value: 11}}
                    expect:
                      scqf-pgcert:
                        eligible: true
                        requirements: {total: {have: 60}}
                        counted: {A: core}
                """);
        Cli r = Cli.run("rules", "test", dir.resolve("frameworks").toString(), dir.resolve("rules").toString());
        assertEquals(ExitStatus.BAD_INPUT, r.status());
        String prefix = dir.resolve("rules") + "/tests/wrong.test.yaml: scenarios[0] 'fifty-nine points'";
        assertTrue(r.out().contains("FAIL " + prefix + "\n"
                + "       scqf-pgcert: expected eligible, got not eligible (missing: 1 more SCQF points in all (have 59, need 60))\n"
                + "       scqf-pgcert: requirement 'total' have: expected 60, got 59\n"
                + "       scqf-pgcert: credential A counted toward: expected core, got general\n"), r.out());
        assertTrue(r.out().endsWith(" passed, 1 failed\n"), r.out());
    }

    @Test
    void aBadScenarioFileIsReportedAtItsField(@TempDir Path dir) throws Exception {
        TestRuleSets.copyOfShippedRules(dir);
        Files.writeString(dir.resolve("rules/tests/bad.test.yaml"), """
                scenarios:
                  - name: no date
                    credentials: [{id: A, title: T, level: {framework: SCQF, value: 14}}]
                    expect: {scqf-pgcert: eligible}
                """);
        Cli r = Cli.run("rules", "test", dir.resolve("frameworks").toString(), dir.resolve("rules").toString());
        assertEquals(ExitStatus.BAD_INPUT, r.status());
        assertEquals(dir.resolve("rules") + "/tests/bad.test.yaml: scenarios[0].asOf: is missing; a scenario needs an "
                + "evaluation date (here or at the top of the file)\n", r.err());
        Files.writeString(dir.resolve("rules/tests/bad.test.yaml"), "asOf: 2026-11-28\n"
                + Files.readString(dir.resolve("rules/tests/bad.test.yaml")));
        r = Cli.run("rules", "test", dir.resolve("frameworks").toString(), dir.resolve("rules").toString());
        assertEquals(dir.resolve("rules") + "/tests/bad.test.yaml: scenarios[0].credentials[0].level.value: 14 is "
                + "outside SCQF levels 1-12\n", r.err());
        // a list where a mapping is expected would check nothing: it is refused, not passed
        Files.writeString(dir.resolve("rules/tests/bad.test.yaml"), """
                asOf: 2026-11-28
                scenarios:
                  - name: counted as a list
                    credentials: [{id: A, title: T, credit: {value: 60, system: SCQF}, level: {framework: SCQF, value: 11}}]
                    expect: {scqf-pgcert: {counted: [A]}}
                """);
        r = Cli.run("rules", "test", dir.resolve("frameworks").toString(), dir.resolve("rules").toString());
        assertEquals(ExitStatus.BAD_INPUT, r.status());
        assertEquals(dir.resolve("rules") + "/tests/bad.test.yaml: scenarios[0].expect.scqf-pgcert.counted: must be a "
                + "mapping of credential to where it counted: {A: core, B: general, C: not counted}\n", r.err());
    }

    /** The launcher names the working tree; an edit to a rule test there is seen without rebuilding anything. */
    @Test
    void fromAWorkingTreeTheCommandsReadItsRuleFoldersAsTheyAreNow(@TempDir Path tree) throws Exception {
        TestRuleSets.copyOfShippedRules(tree);
        Files.writeString(tree.resolve("rules/tests/edited.test.yaml"), """
                asOf: 2026-11-28
                defaults: {assessment: summative, qualityAssurance: external}
                scenarios:
                  - name: an edit made a minute ago
                    credentials: [{id: A, title: T, credit: {value: 59, system: SCQF}, level: {framework: SCQF, value: 11}}]
                    expect: {scqf-pgcert: eligible}
                """);
        Process p = launch(tree, "rules", "test");
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(ExitStatus.BAD_INPUT, p.waitFor(), out);
        assertTrue(out.contains("FAIL rules/tests/edited.test.yaml: scenarios[0] 'an edit made a minute ago'"), out);
        // an edit to a rule file: the PgCert's total lowered to 59 is the rule set evaluate and check now use
        Path awards = tree.resolve("rules/scqf-pgcert.dslr");
        Files.writeString(awards, Files.readString(awards).replace("needs at least 60 SCQF points in all",
                "needs at least 59 SCQF points in all"));
        p = launch(tree, "rules", "test");
        out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(out.contains("PASS rules/tests/edited.test.yaml: scenarios[0] 'an edit made a minute ago'"), out);
        p = launch(tree, "rules", "check");
        out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
        assertFalse(out.contains(DefaultRules.get().id()), "the edited rule set is not the packaged one: " + out);
    }

    /** The designer's loop: one JVM watching the folders; after a save only what changed is printed, and the time. */
    @Test
    void theWatchLoopReRunsOnASaveAndPrintsOnlyWhatChanged(@TempDir Path tree) throws Exception {
        TestRuleSets.copyOfShippedRules(tree);
        Process p = launch(tree, "rules", "test", "--watch", tree.resolve("frameworks").toString(),
                tree.resolve("rules").toString());
        try {
            java.util.concurrent.BlockingQueue<String> lines = lines(p);
            List<String> first = until(lines, l -> l.startsWith("watching "));
            assertTrue(first.stream().anyMatch(l -> l.matches("\\d+ passed, 0 failed")), String.join("\n", first));
            Thread.sleep(300);
            Path ladder = tree.resolve("rules/tests/scqf-ladder.test.yaml");
            Files.writeString(ladder, Files.readString(ladder).replace(
                    "scqf-pgcert: {eligible: false, requirements: {total: {have: 59, need: 60}}}",
                    "scqf-pgcert: {eligible: true}"));
            List<String> second = until(lines, l -> l.matches("\\d+ passed, 1 failed \\(\\d+\\.\\d s\\)"));
            assertTrue(second.get(0).startsWith("FAIL " + tree.resolve("rules") + "/tests/scqf-ladder.test.yaml: "
                    + "scenarios[11] 'PG Certificate at 59 points is not met'"), String.join("\n", second));
            assertTrue(second.stream().noneMatch(l -> l.startsWith("PASS")), "only what changed: " + second);
        } finally {
            p.destroyForcibly().waitFor();
        }
    }

    @Test
    void checkWatchNamesAProblemWhenASaveMakesOneAndSaysWhenItIsGone(@TempDir Path tree) throws Exception {
        TestRuleSets.copyOfShippedRules(tree);
        Process p = launch(tree, "rules", "check", "--watch", tree.resolve("frameworks").toString(),
                tree.resolve("rules").toString());
        try {
            java.util.concurrent.BlockingQueue<String> lines = lines(p);
            until(lines, l -> l.startsWith("watching "));
            Thread.sleep(300);
            Path award = tree.resolve("rules/scqf-pgcert.dslr");
            String good = Files.readString(award);
            Files.writeString(award, good.replace("needs at least 60 SCQF points in all", "needs sixty points"));
            List<String> broken = until(lines, l -> l.matches("accrue rules check: 1 problem \\(\\d+\\.\\d s\\)"));
            assertTrue(broken.stream().anyMatch(l -> l.startsWith(award + ":") && l.contains("matches no action sentence")),
                    String.join("\n", broken));
            Thread.sleep(300);
            Files.writeString(award, good);
            List<String> mended = until(lines, l -> l.matches("accrue rules check: no problems; .* \\(\\d+\\.\\d s\\)"));
            assertTrue(mended.contains("(the problems above are gone)"), String.join("\n", mended));
        } finally {
            p.destroyForcibly().waitFor();
        }
    }

    /** The process's output, a line at a time, as it comes (read on a thread of its own). */
    private static java.util.concurrent.BlockingQueue<String> lines(Process p) {
        java.util.concurrent.BlockingQueue<String> lines = new java.util.concurrent.LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> {
            try (var in = new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream(),
                    java.nio.charset.StandardCharsets.UTF_8))) {
                for (String l; (l = in.readLine()) != null; ) {
                    lines.add(l);
                }
            } catch (java.io.IOException e) {
                lines.add("READ FAILED " + e);
            }
        });
        reader.setDaemon(true);
        reader.start();
        return lines;
    }

    /** Lines until one matches, within a minute. */
    private static List<String> until(java.util.concurrent.BlockingQueue<String> lines,
                                      java.util.function.Predicate<String> last) throws InterruptedException {
        List<String> got = new ArrayList<>();
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            String l = lines.poll(1, java.util.concurrent.TimeUnit.SECONDS);
            if (l != null) {
                got.add(l);
                if (last.test(l)) {
                    return got;
                }
            }
        }
        throw new AssertionError("no such line within a minute; got: " + got);
    }

    private static Process launch(Path tree, String... args) throws java.io.IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
                "-D" + "accrue.ruleset.home=" + tree, "-Daccrue.cache.dir=" + tree.resolve("cache"),
                AccrueCommand.class.getName()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).directory(tree.toFile()).redirectErrorStream(true).start();
    }

    @Test
    void anInstitutionsRulesFolderAloneKeepsThePackagedFrameworks(@TempDir Path dir) throws Exception {
        String amira = REPO.resolve("samples/amira-pgcert-data-science.yaml").toString();
        Cli own = Cli.run("evaluate", "--as-of", "2026-11-28", "--rules", REPO.resolve("rules").toString(), amira);
        Cli packaged = Cli.run("evaluate", "--as-of", "2026-11-28", amira);
        assertEquals(0, own.status(), own.err());
        assertEquals(packaged.out().lines().skip(1).toList(), own.out().lines().skip(1).toList());
        assertTrue(own.out().contains("pgcert-data-science, scqf-pgcert"), own.out());

        java.nio.file.Files.writeString(java.nio.file.Files.createDirectories(dir.resolve("none")).resolve("x.drl"),
                "package accrue.none;\n");
        Cli check = Cli.run("rules", "check", "--frameworks", dir.resolve("none").toString(),
                REPO.resolve("rules").toString());
        assertEquals(3, check.status());
        assertTrue(check.err().lines().anyMatch(l -> l.matches(".*-awards\\.drl:\\d+: the rule set defines \\d+ "
                + "awards but no rule gives any credential SCQF credit points.*")), check.err());
    }
}
