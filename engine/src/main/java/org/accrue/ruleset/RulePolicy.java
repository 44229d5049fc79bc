package org.accrue.ruleset;

import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.FieldVisitor;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The safe rule policy, checked on the Java classes Drools compiles a rule set to (the executable model), before
 * any of them is loaded. Whatever way code got into a rule (DRL, a sentence's expansion, a {@code >} line, a
 * decision-table cell, {@code from}, {@code eval}, {@code accumulate}), it ends up in these classes, so one check
 * on them covers every way of writing it.
 *
 * <p>An allowlist: every class, method and field a rule's code refers to must be the rule set's own generated
 * code, Accrue's vocabulary and learner types, a short list of JDK value types and members, or the parts of
 * Drools' model API the generated code builds rules with. Besides that: no backward branch (so no loop), no
 * exception handler, and only the {@code invokedynamic} bootstraps that {@code javac} uses for lambdas and
 * string concatenation, whose method handles meet the same check.
 */
final class RulePolicy {
    /** Any member of these, except {@link #NEVER}. Prefixes ending in '/' take a whole package and below. */
    private static final List<String> ANY_MEMBER = List.of(
            "org/accrue/vocabulary/", "org/accrue/learner/",
            // what the generated code builds rules with: descriptions of patterns, constraints and consequences
            "org/drools/model/functions/", "org/drools/model/consequences/", "org/drools/model/operators/",
            "org/drools/model/bitmask/",
            "org/drools/model/view/", "org/drools/model/impl/", "org/drools/model/PatternDSL",
            "org/drools/model/DSL", "org/drools/model/Index", "org/drools/model/Rule", "org/drools/model/Model",
            "org/drools/model/Variable", "org/drools/model/Declaration", "org/drools/model/DomainClassMetadata",
            "org/drools/model/RuleItemBuilder", "org/drools/model/Argument", "org/drools/model/Query",
            "org/drools/model/DeclarationSource", "org/drools/model/PrototypeVariable",
            "org/drools/model/AlphaIndex", "org/drools/model/BetaIndex", "org/drools/model/ConstraintOperator",
            "org/drools/model/Condition", "org/drools/model/SingleConstraint", "org/drools/model/WindowReference",
            "org/drools/modelcompiler/dsl/pattern/D", "org/drools/modelcompiler/util/EvaluationUtil",
            "org/drools/modelcompiler/CanonicalKieModuleModel", "org/drools/core/base/accumulators/",
            "org/kie/api/builder/model/", "org/kie/api/conf/",
            "org/kie/api/runtime/conf/ClockTypeOption",
            // JDK value types
            "java/lang/String", "java/lang/CharSequence", "java/lang/Comparable", "java/lang/Number",
            "java/lang/Integer", "java/lang/Long", "java/lang/Short", "java/lang/Byte", "java/lang/Double",
            "java/lang/Float", "java/lang/Boolean", "java/lang/Character", "java/lang/Math", "java/lang/StrictMath",
            "java/lang/Enum", "java/lang/Iterable", "java/lang/StringBuilder",
            "java/math/BigDecimal", "java/math/BigInteger", "java/math/RoundingMode", "java/math/MathContext",
            "java/time/LocalDate", "java/time/Period", "java/time/Year", "java/time/YearMonth", "java/time/Month",
            "java/time/MonthDay", "java/time/DayOfWeek", "java/time/temporal/", "java/time/chrono/ChronoLocalDate",
            "java/time/chrono/ChronoPeriod", "java/time/format/DateTimeFormatter",
            "java/time/format/DateTimeFormatterBuilder",
            "java/util/List", "java/util/Set", "java/util/Map", "java/util/Map$Entry", "java/util/Collection",
            "java/util/Iterator", "java/util/Collections", "java/util/Arrays", "java/util/Objects",
            "java/util/Optional", "java/util/ArrayList", "java/util/LinkedList", "java/util/HashSet",
            "java/util/LinkedHashSet", "java/util/TreeSet", "java/util/HashMap", "java/util/LinkedHashMap",
            "java/util/TreeMap", "java/util/SortedSet", "java/util/SortedMap", "java/util/NavigableSet",
            "java/util/NavigableMap", "java/util/Comparator", "java/util/function/");

    /** Only these members of these classes. */
    private static final Map<String, Set<String>> SOME_MEMBERS = Map.ofEntries(
            Map.entry("java/lang/Object", Set.of("<init>", "equals", "hashCode", "toString")),
            // the generated enum singletons copy their values array
            Map.entry("java/lang/System", Set.of("arraycopy")),
            Map.entry("java/util/Locale", Set.of("ROOT", "ENGLISH", "UK", "US", "equals", "hashCode", "toString",
                    "getLanguage", "getCountry")),
            Map.entry("java/lang/RuntimeException", Set.of("<init>", "getMessage")),
            Map.entry("java/lang/IllegalArgumentException", Set.of("<init>", "getMessage")),
            Map.entry("java/lang/IllegalStateException", Set.of("<init>", "getMessage")),
            Map.entry("java/lang/ArithmeticException", Set.of("<init>", "getMessage")),
            // the consequence's handle on the engine: insert, update and delete facts, and the rule's name
            Map.entry("org/drools/model/Drools", Set.of("insert", "update", "delete")),
            Map.entry("org/drools/modelcompiler/consequence/DroolsImpl", Set.of("asKnowledgeHelper")),
            Map.entry("org/drools/core/rule/consequence/KnowledgeHelper", Set.of("getRule")),
            Map.entry("org/kie/api/definition/rule/Rule", Set.of("getName", "getPackageName")),
            Map.entry("org/kie/api/KieServices", Set.of("get", "newKieModuleModel")),
            Map.entry("org/kie/util/maven/support/ReleaseIdImpl", Set.of("<init>")),
            Map.entry("org/drools/util/DateUtils", Set.of("getDateFormatMask")));

    /** Never, whoever declares them: reflection, monitors, and calls that can take unbounded time or memory. */
    private static final Set<String> NEVER = Set.of("getClass", "getDeclaringClass", "wait", "notify", "notifyAll",
            "finalize", "repeat", "pow", "scaleByPowerOfTen", "getInteger", "getLong", "getBoolean", "now",
            "globalOf", "parallelStream");

    /** The only bootstrap methods an {@code invokedynamic} may name. */
    private static final Set<String> BOOTSTRAPS = Set.of("java/lang/invoke/LambdaMetafactory.metafactory",
            "java/lang/invoke/LambdaMetafactory.altMetafactory",
            "java/lang/invoke/StringConcatFactory.makeConcatWithConstants");

    /**
     * A class of the compiled rule set that breaks the policy.
     *
     * @param rules the rules whose code it is (empty when no rule refers to that class)
     * @param word  the name to look for in the rule's source text, to point at the line
     */
    record Violation(String className, List<String> rules, String reason, String word) {
    }

    private RulePolicy() {
    }

    /** Every violation in a compiled rule set's classes (internal name to bytes), in class-name order. */
    static List<Violation> check(Map<String, byte[]> classes) {
        Set<String> generated = classes.keySet();
        Map<String, List<String>> rulesOf = rulesOf(classes);
        List<Violation> out = new ArrayList<>();
        for (String name : new java.util.TreeSet<>(generated)) {
            Set<Found> found = new LinkedHashSet<>();
            new ClassReader(classes.get(name)).accept(new Checker(generated, found), 0);
            for (Found f : found) {
                // code in a rule method is that rule's; a class of constraints or a consequence is its rules'
                List<String> rules = rulesOf.getOrDefault(name + "." + f.method(),
                        rulesOf.getOrDefault(name, List.of()));
                out.add(new Violation(name, rules, f.reason(), f.word()));
            }
        }
        return out;
    }

    /** Whether a generated class may live in this package: Accrue's rule packages are accrue and below. */
    static boolean rulePackage(String internalName) {
        return internalName.startsWith("accrue/") || internalName.startsWith("org/drools/project/model/");
    }

    private record Found(String method, String reason, String word) {
    }

    /**
     * Which rules each generated class belongs to: a {@code rule_...} method names its rule in its call of
     * {@code D.rule(package, name)}, and refers to the classes that hold its constraints and consequence.
     * Keyed by class name for those classes, and by {@code class.method} for the rule method itself.
     */
    private static Map<String, List<String>> rulesOf(Map<String, byte[]> classes) {
        Map<String, List<String>> rules = new HashMap<>();
        for (Map.Entry<String, byte[]> c : classes.entrySet()) {
            new ClassReader(c.getValue()).accept(new ClassVisitor(Opcodes.ASM9) {
                @Override
                public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                                                 String[] exceptions) {
                    if (!name.startsWith("rule_")) {
                        return null;
                    }
                    List<Object> constants = new ArrayList<>();
                    Set<String> referred = new LinkedHashSet<>();
                    String[] rule = new String[1];
                    return new MethodVisitor(Opcodes.ASM9) {
                        @Override
                        public void visitLdcInsn(Object value) {
                            constants.add(value);
                        }

                        @Override
                        public void visitMethodInsn(int opcode, String owner, String member, String d, boolean itf) {
                            // D.rule(package, name): the two constants just loaded
                            if (rule[0] == null && member.equals("rule") && owner.endsWith("/pattern/D")
                                    && constants.size() >= 2
                                    && constants.get(constants.size() - 1) instanceof String s) {
                                rule[0] = s;
                            }
                            refer(owner);
                        }

                        @Override
                        public void visitFieldInsn(int opcode, String owner, String member, String d) {
                            refer(owner);
                        }

                        private void refer(String owner) {
                            if (classes.containsKey(owner)) {
                                referred.add(owner);
                            }
                        }

                        @Override
                        public void visitEnd() {
                            if (rule[0] != null) {
                                referred.remove(c.getKey());
                                rules.put(c.getKey() + "." + name, List.of(rule[0]));
                                for (String r : referred) {
                                    List<String> list = rules.computeIfAbsent(r, k -> new ArrayList<>());
                                    if (!list.contains(rule[0])) {
                                        list.add(rule[0]);
                                    }
                                }
                            }
                        }
                    };
                }
            }, ClassReader.SKIP_DEBUG);
        }
        return rules;
    }

    /** Checks one class: its supertypes, and every reference and branch in every method. */
    private static final class Checker extends ClassVisitor {
        private final Set<String> generated;
        private final Set<Found> found;
        private String method = "";
        /** Classes already refused in this method, as a type and by a member: one finding each, not one per use. */
        private final Set<String> typesReported = new HashSet<>();
        private final Set<String> reported = new HashSet<>();

        Checker(Set<String> generated, Set<Found> found) {
            super(Opcodes.ASM9);
            this.generated = generated;
            this.found = found;
        }

        @Override
        public void visit(int version, int access, String name, String signature, String superName,
                          String[] interfaces) {
            if (!rulePackage(name)) {
                found.add(new Found(method, "rule code is compiled into package " + name.substring(0, Math.max(0,
                        name.lastIndexOf('/'))).replace('/', '.') + "; rule files must use package accrue or a "
                        + "package below it", "package"));
            }
            if (superName != null && !superName.equals("java/lang/Enum")) {
                type(superName);
            }
            for (String i : interfaces) {
                type(i);
            }
        }

        @Override
        public FieldVisitor visitField(int access, String name, String descriptor, String signature, Object value) {
            return null; // a field's type alone does nothing; what is done with it is checked where it is used
        }

        @Override
        public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                                         String[] exceptions) {
            method = name;
            if ((access & Opcodes.ACC_NATIVE) != 0) {
                found.add(new Found(method, "native method " + name + " is not allowed in rule code", name));
            }
            reported.clear();
            typesReported.clear();
            return new MethodVisitor(Opcodes.ASM9) {
                private final Set<Label> seen = new HashSet<>();

                @Override
                public void visitLabel(Label label) {
                    seen.add(label);
                }

                @Override
                public void visitJumpInsn(int opcode, Label label) {
                    if (seen.contains(label)) {
                        loop();
                    }
                }

                @Override
                public void visitTableSwitchInsn(int min, int max, Label dflt, Label... labels) {
                    backward(dflt, labels);
                }

                @Override
                public void visitLookupSwitchInsn(Label dflt, int[] keys, Label[] labels) {
                    backward(dflt, labels);
                }

                private void backward(Label dflt, Label[] labels) {
                    boolean back = seen.contains(dflt);
                    for (Label l : labels) {
                        back |= seen.contains(l);
                    }
                    if (back) {
                        loop();
                    }
                }

                private void loop() {
                    found.add(new Found(method, "loops are not allowed in rule code (while, for, do); a rule is applied "
                            + "once per match, and the facts are what it iterates over", null));
                }

                @Override
                public void visitTryCatchBlock(Label start, Label end, Label handler, String type) {
                    found.add(new Found(method, "catching exceptions is not allowed in rule code (try/catch/finally)",
                            "try"));
                }

                @Override
                public void visitTypeInsn(int opcode, String type) {
                    type(type);
                }

                @Override
                public void visitMultiANewArrayInsn(String descriptor, int numDimensions) {
                    type(Type.getType(descriptor));
                }

                @Override
                public void visitLdcInsn(Object value) {
                    if (value instanceof Type t) {
                        type(t);
                    } else if (value instanceof Handle h) {
                        member(h.getOwner(), h.getName());
                    } else if (value instanceof org.objectweb.asm.ConstantDynamic) {
                        found.add(new Found(method, "dynamic constants are not allowed in rule code", null));
                    }
                }

                @Override
                public void visitFieldInsn(int opcode, String owner, String name, String descriptor) {
                    member(owner, name);
                }

                @Override
                public void visitMethodInsn(int opcode, String owner, String name, String descriptor,
                                            boolean isInterface) {
                    member(owner, name);
                }

                @Override
                public void visitInvokeDynamicInsn(String name, String descriptor, Handle bootstrap,
                                                   Object... arguments) {
                    String b = bootstrap.getOwner() + "." + bootstrap.getName();
                    if (!BOOTSTRAPS.contains(b)) {
                        found.add(new Found(method, b.replace('/', '.') + " is not allowed in rule code", name));
                        return;
                    }
                    for (Object a : arguments) {
                        if (a instanceof Handle h) {
                            member(h.getOwner(), h.getName());
                        }
                    }
                }
            };
        }

        private void type(Type t) {
            while (t.getSort() == Type.ARRAY) {
                t = t.getElementType();
            }
            if (t.getSort() == Type.OBJECT) {
                type(t.getInternalName());
            }
        }

        private void type(String internalName) {
            if (internalName.startsWith("[")) {
                type(Type.getType(internalName));
                return;
            }
            if (generated.contains(internalName) || anyMember(internalName)
                    || SOME_MEMBERS.containsKey(internalName) || reported.contains(internalName)
                    || !typesReported.add(internalName)) {
                return;
            }
            found.add(new Found(method, display(internalName) + " is not allowed in rule code: "
                    + "rules may use Accrue's vocabulary and learner types and a few JDK value types", simple(internalName)));
        }

        private void member(String owner, String name) {
            if (owner.startsWith("[")) {
                type(owner); // a method of an array: clone, length
                return;
            }
            if (NEVER.contains(name)) {
                found.add(new Found(method, display(owner) + "." + name + " is not allowed in rule code: rules may not "
                        + "reflect, wait, read the clock or system properties, or make unbounded numbers", name));
                return;
            }
            if (generated.contains(owner) || anyMember(owner)) {
                return;
            }
            Set<String> some = SOME_MEMBERS.get(owner);
            if (some != null && some.contains(name) || reported.contains(owner)
                    || name.equals("<init>") && typesReported.contains(owner)) {
                return;
            }
            if (some == null) {
                reported.add(owner); // the whole class is refused: its other members say nothing more
            }
            found.add(new Found(method, display(owner) + (name.equals("<init>") ? "" : "." + name)
                    + " is not allowed in rule code: rules may not reach the JVM, threads, processes, reflection, "
                    + "class loading, files, the network, the rule engine's runtime or other libraries",
                    name.equals("<init>") ? simple(owner) : name));
        }
    }

    private static boolean anyMember(String internalName) {
        for (String p : ANY_MEMBER) {
            if (p.endsWith("/") ? internalName.startsWith(p) : internalName.equals(p)
                    || internalName.startsWith(p + "$")) {
                return true;
            }
        }
        return false;
    }

    private static String display(String internalName) {
        return internalName.replace('/', '.').replace('$', '.');
    }

    private static String simple(String internalName) {
        String s = internalName.substring(internalName.lastIndexOf('/') + 1);
        return s.substring(s.lastIndexOf('$') + 1);
    }

    /** The classes of a compiled module, by internal name. */
    static Map<String, byte[]> classes(byte[] jar) {
        Map<String, byte[]> classes = new LinkedHashMap<>();
        try (java.util.zip.ZipInputStream in = new java.util.zip.ZipInputStream(new java.io.ByteArrayInputStream(jar))) {
            for (java.util.zip.ZipEntry e; (e = in.getNextEntry()) != null; ) {
                if (e.getName().endsWith(".class")) {
                    classes.put(e.getName().substring(0, e.getName().length() - ".class".length()), in.readAllBytes());
                }
            }
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("compiled rule set is not a readable jar: " + e.getMessage(), e);
        }
        return classes;
    }
}
