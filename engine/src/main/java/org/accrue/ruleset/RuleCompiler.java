package org.accrue.ruleset;

import org.accrue.RuleProblem;
import org.accrue.RuleSetException;
import org.kie.api.KieBase;
import org.kie.api.KieServices;
import org.kie.api.builder.KieBuilder;
import org.kie.api.builder.KieFileSystem;
import org.kie.api.builder.Message;
import org.kie.api.builder.KieModule;
import org.kie.api.builder.ReleaseId;
import org.drools.compiler.kie.builder.impl.InternalKieModule;
import org.drools.model.codegen.ExecutableModelProject;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Compiles rule files into a KieBase, reporting every error at its file and line. */
public final class RuleCompiler {
    /** Drools gives the column only inside the message text: {@code [ERR 102] Line 5:23 mismatched ...}. */
    private static final Pattern LINE_COLUMN = Pattern.compile("Line (\\d+):(\\d+)");
    /** A module descriptor with the defaults: one KieBase of every rule file. */
    private static final String KMODULE = "<kmodule xmlns=\"http://www.drools.org/xsd/kmodule\"/>";
    /** Drools adds this after every syntax error; the syntax error itself says all there is. */
    private static final String NULL_PACKAGE = "Parser returned a null Package";

    private RuleCompiler() {
    }

    /** A compiled rule set and its compiled form, to cache once the rule set has passed every check. */
    public record Compiled(KieBase base, byte[] module) {
    }

    /**
     * The rule set compiled and checked on an earlier run, if the cache has it and it is what it claims to be:
     * its bytes are those recorded when it was stored, it embeds exactly these rule files, and its code passes
     * the safe rule policy again. Anything else is discarded with a warning, and the rule set compiled anew.
     */
    public static Optional<Compiled> cached(String rulesetId, List<RuleFile> files) {
        Optional<RuleSetCache.Entry> entry = RuleSetCache.entry(rulesetId).flatMap(RuleSetCache::read);
        if (entry.isEmpty()) {
            return Optional.empty();
        }
        RuleSetCache.Entry e = entry.get();
        String wrong = e.mismatch(rulesetId);
        if (wrong == null) {
            wrong = sourcesMismatch(e.module(), files);
        }
        if (wrong == null) {
            List<RulePolicy.Violation> violations = RulePolicy.check(RulePolicy.classes(e.module()));
            if (!violations.isEmpty()) {
                wrong = "its code breaks the safe rule policy (" + violations.get(0).reason() + ")";
            }
        }
        if (wrong != null) {
            RuleSetCache.reject(e, wrong);
            return Optional.empty();
        }
        try {
            return Optional.of(new Compiled(load(KieServices.Factory.get(), e.module()), e.module()));
        } catch (RuntimeException ex) {
            RuleSetCache.reject(e, "it does not load (" + ex.getClass().getSimpleName() + ")");
            return Optional.empty();
        }
    }

    /**
     * A compiled module brought from elsewhere (another JVM's {@link #compile}), for these rule files: loaded only
     * if it embeds exactly these files and its code passes the safe rule policy.
     *
     * @throws RuleSetException saying what is wrong with it
     */
    public static Compiled imported(byte[] module, List<RuleFile> files) throws RuleSetException {
        String wrong = sourcesMismatch(module, files);
        if (wrong == null) {
            List<RulePolicy.Violation> violations = RulePolicy.check(RulePolicy.classes(module));
            if (!violations.isEmpty()) {
                wrong = "its code breaks the safe rule policy (" + violations.get(0).reason() + ")";
            }
        }
        if (wrong != null) {
            throw new RuleSetException("the compiled rule set cannot be used: " + wrong);
        }
        try {
            return new Compiled(load(KieServices.Factory.get(), module), module);
        } catch (RuntimeException ex) {
            throw new RuleSetException("the compiled rule set does not load (" + ex.getClass().getSimpleName() + ")");
        }
    }

    /** Null when a compiled module embeds exactly these rule files, in this order; else what differs. */
    private static String sourcesMismatch(byte[] module, List<RuleFile> files) {
        Map<String, byte[]> embedded = new HashMap<>();
        try (java.util.zip.ZipInputStream in = new java.util.zip.ZipInputStream(new java.io.ByteArrayInputStream(module))) {
            for (java.util.zip.ZipEntry z; (z = in.getNextEntry()) != null; ) {
                if (z.getName().matches("accrue/f\\d+/[^/]+") && !z.getName().endsWith(".class")) {
                    embedded.put(z.getName(), in.readAllBytes());
                }
            }
        } catch (java.io.IOException ex) {
            return "it is not a readable jar";
        }
        if (embedded.size() != files.size()) {
            return "it holds " + embedded.size() + " rule files where the rule set has " + files.size();
        }
        for (int i = 0; i < files.size(); i++) {
            byte[] b = embedded.get(resource(files, i));
            if (b == null || !java.util.Arrays.equals(b, files.get(i).content())) {
                return "its copy of " + files.get(i).name() + " differs from the rule file";
            }
        }
        return null;
    }

    /** Keeps a compiled rule set for later runs. */
    public static void store(String rulesetId, Compiled compiled) {
        RuleSetCache.entry(rulesetId).ifPresent(e -> RuleSetCache.write(e, rulesetId, compiled.module()));
    }

    /**
     * Compiles a rule set to the executable model (Java classes), whose compiled form can be saved and loaded
     * again without compiling. The compiled code is checked against the safe rule policy before any of it is
     * loaded: building a KieBase already runs some rule code (constant expressions in conditions), so nothing
     * is built from a rule set that breaks the policy.
     */
    public static Compiled compile(List<RuleFile> files, Translation translation) throws RuleSetException {
        KieServices ks = KieServices.Factory.get();
        // a ReleaseId of its own per build: builds sharing one can return each other's rules across threads
        ReleaseId releaseId = ks.newReleaseId("org.accrue.ruleset", "ruleset-" + UUID.randomUUID(), "1.0.0");
        KieBuilder builder = ks.newKieBuilder(fileSystem(ks, files, releaseId, null))
                .buildAll(ExecutableModelProject.class);
        try {
            if (!builder.getResults().getMessages(Message.Level.ERROR).isEmpty()) {
                throw new RuleSetException(locatedErrors(ks, files, builder));
            }
            byte[] bytes = ((InternalKieModule) builder.getKieModule()).getBytes();
            List<RuleProblem> refused = new ArrayList<>();
            for (RulePolicy.Violation v : RulePolicy.check(RulePolicy.classes(bytes))) {
                for (RuleProblem p : translation.locate(v)) {
                    if (!refused.contains(p)) {
                        refused.add(p);
                    }
                }
            }
            if (!refused.isEmpty()) {
                refused.sort(java.util.Comparator.comparing((RuleProblem p) -> p.file() == null ? "\uffff" : p.file())
                        .thenComparingInt(RuleProblem::line).thenComparingInt(RuleProblem::column));
                throw new RuleSetException(refused);
            }
            return new Compiled(ks.newKieContainer(releaseId).getKieBase(), bytes);
        } finally {
            ks.getRepository().removeKieModule(releaseId);
        }
    }

    private static KieBase load(KieServices ks, byte[] module) {
        KieModule km = ks.getRepository().addKieModule(ks.getResources().newByteArrayResource(module));
        try {
            return ks.newKieContainer(km.getReleaseId()).getKieBase();
        } finally {
            ks.getRepository().removeKieModule(km.getReleaseId());
        }
    }

    /** Where rule file {@code i} goes in the compiled module. */
    private static String resource(List<RuleFile> files, int i) {
        String name = files.get(i).name();
        return "accrue/f" + i + "/" + name.substring(name.lastIndexOf('/') + 1);
    }

    private static KieFileSystem fileSystem(KieServices ks, List<RuleFile> files, ReleaseId releaseId,
                                            Map<String, RuleFile> byPath) {
        KieFileSystem kfs = ks.newKieFileSystem();
        kfs.generateAndWritePomXML(releaseId);
        kfs.writeKModuleXML(KMODULE);
        for (int i = 0; i < files.size(); i++) {
            RuleFile f = files.get(i);
            String resource = resource(files, i);
            if (byPath != null) {
                byPath.put(resource, f); // messages name the resource path, below src/main/resources
            }
            kfs.write("src/main/resources/" + resource, f.content());
        }
        return kfs;
    }

    /**
     * The errors of a failed build, each at its file and line. The executable model's messages often lack a
     * line, so a failed build is compiled once more the classic way, whose messages have them.
     */
    private static List<RuleProblem> locatedErrors(KieServices ks, List<RuleFile> files, KieBuilder failed) {
        Map<String, RuleFile> byPath = new HashMap<>();
        ReleaseId releaseId = ks.newReleaseId("org.accrue.ruleset", "check-" + UUID.randomUUID(), "1.0.0");
        List<Message> errors = ks.newKieBuilder(fileSystem(ks, files, releaseId, byPath)).buildAll()
                .getResults().getMessages(Message.Level.ERROR);
        if (errors.isEmpty()) {
            errors = failed.getResults().getMessages(Message.Level.ERROR);
        }
        List<RuleProblem> problems = new ArrayList<>();
        for (Message m : errors) {
            if (m.getText() != null && m.getText().contains(NULL_PACKAGE) && errors.size() > 1) {
                continue;
            }
            problems.add(problem(m, byPath));
        }
        return problems;
    }

    private static RuleProblem problem(Message m, Map<String, RuleFile> byPath) {
        RuleFile f = m.getPath() == null ? null : byPath.get(m.getPath());
        String text = m.getText() == null ? "error" : m.getText().strip();
        int line = m.getLine();
        int column = 0;
        Matcher lc = LINE_COLUMN.matcher(text);
        if (lc.find()) {
            line = line > 0 ? line : Integer.parseInt(lc.group(1));
            column = Integer.parseInt(lc.group(2)) + 1;
        }
        String firstLine = text.lines().findFirst().orElse(text);
        return new RuleProblem(f == null ? m.getPath() : f.display(), Math.max(line, 0), column, firstLine);
    }
}
