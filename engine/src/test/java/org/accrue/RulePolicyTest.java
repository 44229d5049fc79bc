package org.accrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The safe rule policy: hostile rule files are refused, with file:line and the reason, before they are
 * compiled; the proof that they did not run is that the JVM, the file and the port are still there.
 */
class RulePolicyTest {

    static RuleSetException refused(Path dir, String file, String body) throws Exception {
        TestRuleSets.withRuleFile(dir, file, body);
        return assertThrows(RuleSetException.class, () -> TestRuleSets.load(dir));
    }

    static String rule(String when, String then) {
        return "\nrule \"hostile\"\nwhen\n    " + when + "\nthen\n    " + then + "\nend\n";
    }

    @Test
    void exitingTheJvmIsRefused(@TempDir Path dir) throws Exception {
        RuleSetException e = refused(dir, "rules/exit.drl", rule("$c : Credit()", "System.exit(0);"));
        assertEquals(2, e.problems().size(), e::getMessage);
        assertEquals(dir.resolve("rules") + "/exit.drl:8:12: .exit is not allowed in a rule file: rules may not use "
                + "reflection, class loading, the rule engine's runtime or exit", e.problems().get(1).toString());
        assertEquals(dir.resolve("rules") + "/exit.drl:8:5: System is not allowed in a rule file: rules may not "
                + "reach the JVM, threads, processes, reflection, files or the network", e.problems().get(0).toString());
    }

    @Test
    void deletingAFileIsRefusedAndTheFileSurvives(@TempDir Path dir) throws Exception {
        Path victim = Files.writeString(dir.resolve("victim.txt"), "still here");
        RuleSetException e = refused(dir, "rules/delete.drl", rule("$c : Credit()",
                "new java.io.File(\"" + victim + "\").delete();"));
        assertTrue(e.getMessage().contains("delete.drl:8:9: java.io.File is not allowed in a rule file"), e::getMessage);
        assertTrue(Files.exists(victim));
    }

    @Test
    void importingFilesIsRefused(@TempDir Path dir) throws Exception {
        RuleSetException e = refused(dir, "rules/import.drl", "import java.nio.file.Files;\n"
                + rule("$c : Credit()", "Files.delete(null);"));
        List<String> messages = e.problems().stream().map(RuleProblem::toString).toList();
        assertTrue(messages.get(0).startsWith(dir.resolve("rules") + "/import.drl:3:8: import of java.nio.file.Files is not allowed"),
                messages::toString);
        assertTrue(messages.stream().anyMatch(m -> m.contains("import.drl:9:5: Files is not allowed")), messages::toString);
    }

    @Test
    void openingASocketIsRefusedAndNothingListens(@TempDir Path dir) throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        RuleSetException e = refused(dir, "rules/socket.drl", rule("$c : Credit()",
                "new java.net.ServerSocket(" + port + ");"));
        assertTrue(e.getMessage().contains("java.net.ServerSocket is not allowed"), e::getMessage);
        try (ServerSocket stillFree = new ServerSocket(port)) {
            assertEquals(port, stillFree.getLocalPort());
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiterString = " => ", value = {
            "reflection => String.class.getMethod(\"length\").invoke(\"x\"); => .getMethod is not allowed",
            "class loading => Thread.currentThread().getContextClassLoader().loadClass(\"x.Y\"); => Thread is not allowed",
            "getClass => $c.getClass().getClassLoader(); => .getClass is not allowed",
            "a process => new ProcessBuilder(\"rm\", \"-rf\", \"/\").start(); => ProcessBuilder is not allowed",
            "Runtime => Runtime.getRuntime().exec(\"id\"); => Runtime is not allowed",
            "the session => kcontext.getKieRuntime().halt(); => kcontext is not allowed",
            "drools runtime => drools.getKieRuntime().halt(); => drools may only be used as drools.getRule()",
            "a fully named class => java.lang.reflect.Array.newInstance(String.class, 1); => java.lang.reflect.Array is not allowed",
    })
    void reflectionProcessesAndTheRuntimeAreRefused(String what, String consequence, String reason, @TempDir Path dir)
            throws Exception {
        RuleSetException e = refused(dir, "rules/h.drl", rule("$c : Credit()", consequence));
        assertTrue(e.getMessage().contains(reason), e::getMessage);
    }

    @Test
    void conditionsAndFunctionsAreCheckedToo(@TempDir Path dir) throws Exception {
        RuleSetException e = refused(dir, "rules/fn.drl", """
                function boolean sneaky() {
                    return Runtime.getRuntime().availableProcessors() > 0;
                }
                rule "condition"
                when
                    $c : Credit( eval(System.nanoTime() > 0) )
                then
                end
                """);
        List<String> messages = e.problems().stream().map(RuleProblem::toString).toList();
        assertTrue(messages.stream().anyMatch(m -> m.contains("fn.drl:4:12: Runtime is not allowed")), messages::toString);
        assertTrue(messages.stream().anyMatch(m -> m.contains("fn.drl:8:23: System is not allowed")), messages::toString);
    }

    @Test
    void globalsAreRefused(@TempDir Path dir) throws Exception {
        RuleSetException e = refused(dir, "rules/g.drl", "global java.util.List out;\n");
        assertTrue(e.getMessage().contains("g.drl:3:8: global out is not allowed"), e::getMessage);
    }

    @Test
    void unicodeEscapesThatCouldHideCodeAreRefused(@TempDir Path dir) throws Exception {
        RuleSetException e = refused(dir, "rules/u.drl", rule("$c : Credit()", "\\u0053ystem.exit(0);"));
        assertTrue(e.getMessage().contains("unicode escapes (\\u) are not allowed"), e::getMessage);
    }

    @Test
    void aSentenceCannotSmuggleCodeThroughAVocabulary(@TempDir Path dir) throws Exception {
        RuleSetException e = refused(dir, "rules/evil.dsl", "[consequence][]tidy up=System.exit(0);\n");
        assertTrue(e.getMessage().contains("evil.dsl:1:"), e::getMessage);
        assertTrue(e.getMessage().contains("System is not allowed"), e::getMessage);
    }

    @Test
    void codeInsertedThroughASentenceParameterIsRefused(@TempDir Path dir) throws Exception {
        RuleSetException e = refused(dir, "rules/inject.dslr", """
                rule "inject"
                when
                    a credential
                    - is tagged "x") || System.exit(0) == null || ("y"
                then
                end
                """);
        assertTrue(e.getMessage().contains("System is not allowed"), e::getMessage);
    }

    @Test
    void decisionTablesAreCheckedRowByRow(@TempDir Path dir) throws Exception {
        TestRuleSets.copyOfShippedRules(dir);
        Files.writeString(dir.resolve("rules/t.drl.csv"), """
                RuleSet,accrue.rules.hostile
                Import,org.accrue.learner.Credential
                RuleTable Hostile
                CONDITION,ACTION
                $c : Credential
                "code == ""$param""\",$param
                Course code,Action
                ABC,"insert($c);"
                DEF,"System.exit(0);"
                """);
        RuleSetException e = assertThrows(RuleSetException.class, () -> TestRuleSets.load(dir));
        assertEquals(2, e.problems().size(), e::getMessage); // System, and .exit: both on row 9 only
        assertTrue(e.getMessage().startsWith(dir.resolve("rules") + "/t.drl.csv:9: System is not allowed"), e::getMessage);
    }

    @Test
    void wordsInStringsAndCommentsAreNotCode(@TempDir Path dir) throws Exception {
        TestRuleSets.withRuleFile(dir, "rules/words.drl", """
                // System, Runtime and File are only words in a comment
                rule "Process engineering credit may count"
                when
                    $c : Credit( subjects contains "Process Engineering" )
                then
                    insert(new MayCount("scqf-pgdip", $c));
                end
                """);
        TestRuleSets.load(dir);
    }
}
