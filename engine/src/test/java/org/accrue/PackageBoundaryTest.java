package org.accrue;

import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

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
        Set<String> used = new TreeSet<>();
        try (Stream<Path> files = Files.walk(classes)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".class")).toList()) {
                String self = classes.relativize(f).toString();
                if (PUBLIC_BUT_ROOT.stream().noneMatch(self::startsWith)) {
                    continue;
                }
                new ClassReader(Files.readAllBytes(f)).accept(new ClassVisitor(Opcodes.ASM9) {
                    @Override
                    public MethodVisitor visitMethod(int a, String n, String d, String s, String[] e) {
                        note(d);
                        return new MethodVisitor(Opcodes.ASM9) {
                            @Override
                            public void visitMethodInsn(int op, String owner, String name, String desc, boolean i) {
                                note(owner);
                            }

                            @Override
                            public void visitFieldInsn(int op, String owner, String name, String desc) {
                                note(owner);
                            }

                            @Override
                            public void visitTypeInsn(int op, String type) {
                                note(type);
                            }
                        };
                    }

                    private void note(String s) {
                        for (String internal : INTERNAL) {
                            if (s.contains(internal)) {
                                used.add(self + " -> " + internal);
                            }
                        }
                    }
                }, ClassReader.SKIP_DEBUG);
            }
        }
        assertEquals(Set.of(), used);
    }
}
