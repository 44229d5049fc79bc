package org.accrue;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.module.ModuleDescriptor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The embedder's API (docs/architecture.md) speaks only Accrue's and the JDK's types: no Jackson, Drools or
 * KIE type in any public signature of a public package, so a host can upgrade or shade those freely.
 */
class PublicApiTest {
    static final List<String> FOREIGN = List.of("com.fasterxml.", "org.kie.", "org.drools.", "org.objectweb.",
            "com.nimbusds.", "jakarta.json", "com.apicatalog.", "io.ipfs.");

    @Test
    void thePublicPackagesAreTheModulesExportsAndIncludeTheNewerOnes() throws Exception {
        List<String> exported = exportedPackages();
        assertTrue(exported.containsAll(List.of("org.accrue", "org.accrue.planning", "org.accrue.trust")), exported.toString());
        assertTrue(!exported.contains("org.accrue.evaluation") && !exported.contains("org.accrue.ruleset"), exported.toString());
    }

    @Test
    void noLibraryTypeInAPublicSignature() throws Exception {
        List<String> leaks = new ArrayList<>();
        for (Class<?> c : publicClasses()) {
            for (Method m : c.getDeclaredMethods()) {
                if (Modifier.isPublic(m.getModifiers()) && !m.isSynthetic()) {
                    check(leaks, c.getName() + "." + m.getName() + " returns", m.getGenericReturnType());
                    for (Type t : m.getGenericParameterTypes()) {
                        check(leaks, c.getName() + "." + m.getName() + " takes", t);
                    }
                }
            }
            for (var k : c.getDeclaredConstructors()) {
                if (Modifier.isPublic(k.getModifiers())) {
                    for (Type t : k.getGenericParameterTypes()) {
                        check(leaks, c.getName() + " constructor takes", t);
                    }
                }
            }
            for (Field f : c.getDeclaredFields()) {
                if (Modifier.isPublic(f.getModifiers())) {
                    check(leaks, c.getName() + "." + f.getName() + " is", f.getGenericType());
                }
            }
            check(leaks, c.getName() + " extends", c.getGenericSuperclass());
        }
        assertEquals(List.of(), leaks);
    }

    @Test
    void theOneRuntimeFailureAnEmbedderCatchesIsInThePublicPackage() {
        assertEquals("org.accrue", EvaluationException.class.getPackageName());
        assertTrue(RuntimeException.class.isAssignableFrom(EvaluationException.class));
    }

    private static void check(List<String> leaks, String what, Type t) {
        if (t == null) {
            return;
        }
        String name = t.getTypeName();
        for (String f : FOREIGN) {
            if (name.contains(f)) {
                leaks.add(what + " " + name);
            }
        }
    }

    /** Public, and so is every class it is nested in: what another package can name. */
    private static boolean reachable(Class<?> c) {
        for (Class<?> k = c; k != null; k = k.getEnclosingClass()) {
            if (!Modifier.isPublic(k.getModifiers())) {
                return false;
            }
        }
        return true;
    }

    /** The packages the engine's module-info exports: the embedder's API, read from the compiled descriptor. */
    private static List<String> exportedPackages() throws IOException, URISyntaxException {
        Path root = Path.of(RuleSet.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        try (var in = Files.newInputStream(root.resolve("module-info.class"))) {
            return ModuleDescriptor.read(in).exports().stream()
                    .filter(e -> !e.isQualified()).map(ModuleDescriptor.Exports::source).sorted().toList();
        }
    }

    private static List<Class<?>> publicClasses() throws IOException, URISyntaxException, ClassNotFoundException {
        Path root = Path.of(RuleSet.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<Class<?>> out = new ArrayList<>();
        for (String pkg : exportedPackages()) {
            Path dir = root.resolve(pkg.replace('.', '/'));
            try (Stream<Path> files = Files.list(dir)) {
                for (Path f : files.filter(p -> p.toString().endsWith(".class")).sorted().toList()) {
                    String simple = f.getFileName().toString().replace(".class", "");
                    if (simple.equals("package-info")) {
                        continue;
                    }
                    Class<?> c = Class.forName(pkg + "." + simple.replace('/', '.'), false,
                            PublicApiTest.class.getClassLoader());
                    if (reachable(c)) {
                        out.add(c);
                    }
                }
            }
        }
        return out;
    }
}
