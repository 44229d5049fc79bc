package org.accrue.ruleset;

import org.accrue.RuleProblem;
import org.drools.decisiontable.InputType;
import org.drools.drl.ast.descr.FunctionDescr;
import org.drools.drl.ast.descr.GlobalDescr;
import org.drools.drl.ast.descr.PackageDescr;
import org.drools.drl.ast.descr.RuleDescr;
import org.drools.drl.parser.DrlParser;
import org.drools.drl.parser.DroolsParserException;
import org.kie.internal.builder.conf.LanguageLevelOption;
import org.drools.decisiontable.SpreadsheetCompiler;
import org.drools.drl.parser.lang.dsl.DSLMappingEntry;
import org.drools.drl.parser.lang.dsl.DSLTokenizedMappingFile;
import org.drools.drl.parser.lang.dsl.DefaultExpander;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every rule file as the DRL Drools will compile, with the problems found on the way: DSL lines that do not
 * parse, sentences that match no mapping or only part of one, spreadsheets that do not convert, and the parts of
 * the safe rule policy that are about a file's structure (its package, globals, functions, declared types,
 * dialect, joins). The policy
 * on code is checked on what Drools compiles ({@link RulePolicy}); {@link #locate} points its findings back at
 * the file and line a user edits. Nothing here compiles or runs a rule.
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

    /** Where a rule is in the file a user edits: its lines {@code first..last} (text null for a spreadsheet). */
    private record Span(RuleFile file, String[] lines, int first, int last) {
    }

    private final List<Drl> drls = new ArrayList<>();
    private final List<RuleProblem> problems = new ArrayList<>();
    private final Map<String, Span> spans = new HashMap<>();
    /** The vocabularies' lines, where code that a sentence expands to is written. */
    private final List<Map.Entry<RuleFile, String[]>> vocabularyLines = new ArrayList<>();

    private Translation(List<RuleFile> files) {
        List<DSLTokenizedMappingFile> vocabularies = new ArrayList<>();
        for (RuleFile f : files) {
            if (kind(f).equals(".dsl")) {
                vocabularies.add(vocabulary(f));
            }
        }
        for (RuleFile f : files) {
            switch (kind(f)) {
                case ".drl" -> {
                    checkTags(f);
                    drl(f, text(f), null);
                }
                case ".dslr" -> {
                    checkTags(f);
                    dslr(f, vocabularies);
                }
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

    /**
     * One file's DRL. {@code source} is the user's text when the DRL was expanded from sentences (rules are found
     * there by name); for a spreadsheet, the generated DRL's comments give each rule's row.
     */
    private void drl(RuleFile f, String text, String source) {
        List<RuleAt> rules = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        String[] user = source == null ? lines : source.split("\n", -1);
        Map<String, Integer> inUser = source == null ? Map.of() : ruleLines(user);
        boolean table = kind(f).startsWith(".drl.");
        int row = 0;
        for (int i = 0; i < lines.length; i++) {
            Matcher t = TABLE_ROW.matcher(lines[i]);
            if (t.find()) {
                row = Integer.parseInt(t.group(1));
            }
            String name = ruleName(lines[i]);
            if (name != null) {
                rules.add(new RuleAt(name, row > 0 ? row : inUser.getOrDefault(name, i + 1)));
            }
        }
        drls.add(new Drl(f, text, rules));
        for (int i = 0; i < rules.size(); i++) {
            int last = table || i + 1 == rules.size() ? (table ? rules.get(i).line() : user.length)
                    : rules.get(i + 1).line() - 1;
            spans.putIfAbsent(rules.get(i).name(), new Span(f, table ? null : user, rules.get(i).line(), last));
        }
        PackageDescr parsed = structure(f, text, table ? lines : null, source == null ? null : user);
        if (parsed != null && !table) {
            // a rule header the line pattern missed (code before it on its line): the parser knows its line
            for (RuleDescr r : parsed.getRules()) {
                if (!spans.containsKey(r.getName()) && r.getLine() > 0) {
                    int line = source == null ? r.getLine() : inUser.getOrDefault(r.getName(), r.getLine());
                    spans.put(r.getName(), new Span(f, user, line, Math.min(user.length, Math.max(line,
                            r.getEndLine()))));
                }
            }
        }
    }

    /** Each rule header's line (from 1) in a text, by rule name, in one pass. */
    private static Map<String, Integer> ruleLines(String[] lines) {
        Map<String, Integer> at = new HashMap<>();
        for (int i = 0; i < lines.length; i++) {
            String name = ruleName(lines[i]);
            if (name != null) {
                at.putIfAbsent(name, i + 1);
            }
        }
        return at;
    }

    /**
     * The policy on a file's structure, from Drools' own parse of the DRL: the package must be Accrue's
     * ({@code accrue} or below, so rule code cannot be compiled into a library's package); no globals and no
     * functions (the vocabulary provides what rules need); no MVEL dialect (rules are Java, which the compiled
     * code check covers). {@code tableLines} maps a generated line to its spreadsheet row.
     */
    private PackageDescr structure(RuleFile f, String text, String[] tableLines, String[] source) {
        PackageDescr p;
        try {
            p = new DrlParser(LanguageLevelOption.DRL6).parse(false, text);
        } catch (DroolsParserException | RuntimeException e) {
            return null; // the compiler reports what does not parse, at its line
        }
        if (p == null) {
            return null;
        }
        String pkg = p.getNamespace() == null ? "" : p.getNamespace();
        if (!pkg.equals("accrue") && !pkg.startsWith("accrue.")) {
            problems.add(at(f, tableLines, source, p.getLine(), "package '" + pkg + "' is not allowed: rule files "
                    + "use package accrue or a package below it, such as accrue.rules"));
        }
        for (GlobalDescr g : p.getGlobals()) {
            problems.add(at(f, tableLines, source, g.getLine(), "global " + g.getIdentifier() + " is not allowed; "
                    + "Accrue's rule files take everything they need from facts"));
        }
        for (var t : p.getClassAndEnumDeclarationDescrs()) {
            problems.add(at(f, tableLines, source, t.getLine(), "declare " + t.getTypeName() + " is not allowed; "
                    + "rules use the vocabulary's fact types (docs/rule-files.md), which the engine knows how to "
                    + "explain"));
        }
        for (FunctionDescr fn : p.getFunctions()) {
            problems.add(at(f, tableLines, source, fn.getLine(), "function " + fn.getName() + " is not allowed; "
                    + "rules use the vocabulary's sentences and types (docs/authoring.md)"));
        }
        List<org.drools.drl.ast.descr.AttributeDescr> dialects = new ArrayList<>();
        if (p.getAttribute("dialect") != null) {
            dialects.add(p.getAttribute("dialect"));
        }
        for (RuleDescr r : p.getRules()) {
            if (r.getAttributes().get("dialect") != null) {
                dialects.add(r.getAttributes().get("dialect"));
            }
        }
        for (RuleDescr r : p.getRules()) {
            List<String> joined = new ArrayList<>();
            int degree = degree(r.getLhs(), joined);
            if (degree > MAX_JOIN) {
                problems.add(at(f, tableLines, source, r.getLine(), "rule '" + r.getName() + "' joins a learner's "
                        + "facts " + degree + " at a time (" + String.join(", ", joined) + "); at most " + MAX_JOIN
                        + " are allowed, since joining n credentials k at a time takes n^k steps"));
            }
        }
        for (var d : dialects) {
            if (!"java".equals(d.getValue())) {
                problems.add(at(f, tableLines, source, d.getLine(), "dialect \"" + d.getValue() + "\" is not "
                        + "allowed; rules are written in the default (java) dialect"));
            }
        }
        return p;
    }

    /** Facts there is one of (or more) per credential: a rule joining many of them costs a power of their number. */
    private static final java.util.Set<String> PER_CREDENTIAL = java.util.Set.of("Credential", "Credit",
            "CreditPoints", "ReferencedLevel", "Classification", "Unmet", "Exclusion", "Equivalence", "MayCount");
    /** The most per-credential patterns one rule may join. */
    static final int MAX_JOIN = 2;

    /**
     * How many of a learner's per-credential facts a condition joins at once: the power of the number of
     * credentials its matching can take. In a sequence, each per-credential pattern multiplies the partial
     * matches by that number, and every later element is matched once per partial match; {@code not},
     * {@code exists}, {@code accumulate} and {@code collect} cost what their inside joins but multiply nothing.
     * The per-credential types met are added to {@code seen}.
     */
    static int degree(org.drools.drl.ast.descr.BaseDescr d, List<String> seen) {
        if (d instanceof org.drools.drl.ast.descr.PatternDescr p) {
            String type = p.getObjectType() == null ? "" : p.getObjectType();
            String simple = type.substring(type.lastIndexOf('.') + 1);
            int inside = 0;
            if (p.getSource() instanceof org.drools.drl.ast.descr.AccumulateDescr a) {
                inside = degree(a.getInput(), seen);
            } else if (p.getSource() instanceof org.drools.drl.ast.descr.CollectDescr c) {
                inside = degree(c.getInputPattern(), seen);
            }
            if (PER_CREDENTIAL.contains(simple)) {
                seen.add(simple);
                return Math.max(1, inside);
            }
            return inside;
        }
        if (d instanceof org.drools.drl.ast.descr.OrDescr or) {
            int max = 0;
            for (org.drools.drl.ast.descr.BaseDescr x : or.getDescrs()) {
                max = Math.max(max, degree(x, seen));
            }
            return max;
        }
        if (d instanceof org.drools.drl.ast.descr.ConditionalElementDescr ce) {
            int multiplied = 0;
            int max = 0;
            for (org.drools.drl.ast.descr.BaseDescr x : ce.getDescrs()) {
                int cost = degree(x, seen);
                max = Math.max(max, multiplied + cost);
                if (multiplies(x)) {
                    multiplied += cost;
                }
            }
            return max;
        }
        return 0;
    }

    /** Whether an element of a sequence passes on more partial matches than it receives. */
    private static boolean multiplies(org.drools.drl.ast.descr.BaseDescr d) {
        if (d instanceof org.drools.drl.ast.descr.PatternDescr p) {
            return !(p.getSource() instanceof org.drools.drl.ast.descr.AccumulateDescr
                    || p.getSource() instanceof org.drools.drl.ast.descr.CollectDescr);
        }
        return d instanceof org.drools.drl.ast.descr.AndDescr || d instanceof org.drools.drl.ast.descr.OrDescr;
    }

    private static RuleProblem at(RuleFile f, String[] tableLines, String[] source, int line, String message) {
        if (tableLines != null) {
            return new RuleProblem(f.display(), rowOf(tableLines, Math.max(line, 1)), 0, message);
        }
        return new RuleProblem(f.display(), Math.max(line, 0), 0, message);
    }

    /**
     * Where a finding of the compiled-code check is, in the files a user edits: the line of the rule's source
     * that names what was refused, else the rule's first line; for a sentence, the vocabulary line whose code
     * names it; for a spreadsheet, the rule's row. One problem per rule.
     */
    List<RuleProblem> locate(RulePolicy.Violation v) {
        List<RuleProblem> out = new ArrayList<>();
        for (String rule : v.rules()) {
            Span s = spans.get(rule);
            if (s == null) {
                continue;
            }
            String because = "rule '" + rule + "': " + v.reason();
            if (s.lines() == null) {
                out.add(new RuleProblem(s.file().display(), s.first(), 0, because));
                continue;
            }
            int[] found = find(s.lines(), s.first(), s.last(), v.word());
            if (found == null && kind(s.file()).equals(".dslr")) {
                for (Map.Entry<RuleFile, String[]> voc : vocabularyLines) {
                    found = find(voc.getValue(), 1, voc.getValue().length, v.word());
                    if (found != null) {
                        out.add(new RuleProblem(voc.getKey().display(), found[0], found[1], because
                                + " (in code a sentence of rule '" + rule + "' expands to)"));
                        break;
                    }
                }
                if (found != null) {
                    continue;
                }
            }
            out.add(found == null ? new RuleProblem(s.file().display(), s.first(), 0, because)
                    : new RuleProblem(s.file().display(), found[0], found[1], because));
        }
        if (out.isEmpty()) {
            out.add(new RuleProblem(null, 0, 0, "compiled rule code " + v.className().replace('/', '.') + ": "
                    + v.reason()));
        }
        return out;
    }

    /**
     * The first line and column (from 1) in {@code first..last} where {@code word} stands as a whole word
     * outside a string; line {@code first} (a rule's header, which names the rule) is searched last.
     */
    private static int[] find(String[] lines, int first, int last, String word) {
        if (word == null || word.isEmpty()) {
            return null;
        }
        Pattern w = Pattern.compile("(?<![\\w$])" + Pattern.quote(word) + "(?![\\w$])");
        int end = Math.min(last, lines.length);
        for (int i = Math.max(first, 1); i <= end; i++) {
            int line = i == end ? Math.max(first, 1) : i + 1; // first+1 .. end, then first
            if (line > end) {
                continue;
            }
            String text = lines[line - 1];
            Matcher m = w.matcher(text);
            while (m.find()) {
                if (!inString(text, m.start())) {
                    return new int[] {line, m.start() + 1};
                }
            }
        }
        return null;
    }

    /** Whether a position of a line is inside a double-quoted string. */
    private static boolean inString(String line, int at) {
        boolean in = false;
        for (int i = 0; i < at; i++) {
            char c = line.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '"') {
                in = !in;
            }
        }
        return in;
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

    /** A vocabulary's lines: each needs a sentence and its code; the code is checked once compiled. */
    private void dslValues(RuleFile f) {
        String[] lines = text(f).split("\n", -1);
        vocabularyLines.add(Map.entry(f, lines));
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (line.startsWith("#")) {
                continue;
            }
            if (line.indexOf('=') < 0 && !line.isBlank()) {
                problems.add(new RuleProblem(f.display(), i + 1, 0, "a vocabulary line needs [section][]sentence=code"));
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
    private static final Pattern TAGGED = Pattern.compile("is tagged\\s+((?:\"[^\"]*\"(?:\\s+or\\s+)?)+)");
    private static final Pattern CONTAINS = Pattern.compile("subjects\\s+contains\\s+(\"[^\"]*\")");
    private static final Pattern HAS_SUBJECT = Pattern.compile("hasSubject\\s*\\(([^)]*)\\)");
    private static final Pattern QUOTED = Pattern.compile("\"([^\"]*)\"");
    private static final Pattern MIN_GRADE = Pattern.compile("(?:has a grade of at least|gradeAtLeast\\s*\\()\\s*\"([^\"]*)\"");

    /**
     * A subject tag a rule names that no learner record can have: a record's subjects are trimmed and lower-cased as
     * they are read, so "Finance" or " finance" never matches. Found in sentences and in DRL alike, at its line.
     */
    private void checkTags(RuleFile f) {
        String[] lines = text(f).split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (line.strip().startsWith("//") || line.strip().startsWith("#")) {
                continue;
            }
            Matcher band = MIN_GRADE.matcher(line);
            while (band.find()) {
                String b = band.group(1);
                if (!org.accrue.vocabulary.GradeBand.BANDS.contains(b.strip().toUpperCase(java.util.Locale.ROOT))) {
                    problems.add(new RuleProblem(f.display(), i + 1, band.start(1) + 1, "minimum grade '" + b + "' is no "
                            + "ECTS band: a minimum grade is A, B, C, D or E, and each credential's grade is read on "
                            + "that scale by the grade-band tables (frameworks/grade-bands-*.drl.csv)"));
                }
            }
        }
        for (Named t : tags(f)) {
            String usable = t.value().strip().toLowerCase(Locale.ROOT);
            if (!t.value().equals(usable) || t.value().isEmpty()) {
                problems.add(new RuleProblem(f.display(), t.line(), t.column(), "subject tag '" + t.value() + "' can "
                        + "never match: a learner record's subjects are trimmed and lower-cased as they are read"
                        + (usable.isEmpty() ? "" : "; write '" + usable + "'")));
            }
        }
    }

    /** A name a rule gives literally (a subject tag, an awarding body), at its line and column. */
    private record Named(int line, int column, String value) {
    }

    /** Every subject tag the file's rules name, in sentences and DRL alike. */
    private static List<Named> tags(RuleFile f) {
        return named(f, List.of(TAGGED, CONTAINS, HAS_SUBJECT));
    }

    private static final Pattern AWARDED_BY = Pattern.compile("(?:was awarded by\\s+|awardedBy\\s*\\(\\s*)(\"[^\"]*\")");

    private static List<Named> named(RuleFile f, List<Pattern> patterns) {
        List<Named> found = new ArrayList<>();
        String[] lines = text(f).split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (line.strip().startsWith("//") || line.strip().startsWith("#")) {
                continue;
            }
            for (Pattern p : patterns) {
                Matcher m = p.matcher(line);
                while (m.find()) {
                    Matcher q = QUOTED.matcher(m.group(1));
                    while (q.find()) {
                        found.add(new Named(i + 1, m.start(1) + q.start() + 1, q.group(1)));
                    }
                }
            }
        }
        return found;
    }

    /**
     * Warnings against what a registry knows ({@link org.accrue.KnownNames}): a subject tag no record of the registry
     * has, and an awarding body, in a rule or an equivalence table's row, that is none of its institutions' names or
     * identifiers. Such a rule compiles and runs; it only never matches. Rule files are read in their own text; only
     * the decision tables are converted (to find each row's awarding body), nothing else is translated again.
     */
    public static List<RuleProblem> warnings(List<RuleFile> files, org.accrue.KnownNames known) {
        List<RuleProblem> warnings = new ArrayList<>();
        List<RuleFile> tables = new ArrayList<>();
        for (RuleFile f : files) {
            String kind = kind(f);
            if (kind.startsWith(".drl.")) {
                tables.add(f);
            } else if (kind.equals(".drl") || kind.equals(".dslr")) {
                if (known.hasSubjects()) {
                    for (Named t : tags(f)) {
                        if (!known.knowsSubject(t.value())) {
                            warnings.add(new RuleProblem(f.display(), t.line(), t.column(), "warning: subject tag '"
                                    + t.value() + "' is not in the registry's subject list, so no record of the "
                                    + "registry has it"));
                        }
                    }
                }
                for (Named b : named(f, List.of(AWARDED_BY))) {
                    if (!known.knowsBody(b.value())) {
                        warnings.add(unknownBody(f, b.line(), b.column(), b.value()));
                    }
                }
            }
        }
        for (Drl d : of(tables).drls()) {
            int row = 0;
            for (String line : d.text().split("\n", -1)) {
                Matcher t = TABLE_ROW.matcher(line);
                if (t.find()) {
                    row = Integer.parseInt(t.group(1));
                }
                Matcher m = AWARDED_BY.matcher(line);
                while (m.find()) {
                    String body = m.group(1).substring(1, m.group(1).length() - 1);
                    if (!known.knowsBody(body)) {
                        warnings.add(unknownBody(d.file(), row, 0, body));
                    }
                }
            }
        }
        return warnings;
    }

    private static RuleProblem unknownBody(RuleFile f, int line, int column, String body) {
        return new RuleProblem(f.display(), line, column, "warning: awarding body '" + body + "' is not in the "
                + "registry's institution list, by name or identifier: if it is misspelt, no credential will match it");
    }

    /** The most alternatives the vocabulary's "is tagged" sentences take. */
    static final int MAX_TAGS = 8;

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
            if (line.startsWith("- is tagged") && line.split("\" or \"", -1).length > MAX_TAGS) {
                problems.add(new RuleProblem(f.display(), i + 1, lines[i].indexOf(line) + 1, "'is tagged' takes at "
                        + "most " + MAX_TAGS + " subjects joined by 'or', and this line has "
                        + line.split("\" or \"", -1).length + ": split them over two rules, each letting the "
                        + "credential count toward the same requirement"));
            } else if (sentences.stream().noneMatch(p -> p.matcher(line).matches())) {
                problems.add(new RuleProblem(f.display(), i + 1, lines[i].indexOf(line) + 1,
                        "'" + line + "' matches no " + (section.equals("when") ? "condition" : "action")
                                + " sentence of the vocabulary (docs/authoring.md lists them; plain DRL lines "
                                + "start with '>')"));
            }
        }
    }

    private void table(RuleFile f) {
        String kind = kind(f);
        if (kind.equals(".drl.csv")) {
            List<RuleProblem> layout = csvLayout(f);
            if (!layout.isEmpty()) {
                problems.addAll(layout);
                return;
            }
        }
        try {
            String drl = new SpreadsheetCompiler().compile(new ByteArrayInputStream(f.content()),
                    kind.equals(".drl.csv") ? InputType.CSV : InputType.XLS);
            drl(f, drl, null);
        } catch (RuntimeException e) {
            problems.add(new RuleProblem(f.display(), 0, 0, "decision table does not convert: " + e.getMessage()));
        }
    }

    private static final java.util.Set<String> TABLE_COLUMNS = java.util.Set.of("CONDITION", "ACTION", "PRIORITY",
            "SALIENCE", "NAME", "DESCRIPTION", "METADATA", "NO-LOOP", "LOCK-ON-ACTIVE", "AUTO-FOCUS",
            "ACTIVATION-GROUP", "AGENDA-GROUP", "RULEFLOW-GROUP", "DURATION", "TIMER", "CALENDARS", "ENABLED",
            "DATE-EFFECTIVE", "DATE-EXPIRES");
    private static final String LAYOUT = " (the layout: a row 'RuleTable <name>' in column A; then a row of column kinds, "
            + "CONDITION or ACTION; a row of object types, '$c : Credential...' in every CONDITION column; a row of "
            + "code with $param; a row of headings; then one row per entry: docs/authoring.md, 'The CSV form')";

    /**
     * A CSV decision table's layout, checked before Drools converts it, so that a mistake is named at its own row
     * and column with the layout expected, not as a converter's exception or an error in DRL the designer never
     * wrote. Rows are the CSV's records, from 1; columns are lettered as in a spreadsheet.
     */
    static List<RuleProblem> csvLayout(RuleFile f) {
        List<String[]> rows = new ArrayList<>();
        try (var it = new com.fasterxml.jackson.dataformat.csv.CsvMapper()
                .enable(com.fasterxml.jackson.dataformat.csv.CsvParser.Feature.WRAP_AS_ARRAY)
                .readerFor(String[].class).<String[]>readValues(f.content())) {
            while (it.hasNextValue()) {
                rows.add(it.nextValue());
            }
        } catch (java.io.IOException | RuntimeException e) {
            return List.of(new RuleProblem(f.display(), rows.size() + 1, 0, "is not CSV: "
                    + String.valueOf(e.getMessage()).lines().findFirst().orElse("")));
        }
        List<RuleProblem> found = new ArrayList<>();
        int start = -1;
        for (int r = 0; r < rows.size() && start < 0; r++) {
            if (cell(rows.get(r), 0).startsWith("RuleTable")) {
                start = r;
            }
        }
        if (start < 0) {
            return List.of(new RuleProblem(f.display(), 1, 1, "no 'RuleTable <name>' row" + LAYOUT));
        }
        if (start + 4 >= rows.size()) {
            return List.of(new RuleProblem(f.display(), start + 1, 1, "the table stops before its rows of column "
                    + "kinds, object types, code and headings" + LAYOUT));
        }
        String[] kinds = rows.get(start + 1);
        String[] types = rows.get(start + 2);
        String[] code = rows.get(start + 3);
        int conditions = 0;
        int actions = 0;
        int last = -1;
        for (int c = 0; c < kinds.length; c++) {
            String k = cell(kinds, c);
            if (k.isEmpty()) {
                continue;
            }
            last = c;
            if (!TABLE_COLUMNS.contains(k.toUpperCase(java.util.Locale.ROOT))) {
                found.add(new RuleProblem(f.display(), start + 2, c + 1, "column " + letter(c) + ": '" + k
                        + "' is no kind of column; CONDITION or ACTION" + LAYOUT));
                continue;
            }
            boolean condition = k.equalsIgnoreCase("CONDITION");
            conditions += condition ? 1 : 0;
            actions += k.equalsIgnoreCase("ACTION") ? 1 : 0;
            if (condition && cell(types, c).isEmpty()) {
                found.add(new RuleProblem(f.display(), start + 3, c + 1, "column " + letter(c) + ": a CONDITION "
                        + "column's object type is missing; in a CSV table every CONDITION column states it, ending "
                        + "'...' so that the columns join into one pattern: '$c : Credential...'" + LAYOUT));
            }
            if ((condition || k.equalsIgnoreCase("ACTION")) && cell(code, c).isEmpty()) {
                found.add(new RuleProblem(f.display(), start + 4, c + 1, "column " + letter(c) + ": the " + k
                        + " column's code is missing (for example code == \"$param\")" + LAYOUT));
            }
        }
        java.util.Map<String, Integer> typeCount = new java.util.HashMap<>();
        for (int c = 0; c < kinds.length; c++) {
            if (cell(kinds, c).equalsIgnoreCase("CONDITION") && !cell(types, c).isEmpty()) {
                typeCount.merge(cell(types, c), 1, Integer::sum);
            }
        }
        for (int c = 0; c < kinds.length; c++) {
            String t = cell(types, c);
            if (cell(kinds, c).equalsIgnoreCase("CONDITION") && typeCount.getOrDefault(t, 0) > 1 && !t.endsWith("...")) {
                found.add(new RuleProblem(f.display(), start + 3, c + 1, "column " + letter(c) + ": '" + t + "' is in "
                        + "several CONDITION columns; end it with '...' ('" + t + "...') so they join into one pattern, "
                        + "else each column matches a credential of its own" + LAYOUT));
            }
        }
        if (found.isEmpty() && (conditions == 0 || actions == 0)) {
            found.add(new RuleProblem(f.display(), start + 2, 1, "the table needs at least one CONDITION and one "
                    + "ACTION column" + LAYOUT));
        }
        for (int r = start + 5; r < rows.size() && found.isEmpty(); r++) {
            String[] row = rows.get(r);
            for (int c = last + 1; c < row.length; c++) {
                if (!cell(row, c).isEmpty()) {
                    found.add(new RuleProblem(f.display(), r + 1, c + 1, "column " + letter(c) + ": '" + cell(row, c)
                            + "' is outside the table's columns (" + letter(0) + "-" + letter(last) + ")"));
                    break;
                }
            }
        }
        return found;
    }

    private static String cell(String[] row, int c) {
        return c < row.length && row[c] != null ? row[c].strip() : "";
    }

    private static String letter(int c) {
        return c < 26 ? String.valueOf((char) ('A' + c)) : letter(c / 26 - 1) + (char) ('A' + c % 26);
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
}
