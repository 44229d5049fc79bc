package org.accrue.ruleset;

import org.accrue.RuleProblem;
import org.accrue.RuleSetException;
import org.kie.api.KieBase;
import org.kie.api.KieServices;
import org.kie.api.builder.KieBuilder;
import org.kie.api.builder.KieFileSystem;
import org.kie.api.builder.Message;
import org.kie.api.builder.ReleaseId;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Compiles rule files into a KieBase, reporting every error at its file and line. */
public final class RuleCompiler {
    /** Drools gives the column only inside the message text: {@code [ERR 102] Line 5:23 mismatched ...}. */
    private static final Pattern LINE_COLUMN = Pattern.compile("Line (\\d+):(\\d+)");
    /** Drools adds this after every syntax error; the syntax error itself says all there is. */
    private static final String NULL_PACKAGE = "Parser returned a null Package";

    private RuleCompiler() {
    }

    public static KieBase compile(List<RuleFile> files) throws RuleSetException {
        KieServices ks = KieServices.Factory.get();
        // A ReleaseId of its own per build: builds sharing one can return each other's rules across threads.
        ReleaseId releaseId = ks.newReleaseId("org.accrue.ruleset", "ruleset-" + UUID.randomUUID(), "1.0.0");
        KieFileSystem kfs = ks.newKieFileSystem();
        kfs.generateAndWritePomXML(releaseId);
        Map<String, RuleFile> byPath = new HashMap<>();
        for (int i = 0; i < files.size(); i++) {
            RuleFile f = files.get(i);
            String base = f.name().substring(f.name().lastIndexOf('/') + 1);
            String resource = "accrue/f" + i + "/" + base;
            byPath.put(resource, f); // messages name the resource path, below src/main/resources
            kfs.write("src/main/resources/" + resource, f.content());
        }
        KieBuilder builder = ks.newKieBuilder(kfs).buildAll();
        List<Message> errors = builder.getResults().getMessages(Message.Level.ERROR);
        if (!errors.isEmpty()) {
            List<RuleProblem> problems = new ArrayList<>();
            for (Message m : errors) {
                if (m.getText() != null && m.getText().contains(NULL_PACKAGE) && errors.size() > 1) {
                    continue;
                }
                problems.add(problem(m, byPath));
            }
            throw new RuleSetException(problems);
        }
        try {
            return ks.newKieContainer(releaseId).getKieBase();
        } finally {
            ks.getRepository().removeKieModule(releaseId);
        }
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
