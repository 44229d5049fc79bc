package org.accrue.ruleset;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The safe rule policy, applied to DRL text before anything is compiled. Rule files are code from outside the
 * development team, run inside an admissions system with no sandbox: they may use Accrue's vocabulary and a
 * few value types, and nothing that reaches the JVM, threads, processes, reflection, class loading, files or
 * the network. Comments and string literals are not code and are not scanned.
 */
final class CodeScanner {
    /** Classes a rule file may import or name in full; a {@code .*} entry allows a whole package. */
    static final Set<String> ALLOWED_CLASSES = Set.of(
            "org.accrue.vocabulary.*", "org.accrue.learner.*",
            "java.math.BigDecimal", "java.math.RoundingMode",
            "java.time.LocalDate", "java.time.Period", "java.time.temporal.ChronoUnit",
            "java.util.List", "java.util.Set", "java.util.Map", "java.util.Collection", "java.util.Arrays",
            "java.util.Collections", "java.util.ArrayList", "java.util.HashSet", "java.util.HashMap",
            "java.util.Objects", "java.lang.String", "java.lang.Math", "java.lang.Integer", "java.lang.Long",
            "java.lang.Boolean");

    /** Names that reach outside the rule set: refused wherever they appear as code. */
    private static final Set<String> FORBIDDEN_NAMES = Set.of(
            "System", "Runtime", "Thread", "ThreadGroup", "ThreadLocal", "ProcessBuilder", "Process",
            "ProcessHandle", "Class", "ClassLoader", "Module", "ModuleLayer", "Method", "Field", "Constructor",
            "Proxy", "MethodHandles", "MethodHandle", "Unsafe", "SecurityManager", "StackWalker",
            "File", "Files", "Path", "Paths", "FileSystem", "FileSystems", "FileInputStream", "FileOutputStream",
            "FileReader", "FileWriter", "RandomAccessFile", "PrintStream", "PrintWriter", "ObjectInputStream",
            "ObjectOutputStream", "Scanner", "Console",
            "Socket", "ServerSocket", "DatagramSocket", "SocketChannel", "URL", "URI", "URLConnection",
            "HttpURLConnection", "HttpClient", "InetAddress", "InitialContext",
            "ScriptEngine", "ScriptEngineManager", "Executors", "ExecutorService", "ForkJoinPool",
            "CompletableFuture", "Timer", "kcontext", "getClass", "forName");

    /** Members that reflect, load, exit or run: refused after a dot. */
    private static final Set<String> FORBIDDEN_MEMBERS = Set.of(
            "getClass", "forName", "exec", "exit", "halt", "loadClass", "getDeclaredMethod", "getDeclaredMethods",
            "getDeclaredField", "getDeclaredFields", "getDeclaredConstructor", "getMethod", "getMethods",
            "getField", "getConstructor", "invoke", "newInstance", "setAccessible", "getClassLoader",
            "getContextClassLoader", "getKieRuntime", "getKnowledgeRuntime", "getWorkingMemory",
            "getEntryPoint", "getChannels", "getKieBase", "class");

    private static final Pattern QUALIFIED = Pattern.compile("\\b((?:[a-z][a-z0-9_]*\\.)+)([A-Z]\\w*|\\*)");
    private static final Pattern IMPORT = Pattern.compile(
            "^\\s*import\\s+(?:(function|static|accumulate)\\s+)?([\\w.]+(?:\\.\\*)?)");
    private static final Pattern GLOBAL = Pattern.compile("^\\s*global\\s+([\\w.<>, ]+?)\\s+(\\w+)\\s*;?\\s*$");
    private static final Pattern WORD = Pattern.compile("[A-Za-z_$][\\w$]*");

    /** A place in the scanned text that breaks the policy. */
    record Violation(int line, int column, String reason) {
    }

    private CodeScanner() {
    }

    /** Every violation in a DRL text, with 1-based lines and columns. */
    static List<Violation> scan(String drl) {
        List<Violation> out = new ArrayList<>();
        if (drl.contains("\\u")) {
            int at = drl.indexOf("\\u");
            out.add(at(drl, at, "unicode escapes (\\u) are not allowed in rule files: they can hide code"));
        }
        String code = blankCommentsAndStrings(drl);
        String[] lines = code.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            Matcher imp = IMPORT.matcher(line);
            if (imp.find()) {
                String what = imp.group(2);
                if (!allowed(what)) {
                    out.add(new Violation(i + 1, imp.start(2) + 1, "import of " + what
                            + " is not allowed; rule files may import " + allowedList()));
                }
                continue;
            }
            Matcher global = GLOBAL.matcher(line);
            if (global.find()) {
                out.add(new Violation(i + 1, global.start(1) + 1, "global " + global.group(2)
                        + " is not allowed; Accrue's rule files take everything they need from facts"));
                continue;
            }
            Matcher q = QUALIFIED.matcher(line);
            while (q.find()) {
                String name = q.group(1) + q.group(2);
                if (!name.startsWith("drools.") && !allowed(name)) {
                    out.add(new Violation(i + 1, q.start() + 1, name + " is not allowed in a rule file"));
                }
            }
            Matcher w = WORD.matcher(line);
            while (w.find()) {
                String word = w.group();
                boolean member = w.start() > 0 && line.charAt(w.start() - 1) == '.';
                if (!member && FORBIDDEN_NAMES.contains(word)) {
                    out.add(new Violation(i + 1, w.start() + 1, word + " is not allowed in a rule file: "
                            + "rules may not reach the JVM, threads, processes, reflection, files or the network"));
                } else if (member && FORBIDDEN_MEMBERS.contains(word)) {
                    out.add(new Violation(i + 1, w.start() + 1, "." + word + " is not allowed in a rule file: "
                            + "rules may not use reflection, class loading, the rule engine's runtime or exit"));
                } else if (word.equals("drools") && !line.startsWith(".getRule()", w.end())
                        && !line.startsWith(".getRule().getName()", w.end())) {
                    out.add(new Violation(i + 1, w.start() + 1,
                            "drools may only be used as drools.getRule() in a rule file"));
                }
            }
        }
        return out;
    }

    private static boolean allowed(String name) {
        if (ALLOWED_CLASSES.contains(name)) {
            return true;
        }
        int dot = name.lastIndexOf('.');
        if (dot > 0 && ALLOWED_CLASSES.contains(name.substring(0, dot) + ".*")) {
            return true;
        }
        // a member of an allowed class: java.math.BigDecimal.ZERO, org.accrue.learner.Route.RPL
        return dot > 0 && allowed(name.substring(0, dot));
    }

    private static String allowedList() {
        return String.join(", ", ALLOWED_CLASSES.stream().sorted().toList());
    }

    /** The text with comments and string literals replaced by spaces, so positions stay where they were. */
    static String blankCommentsAndStrings(String s) {
        StringBuilder b = new StringBuilder(s);
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '/' && i + 1 < s.length() && s.charAt(i + 1) == '/') {
                while (i < s.length() && s.charAt(i) != '\n') {
                    b.setCharAt(i++, ' ');
                }
            } else if (c == '/' && i + 1 < s.length() && s.charAt(i + 1) == '*') {
                int end = s.indexOf("*/", i + 2);
                end = end < 0 ? s.length() : end + 2;
                for (; i < end; i++) {
                    if (s.charAt(i) != '\n') {
                        b.setCharAt(i, ' ');
                    }
                }
            } else if (c == '"' || c == '\'') {
                b.setCharAt(i++, ' ');
                while (i < s.length() && s.charAt(i) != c && s.charAt(i) != '\n') {
                    if (s.charAt(i) == '\\' && i + 1 < s.length()) {
                        b.setCharAt(i++, ' ');
                    }
                    b.setCharAt(i++, ' ');
                }
                if (i < s.length() && s.charAt(i) == c) {
                    b.setCharAt(i++, ' ');
                }
            } else {
                i++;
            }
        }
        return b.toString();
    }

    private static Violation at(String text, int offset, String reason) {
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < offset; i++) {
            if (text.charAt(i) == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        return new Violation(line, offset - lineStart + 1, reason);
    }
}
