package org.accrue;

import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.Handle;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * What compiled classes refer to, read from their bytecode (supertypes, method and field descriptors, every
 * method call, field access, type instruction, class constant and lambda handle), so that no way of naming a
 * class escapes: the boundary tests' one reader.
 */
public final class BytecodeReferences {
    private BytecodeReferences() {
    }

    /**
     * Every reference from the classes below {@code root} whose path (relative, such as
     * {@code org/accrue/cli/X.class}) passes {@code which}, to a type whose internal name starts with one of
     * {@code forbidden}; each as {@code class -> type}.
     */
    public static Set<String> find(Path root, Predicate<String> which, List<String> forbidden) throws IOException {
        Set<String> found = new TreeSet<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".class")).toList()) {
                String self = root.relativize(f).toString();
                if (which.test(self)) {
                    new ClassReader(Files.readAllBytes(f)).accept(new Reader(self, forbidden, found),
                            ClassReader.SKIP_DEBUG);
                }
            }
        }
        return found;
    }

    private static final class Reader extends ClassVisitor {
        private final String self;
        private final List<String> forbidden;
        private final Set<String> found;

        Reader(String self, List<String> forbidden, Set<String> found) {
            super(Opcodes.ASM9);
            this.self = self;
            this.forbidden = forbidden;
            this.found = found;
        }

        @Override
        public void visit(int v, int a, String name, String sig, String sup, String[] itf) {
            note(sup);
            for (String i : itf) {
                note(i);
            }
        }

        @Override
        public MethodVisitor visitMethod(int a, String name, String desc, String sig, String[] ex) {
            descriptor(desc);
            return new MethodVisitor(Opcodes.ASM9) {
                @Override
                public void visitMethodInsn(int op, String owner, String n, String d, boolean itf) {
                    note(owner);
                    descriptor(d);
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
                        descriptor(t.getDescriptor());
                    }
                }

                @Override
                public void visitInvokeDynamicInsn(String n, String d, Handle b, Object... args) {
                    descriptor(d);
                    for (Object x : args) {
                        if (x instanceof Handle h) {
                            note(h.getOwner());
                        }
                    }
                }
            };
        }

        private void descriptor(String d) {
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
            if (type != null && forbidden.stream().anyMatch(type::startsWith)) {
                found.add(self + " -> " + type);
            }
        }
    }
}
