package org.accrue.cli;

import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.Handle;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

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
        Set<String> used = new TreeSet<>();
        try (Stream<Path> files = Files.walk(classes)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".class")).toList()) {
                String self = classes.relativize(f).toString();
                new ClassReader(Files.readAllBytes(f)).accept(new ClassVisitor(Opcodes.ASM9) {
                    @Override
                    public void visit(int v, int a, String name, String sig, String sup, String[] itf) {
                        note(sup);
                        for (String i : itf) {
                            note(i);
                        }
                    }

                    @Override
                    public MethodVisitor visitMethod(int a, String name, String desc, String sig, String[] ex) {
                        noteDescriptor(desc);
                        return new MethodVisitor(Opcodes.ASM9) {
                            @Override
                            public void visitMethodInsn(int op, String owner, String n, String d, boolean itf) {
                                note(owner);
                                noteDescriptor(d);
                            }

                            @Override
                            public void visitFieldInsn(int op, String owner, String n, String d) {
                                note(owner);
                            }

                            @Override
                            public void visitTypeInsn(int op, String type) {
                                note(type);
                            }

                            @Override
                            public void visitLdcInsn(Object value) {
                                if (value instanceof Type t) {
                                    noteDescriptor(t.getDescriptor());
                                }
                            }

                            @Override
                            public void visitInvokeDynamicInsn(String n, String d, Handle b, Object... args) {
                                noteDescriptor(d);
                                for (Object x : args) {
                                    if (x instanceof Handle h) {
                                        note(h.getOwner());
                                    }
                                }
                            }
                        };
                    }

                    private void noteDescriptor(String d) {
                        for (int i = d.indexOf('L'); i >= 0; i = d.indexOf('L', i + 1)) {
                            int end = d.indexOf(';', i);
                            if (end < 0) {
                                break;
                            }
                            note(d.substring(i + 1, end));
                            i = end;
                        }
                    }

                    private void note(String type) {
                        if (type != null && INTERNAL.stream().anyMatch(type::startsWith)) {
                            used.add(self + " -> " + type);
                        }
                    }
                }, ClassReader.SKIP_DEBUG);
            }
        }
        assertEquals(Set.of(), used);
    }
}
