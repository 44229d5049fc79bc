package org.accrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The safe rule policy against a hostile corpus: every way the adversarial review got code into a rule (and
 * the older cases) is refused by the check, naming the file and line, and neither checking nor loading ever runs
 * it: each hostile rule would create a marker file, and the marker is never there.
 */
class RulePolicyTest {
    /** Replaced by the path of a file the hostile rule would create if it ran. */
    private static final String MARKER = "MARKER";

    /**
     * One hostile rule set: the files added to a copy of the shipped rules, and where the refusal must point.
     *
     * @param files  name, content; {@link TestRuleSets#HEADER} is not added: each file says its own package
     * @param where  {@code file:line} a problem must name
     * @param reason a fragment of that problem's message
     */
    record Hostile(String name, List<String[]> files, String where, String reason) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static final String H = TestRuleSets.HEADER; // two lines: package accrue.test, import vocabulary

    private static Hostile drl(String name, String body, int line, String reason) {
        return new Hostile(name, List.<String[]>of(new String[] {"rules/h.drl", H + body}), "rules/h.drl:" + line,
                reason);
    }

    static Stream<Arguments> corpus() {
        return Stream.of(
                drl("a space before a dot in a qualified name", """
                        rule "space"
                        when
                        then
                            java.lang .Runtime.getRuntime(). exec(new String[] {"touch", "MARKER"});
                        end
                        """, 6, "java.lang.Runtime.getRuntime is not allowed"),
                new Hostile("code on the same line as an allowed import", List.<String[]>of(new String[] {
                        "rules/h.drl", "package accrue.test;\nimport org.accrue.vocabulary.Credit; rule \"same line\" "
                        + "when then new java.io.File(\"MARKER\").mkdir(); end\n"}), "rules/h.drl:2",
                        "java.io.File is not allowed"),
                drl("a qualified name split across lines", """
                        rule "split"
                        when
                        then
                            new java.io
                                .File("MARKER").mkdir();
                        end
                        """, 7, "java.io.File is not allowed"),
                drl("code after a Java text block", """
                        rule "text block"
                        when
                        then
                            String s = \"""
                                ""\";
                            new java.io.File("MARKER").mkdir();
                        end
                        """, 8, "java.io.File is not allowed"),
                new Hostile("a library's package and a library on the classpath", List.<String[]>of(new String[] {
                        "rules/h.drl", """
                        package org.apache.commons.io;
                        rule "touch"
                        when
                        then
                            FileUtils.touch(new java.io.File("MARKER"));
                        end
                        """}), "rules/h.drl:1", "package 'org.apache.commons.io' is not allowed"),
                drl("Jackson, already on the classpath", """
                        rule "jackson"
                        when
                        then
                            new com.fasterxml.jackson.databind.ObjectMapper().writeValue(new java.io.File("MARKER"), "x");
                        end
                        """, 6, "com.fasterxml.jackson.databind.ObjectMapper is not allowed"),
                drl("a script engine", """
                        rule "script"
                        when
                        then
                            new javax.script .ScriptEngineManager().getEngineByName("js");
                        end
                        """, 6, "javax.script.ScriptEngineManager is not allowed"),
                drl("method handles", """
                        rule "handles"
                        when
                        then
                            java.lang. invoke .MethodHandles.lookup();
                        end
                        """, 6, "java.lang.invoke.MethodHandles.lookup is not allowed"),
                drl("class loading through a class literal", """
                        rule "loader"
                        when
                        then
                            Award. class. getClassLoader(). loadClass("java.lang." + "Run" + "time");
                        end
                        """, 6, "java.lang.Class.getClassLoader is not allowed"),
                drl("reading a system file into an award title", """
                        rule "read"
                        when
                        then
                            insert(new Award("leak", new String(new java.net .URL("file:///etc/hostname").openStream().readAllBytes()), 7));
                        end
                        """, 6, "java.net.URL is not allowed"),
                drl("a global split over two lines", """
                        global java.util.List
                            out;
                        """, 3, "global out is not allowed"),
                drl("code in a from condition", """
                        rule "from"
                        when
                            String() from String.valueOf(new java.io.File("MARKER").mkdir())
                        then
                        end
                        """, 5, "java.io.File is not allowed"),
                drl("code in an eval condition", """
                        rule "eval"
                        when
                            eval(new java.io.File("MARKER").mkdir())
                        then
                        end
                        """, 5, "java.io.File is not allowed"),
                drl("code in a constraint", """
                        rule "constraint"
                        when
                            Credit(id == String.valueOf(new java.io.File("MARKER").mkdir()))
                        then
                        end
                        """, 5, "java.io.File is not allowed"),
                drl("a rule with an empty when, which fires as the rule set loads", """
                        rule "boot"
                        when
                        then
                            new java.io.File("MARKER").mkdir();
                        end
                        """, 6, "java.io.File is not allowed"),
                new Hostile("a vocabulary sentence that expands to code", List.of(
                        new String[] {"rules/evil.dsl", "[consequence][]tidy up=new java.io.File(\"MARKER\").mkdir();\n"},
                        new String[] {"rules/evil.dslr", """
                                package accrue.test;
                                rule "harmless"
                                when
                                then
                                    tidy up
                                end
                                """}), "rules/evil.dsl:1", "java.io.File is not allowed"),
                new Hostile("a DRL line in a sentence file", List.<String[]>of(new String[] {"rules/h.dslr", """
                        package accrue.test;
                        rule "drl line"
                        when
                        then
                        >   new java.io.File("MARKER").mkdir();
                        end
                        """}), "rules/h.dslr:5", "java.io.File is not allowed"),
                new Hostile("code in a sentence's parameter", List.<String[]>of(new String[] {"rules/inject.dslr", """
                        package accrue.test;
                        import org.accrue.vocabulary.*;
                        rule "inject"
                        when
                            a credential
                            - has course code "x" || new java.io.File("MARKER").mkdir() || code == "y"
                        then
                        end
                        """}), "rules/inject.dslr:6", "java.io.File is not allowed"),
                new Hostile("an ACTION cell of a decision table", List.<String[]>of(new String[] {"rules/t.drl.csv", """
                        RuleSet,accrue.rules.hostile
                        Import,org.accrue.learner.Credential
                        RuleTable Hostile
                        CONDITION,ACTION
                        $c : Credential
                        "code == ""$param""\",$param
                        Course code,Action
                        ABC,"insert($c);"
                        DEF,"System.exit(0);"
                        """}), "rules/t.drl.csv:9", "java.lang.System.exit is not allowed"),
                drl("the MVEL dialect", """
                        rule "mvel"
                            dialect "mvel"
                        when
                        then
                            insert(new Award("x", "X", 7));
                        end
                        """, 4, "dialect \"mvel\" is not allowed"),
                drl("a function", """
                        function boolean sneaky() {
                            return new java.io.File("MARKER").mkdir();
                        }
                        """, 3, "function sneaky is not allowed"),
                drl("a declared type", """
                        declare Tag
                            name : String
                        end
                        """, 3, "declare Tag is not allowed"),
                drl("an endless loop", """
                        rule "loop"
                        when
                        then
                            while (true) { }
                        end
                        """, 3, "loops are not allowed"),
                drl("a sleep", """
                        rule "sleep"
                        when
                        then
                            Thread.sleep(60000);
                        end
                        """, 6, "java.lang.Thread.sleep is not allowed"),
                drl("exiting the JVM", """
                        rule "exit"
                        when
                            $c : Credit()
                        then
                            System.exit(0);
                        end
                        """, 7, "java.lang.System.exit is not allowed"),
                drl("a unicode escape hiding a call", """
                        rule "escape"
                        when
                            $c : Credit()
                        then
                            \\u0053ystem.exit(0);
                        end
                        """, 7, "java.lang.System.exit is not allowed"),
                drl("reflection", """
                        rule "reflection"
                        when
                            $c : Credit()
                        then
                            String.class.getMethod("length").invoke("x");
                        end
                        """, 7, "java.lang.Class.getMethod is not allowed"),
                drl("getClass on a fact", """
                        rule "getClass"
                        when
                            $c : Credit()
                        then
                            $c.getClass();
                        end
                        """, 7, "getClass is not allowed"),
                drl("a process", """
                        rule "process"
                        when
                        then
                            new ProcessBuilder("touch", "MARKER").start();
                        end
                        """, 6, "java.lang.ProcessBuilder is not allowed"),
                drl("the rule engine's runtime", """
                        rule "runtime"
                        when
                        then
                            drools.getKieRuntime().halt();
                        end
                        """, 6, "is not allowed"),
                drl("the session through kcontext", """
                        rule "kcontext"
                        when
                        then
                            kcontext.getKieRuntime().halt();
                        end
                        """, 6, "is not allowed"),
                drl("the clock", """
                        rule "clock"
                        when
                        then
                            insert(new Award("x", java.time.LocalDate.now().toString(), 7));
                        end
                        """, 6, "java.time.LocalDate.now is not allowed"),
                drl("a join of every credit four at a time", """
                        rule "join"
                        when
                            Credit() Credit()
                            not (Credit() and Credit())
                        then
                            insert(new Award("x", "X", 7));
                        end
                        """, 3, "rule 'join' joins a learner's facts 4 at a time"),
                drl("catching an error to go on", """
                        rule "catch"
                        when
                        then
                            try { insert(new Award("x", "X", 7)); } catch (Throwable t) { }
                        end
                        """, 6, "catching exceptions is not allowed"))
                .map(Arguments::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void refusedAtItsFileAndLineAndNeverRun(Hostile h, @TempDir Path dir) throws Exception {
        Path marker = dir.resolve("marker");
        TestRuleSets.copyOfShippedRules(dir);
        for (String[] f : h.files()) {
            Files.writeString(dir.resolve(f[0]), f[1].replace(MARKER, marker.toString()));
        }
        List<Path> folders = List.of(dir.resolve("frameworks"), dir.resolve("rules"));
        List<String> problems = RuleSet.check(folders).stream().map(RuleProblem::toString).toList();
        String where = dir.resolve(h.where().substring(0, h.where().indexOf(':'))) + h.where()
                .substring(h.where().indexOf(':')) + ":";
        assertTrue(problems.stream().anyMatch(p -> p.startsWith(where) && p.contains(h.reason())),
                () -> "expected a problem at " + where + " containing '" + h.reason() + "', got " + problems);
        assertThrows(RuleSetException.class, () -> RuleSet.load(folders));
        assertFalse(Files.exists(marker), "the hostile rule ran");
    }

    @Test
    void openingASocketIsRefusedAndNothingListens(@TempDir Path dir) throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        TestRuleSets.withRuleFile(dir, "rules/socket.drl", "rule \"socket\"\nwhen\nthen\n    new java.net.ServerSocket("
                + port + ");\nend\n");
        RuleSetException e = assertThrows(RuleSetException.class, () -> TestRuleSets.load(dir));
        assertTrue(e.getMessage().contains("socket.drl:6:18: rule 'socket': java.net.ServerSocket is not allowed"),
                e::getMessage);
        try (ServerSocket stillFree = new ServerSocket(port)) {
            assertEquals(port, stillFree.getLocalPort());
        }
    }

    @Test
    void aRefusalNamesTheRuleAndPointsAtTheRefusedName(@TempDir Path dir) throws Exception {
        Path victim = Files.writeString(dir.resolve("victim.txt"), "still here");
        TestRuleSets.withRuleFile(dir, "rules/delete.drl", """
                rule "tidy"
                when
                    $c : Credit()
                then
                    insert(new MayCount("scqf-pgdip", $c));
                    java.nio.file.Files.delete(java.nio.file.Path.of("VICTIM"));
                end
                """.replace("VICTIM", victim.toString()));
        RuleSetException e = assertThrows(RuleSetException.class, () -> TestRuleSets.load(dir));
        assertEquals(dir.resolve("rules") + "/delete.drl:8:25: rule 'tidy': java.nio.file.Files.delete is not "
                + "allowed in rule code: rules may not reach the JVM, threads, processes, reflection, class loading, "
                + "files, the network, the rule engine's runtime or other libraries", e.problems().get(0).toString());
        assertTrue(Files.exists(victim));
    }

    @Test
    void wordsInStringsAndCommentsAreNotCode(@TempDir Path dir) throws Exception {
        TestRuleSets.withRuleFile(dir, "rules/words.drl", """
                // System, Runtime and File are only words in a comment
                rule "Process engineering credit may count"
                when
                    $c : Credit( code == "Process Runtime System" )
                then
                    insert(new MayCount("scqf-pgdip", $c));
                end
                """);
        TestRuleSets.load(dir);
    }

    @Test
    void accumulateCollectFromAndUpdateAreAllowed(@TempDir Path dir) throws Exception {
        TestRuleSets.withRuleFile(dir, "rules/features.drl", """
                rule "accumulate"
                when
                    $total : java.math.BigDecimal() from accumulate(Credit($p : points), sum($p))
                    $all : java.util.List() from collect(Credit(atLevel(11)))
                    $c : Credit() from $all
                then
                    if ($total.signum() > 0 && $all.size() > 0) {
                        insert(new MayCount("scqf-pgdip", $c));
                    }
                end
                """);
        RuleSet rules = TestRuleSets.load(dir);
        var r = rules.evaluate(Learners.learner(Learners.credential("A").scqf(15, 11)), java.time.LocalDate.of(2026, 11, 28));
        assertTrue(r.award("scqf-pgdip").orElseThrow().counted().stream().anyMatch(c -> c.credential().equals("A")));
    }

    @Test
    void valueTypesAndTheVocabularyAreAllowed(@TempDir Path dir) throws Exception {
        TestRuleSets.withRuleFile(dir, "rules/values.drl", """
                rule "values"
                when
                    $c : Credit( points.compareTo(java.math.BigDecimal.valueOf(Math.max(1, 2))) >= 0 )
                then
                    String s = String.valueOf($c.points().setScale(2, java.math.RoundingMode.HALF_UP)) + "x";
                    if (s.length() > 0 && java.util.List.of("a").contains("a")) {
                        insert(new MayCount("scqf-pgdip", $c));
                    }
                end
                """);
        TestRuleSets.load(dir);
    }
}
