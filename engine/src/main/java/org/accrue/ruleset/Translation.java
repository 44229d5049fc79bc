package org.accrue.ruleset;

import org.accrue.RuleProblem;
import org.drools.decisiontable.InputType;
import org.drools.decisiontable.SpreadsheetCompiler;
import org.drools.drl.parser.lang.dsl.DSLMappingEntry;
import org.drools.drl.parser.lang.dsl.DSLTokenizedMappingFile;
import org.drools.drl.parser.lang.dsl.DefaultExpander;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every rule file as the DRL Drools will compile, with the problems found on the way: DSL lines that do not
 * parse, sentences that match no mapping or only part of one, spreadsheets that do not convert, and code that
 * breaks the safe rule policy ({@link CodeScanner}). Nothing here compiles or runs a rule.
 */
public final class Translation {
    private static final Pattern RULE = Pattern.compile("^\\s*rule\\s+(?:\"([^\"]+)\"|'([^']+)'|(\\S+))");
    private static final Pattern TABLE_ROW = Pattern.compile("^// rule values at [A-Z]+(\\d+)");

    /** One file's DRL and where each rule starts in the file a user edits. */
    public record Drl(RuleFile file, String text, List<RuleAt> rules) {
    }

    /** A rule and its line in the user's file (for a spreadsheet, the row). */
    public record RuleAt(String name, int line) {
    }

    private final List<Drl> drls = new ArrayList<>();
    private final List<RuleProblem> problems = new ArrayList<>();

    private Translation(List<RuleFile> files) {
        List<DSLTokenizedMappingFile> vocabularies = new ArrayList<>();
        for (RuleFile f : files) {
            if (kind(f).equals(".dsl")) {
                vocabularies.add(vocabulary(f));
            }
        }
        for (RuleFile f : files) {
            switch (kind(f)) {
                case ".drl" -> drl(f, text(f), null);
                case ".dslr" -> dslr(f, vocabularies);
                case ".dsl" -> dslValues(f);
                default -> table(f);
            }
        }
    }

    public static Translation of(List<RuleFile> files) {
        return new Translation(files);
    }

    public List<Drl> drls() {
        return drls;
    }

    public List<RuleProblem> problems() {
        return problems;
    }

    static String kind(RuleFile f) {
        String n = f.name().toLowerCase(Locale.ROOT);
        for (String ext : List.of(".drl.csv", ".drl.xlsx", ".drl.xls", ".dslr", ".dsl", ".drl")) {
            if (n.endsWith(ext)) {
                return ext;
            }
        }
        throw new IllegalArgumentException(f.name());
    }

    private void drl(RuleFile f, String text, String source) {
        List<RuleAt> rules = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        int row = 0;
        for (int i = 0; i < lines.length; i++) {
            Matcher t = TABLE_ROW.matcher(lines[i]);
            if (t.find()) {
                row = Integer.parseInt(t.group(1));
            }
            String name = ruleName(lines[i]);
            if (name != null) {
                rules.add(new RuleAt(name, row > 0 ? row : lineIn(source, name, i + 1)));
            }
        }
        drls.add(new Drl(f, text, rules));
        for (CodeScanner.Violation v : CodeScanner.scan(text)) {
            int line = v.line();
            int column = v.column();
            if (row > 0) {
                line = rowOf(lines, v.line());
                column = 0;
            } else if (source != null) {
                line = lineIn(source, enclosingRule(lines, v.line()), v.line());
                column = 0;
            }
            problems.add(new RuleProblem(f.display(), line, column, v.reason()));
        }
    }

    /** A DSL vocabulary; its lines that do not parse are problems. */
    private DSLTokenizedMappingFile vocabulary(RuleFile f) {
        DSLTokenizedMappingFile dsl = new DSLTokenizedMappingFile();
        try {
            if (!dsl.parseAndLoad(new StringReader(text(f)))) {
                for (Object e : dsl.getErrors()) {
                    problems.add(new RuleProblem(f.display(), 0, 0, "vocabulary does not parse: " + e));
                }
            }
        } catch (IOException e) {
            problems.add(new RuleProblem(f.display(), 0, 0, "cannot be read: " + e.getMessage()));
        }
        return dsl;
    }

    /** The code a vocabulary's sentences expand to is scanned like any rule file. */
    private void dslValues(RuleFile f) {
        String[] lines = text(f).split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (line.startsWith("#")) {
                continue;
            }
            int eq = line.indexOf('=');
            int close = line.lastIndexOf(']', eq < 0 ? line.length() : eq);
            if (eq < 0) {
                if (!line.isBlank()) {
                    problems.add(new RuleProblem(f.display(), i + 1, 0,
                            "a vocabulary line needs [section][]sentence=code"));
                }
                continue;
            }
            if (close < 0) {
                continue;
            }
            String value = line.substring(eq + 1);
            for (CodeScanner.Violation v : CodeScanner.scan(value)) {
                problems.add(new RuleProblem(f.display(), i + 1, eq + 1 + v.column(), v.reason()));
            }
        }
    }

    private void dslr(RuleFile f, List<DSLTokenizedMappingFile> vocabularies) {
        String source = text(f);
        if (vocabularies.isEmpty()) {
            problems.add(new RuleProblem(f.display(), 0, 0, "sentences need a vocabulary (.dsl) in the rule set"));
            return;
        }
        checkSentences(f, source, vocabularies);
        DefaultExpander expander = new DefaultExpander();
        vocabularies.forEach(v -> expander.addDSLMapping(v.getMapping()));
        String expanded = expander.expand(source);
        drl(f, expanded, source);
    }

    /**
     * Every sentence must match one sentence of the vocabulary in full. Drools expands the part of a line that
     * matches and passes the rest on as DRL, which then fails a line later or at the rule's first line.
     */
    private void checkSentences(RuleFile f, String source, List<DSLTokenizedMappingFile> vocabularies) {
        List<Pattern> conditions = new ArrayList<>();
        List<Pattern> consequences = new ArrayList<>();
        for (DSLTokenizedMappingFile v : vocabularies) {
            for (DSLMappingEntry e : v.getMapping().getEntries()) {
                Pattern whole = Pattern.compile("^\\s*(?:" + e.getKeyPattern().pattern() + ")\\s*$");
                if (e.getSection() == DSLMappingEntry.CONDITION || e.getSection() == DSLMappingEntry.ANY) {
                    conditions.add(whole);
                }
                if (e.getSection() == DSLMappingEntry.CONSEQUENCE || e.getSection() == DSLMappingEntry.ANY) {
                    consequences.add(whole);
                }
            }
        }
        String[] lines = source.split("\n", -1);
        String section = "";
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("//") || line.startsWith("#") || line.startsWith(">")) {
                continue;
            }
            String word = line.split("\\s+")[0];
            switch (word) {
                case "rule", "package", "import", "dialect", "salience", "no-loop", "agenda-group",
                     "activation-group", "lock-on-active", "date-effective", "date-expires", "enabled",
                     "duration", "timer", "declare", "function", "query", "global", "attributes" -> {
                    continue;
                }
                case "when" -> {
                    section = "when";
                    continue;
                }
                case "then" -> {
                    section = "then";
                    continue;
                }
                case "end" -> {
                    section = "";
                    continue;
                }
                default -> {
                }
            }
            if (section.isEmpty()) {
                continue;
            }
            List<Pattern> sentences = section.equals("when") ? conditions : consequences;
            if (sentences.stream().noneMatch(p -> p.matcher(line).matches())) {
                problems.add(new RuleProblem(f.display(), i + 1, lines[i].indexOf(line) + 1,
                        "'" + line + "' matches no " + (section.equals("when") ? "condition" : "action")
                                + " sentence of the vocabulary (docs/authoring.md lists them; plain DRL lines "
                                + "start with '>')"));
            }
        }
    }

    private void table(RuleFile f) {
        String kind = kind(f);
        try {
            String drl = new SpreadsheetCompiler().compile(new ByteArrayInputStream(f.content()),
                    kind.equals(".drl.csv") ? InputType.CSV : InputType.XLS);
            drl(f, drl, null);
        } catch (RuntimeException e) {
            problems.add(new RuleProblem(f.display(), 0, 0, "decision table does not convert: " + e.getMessage()));
        }
    }

    private static String text(RuleFile f) {
        return new String(f.content(), StandardCharsets.UTF_8);
    }

    /** The spreadsheet row a generated line belongs to. */
    private static int rowOf(String[] lines, int line) {
        for (int i = line - 1; i >= 0; i--) {
            Matcher t = TABLE_ROW.matcher(lines[i]);
            if (t.find()) {
                return Integer.parseInt(t.group(1));
            }
        }
        return 0;
    }

    /** The name a {@code rule} header on this line gives (quoted either way, or bare), or null. */
    static String ruleName(String line) {
        Matcher m = RULE.matcher(line);
        if (!m.find()) {
            return null;
        }
        return m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : m.group(3);
    }

    /** The rule that line {@code line} (from 1) of a DRL text is in: the nearest rule header at or above it. */
    static String enclosingRule(String[] lines, int line) {
        for (int i = line - 1; i >= 0; i--) {
            String name = ruleName(lines[i]);
            if (name != null) {
                return name;
            }
        }
        return null;
    }

    /** The line of {@code rule "name"} in a source, or {@code fallback} when there is no source to search. */
    private static int lineIn(String source, String rule, int fallback) {
        if (source == null || rule == null) {
            return fallback;
        }
        String[] lines = source.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (rule.equals(ruleName(lines[i]))) {
                return i + 1;
            }
        }
        return fallback;
    }

}
