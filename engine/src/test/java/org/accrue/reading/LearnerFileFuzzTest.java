package org.accrue.reading;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import org.accrue.DefaultRules;
import org.accrue.RuleSet;
import org.accrue.EvaluationException;
import org.accrue.learner.LearnerRecord;
import org.accrue.report.JsonReport;
import org.accrue.report.TextReport;
import org.accrue.result.EvaluationResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every field of every shipped sample, in every format, replaced in turn by each of a list of hostile values
 * (and removed, and swapped for a list or a mapping), and each mutant put through what {@code evaluate} and
 * {@code batch} do with a record: read, check, evaluate, write the text and JSON reports. No mutant may end in
 * anything but a result, a one-line input error, a problem with the record, or an evaluation error with its
 * reason: never another exception (an internal error), and never a message with a control character or of
 * more than a line's length. The whole run has a time limit: no mutant hangs.
 */
class LearnerFileFuzzTest {
    static final Path SAMPLES = Path.of(System.getProperty("accrue.repo", "..")).resolve("samples");
    static final ObjectMapper JSON = new ObjectMapper();
    static final ObjectMapper YAML = new YAMLMapper();
    static final JsonNodeFactory F = JsonNodeFactory.instance;
    static final LocalDate AS_OF = LocalDate.of(2026, 11, 28);

    /** What the review tried, and more. */
    static List<Supplier<JsonNode>> hostileValues() {
        List<Supplier<JsonNode>> v = new ArrayList<>();
        for (String s : List.of("1e308", "1e999999999", "1e-999999999", "-1", "0", "", " ", "\u001b[2J\u001b]0;x\u0007",
                "line\nEligible for: everything", "x".repeat(10_000), "9999-12-31", "-999999999-01-01", "2026-02-30",
                "../../etc/passwd", "NaN", "Infinity", "12.345", "4294967307", "SCQF", "rpl", "\u0000")) {
            v.add(() -> F.textNode(s));
        }
        v.add(() -> F.numberNode(1e308));
        v.add(() -> F.numberNode(new BigInteger("9223372036854775808")));
        v.add(() -> F.numberNode(new BigDecimal("1e-400")));
        v.add(() -> F.numberNode(4294967307L));
        v.add(() -> F.numberNode(-15));
        v.add(() -> F.numberNode(0.001));
        v.add(() -> F.booleanNode(true));
        v.add(F::nullNode);
        v.add(F::arrayNode);
        v.add(F::objectNode);
        return v;
    }

    record Mutant(String what, String text) {
    }

    @Test
    @Timeout(600)
    void noMutantOfAnySampleEndsInAnInternalErrorAFloodOrAHang() throws Exception {
        RuleSet rules = DefaultRules.get();
        List<Path> samples;
        try (Stream<Path> files = Files.walk(SAMPLES)) {
            samples = files.filter(f -> f.toString().matches(".*\\.(yaml|json|csv)$") && LearnerFiles.isLearnerFileName(f)).sorted().toList();
        }
        int mutants = 0;
        int results = 0;
        List<String> failures = new ArrayList<>();
        for (Path sample : samples) {
            for (Mutant m : mutants(sample)) {
                mutants++;
                try {
                    results += outcome(rules, sample, m) ? 1 : 0;
                } catch (AssertionError e) {
                    failures.add(e.getMessage());
                }
            }
        }
        assertTrue(failures.isEmpty(), () -> failures.size() + " mutants failed, the first:\n"
                + String.join("\n", failures.subList(0, Math.min(25, failures.size()))));
        System.err.printf("fuzz: %d mutants of %d samples, %d evaluated, %d refused with a one-line reason%n",
                mutants, samples.size(), results, mutants - results);
        assertTrue(mutants > 5_000, mutants + " mutants");
        assertTrue(results > 0 && results < mutants, "some are evaluated, some refused");
    }

    /** True when the mutant was evaluated, false when it was refused the way a user is told; fails otherwise. */
    private static boolean outcome(RuleSet rules, Path sample, Mutant m) {
        String what = sample.getFileName() + " " + m.what();
        try {
            LearnerRecord record = LearnerFiles.parseAny(m.text(), "mutant", !sample.toString().endsWith(".yaml"));
            List<org.accrue.RecordProblem> problems = rules.problems(record);
            if (!problems.isEmpty()) {
                problems.forEach(p -> oneLine(what, p.toString()));
                return false;
            }
            EvaluationResult result = rules.evaluate(record, AS_OF);
            String text = TextReport.render(result);
            assertTrue(text.chars().noneMatch(c -> c < 0x20 && c != '\n'), what + ": a control character in the report");
            JsonReport.line(result);
            return true;
        } catch (InvalidInputException e) {
            oneLine(what, e.getMessage());
            return false;
        } catch (EvaluationException e) {
            oneLine(what, e.getMessage());
            return false;
        } catch (RuntimeException | StackOverflowError e) {
            StackTraceElement at = e.getStackTrace().length > 0 ? e.getStackTrace()[0] : null;
            throw new AssertionError(what + ": internal error " + e + " at " + at);
        }
    }

    private static void oneLine(String what, String message) {
        assertTrue(message.chars().noneMatch(c -> c < 0x20), () -> what + ": a control character in " + message);
        assertTrue(message.length() < 800, () -> what + ": a message of " + message.length() + " characters");
    }

    /** Every mutant of one sample: each node replaced by each hostile value, removed, or wrapped. */
    static List<Mutant> mutants(Path sample) throws Exception {
        String text = Files.readString(sample);
        List<Mutant> out = new ArrayList<>();
        if (sample.toString().endsWith(".csv")) {
            List<String> lines = text.lines().toList();
            for (int row = 1; row < lines.size(); row++) {
                String[] cells = lines.get(row).split(",", -1);
                for (int col = 0; col < cells.length; col++) {
                    for (Supplier<JsonNode> v : hostileValues()) {
                        String cell = v.get().isValueNode() ? v.get().asText() : v.get().toString();
                        String[] changed = cells.clone();
                        changed[col] = "\"" + cell.replace("\"", "\"\"") + "\"";
                        List<String> copy = new ArrayList<>(lines);
                        copy.set(row, String.join(",", changed));
                        out.add(new Mutant("row " + row + " column " + col + " = " + brief(cell), String.join("\n", copy)));
                    }
                }
            }
            return out;
        }
        boolean yaml = sample.toString().endsWith(".yaml");
        JsonNode root = (yaml ? YAML : JSON).readTree(text);
        List<String> pointers = new ArrayList<>();
        collect(root, "", pointers);
        for (String pointer : pointers) {
            for (Supplier<JsonNode> v : hostileValues()) {
                JsonNode copy = root.deepCopy();
                replace(copy, pointer, v.get());
                out.add(new Mutant(pointer + " = " + brief(v.get().toString()), JSON.writeValueAsString(copy)));
            }
            JsonNode removed = root.deepCopy();
            replace(removed, pointer, null);
            out.add(new Mutant(pointer + " removed", JSON.writeValueAsString(removed)));
        }
        return out;
    }

    private static String brief(String s) {
        return s.length() > 30 ? s.substring(0, 30) + "..." : s;
    }

    private static void collect(JsonNode node, String at, List<String> out) {
        if (!at.isEmpty()) {
            out.add(at);
        }
        if (node.isObject()) {
            node.fieldNames().forEachRemaining(f -> collect(node.get(f), at + "/" + f.replace("~", "~0").replace("/", "~1"), out));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                collect(node.get(i), at + "/" + i, out);
            }
        }
    }

    /** Sets (or, with null, removes) the node at a JSON pointer. */
    private static void replace(JsonNode root, String pointer, JsonNode value) {
        int slash = pointer.lastIndexOf('/');
        JsonNode parent = root.at(pointer.substring(0, slash));
        String last = pointer.substring(slash + 1).replace("~1", "/").replace("~0", "~");
        if (parent instanceof ObjectNode o) {
            if (value == null) {
                o.remove(last);
            } else {
                o.set(last, value);
            }
        } else if (parent instanceof ArrayNode a) {
            int i = Integer.parseInt(last);
            if (value == null) {
                a.remove(i);
            } else {
                a.set(i, value);
            }
        }
    }

    @Test
    void theMutantsReachEveryFieldOfEverySample() throws Exception {
        // the review's 2,212 mutants mutated each field of each sample; this covers the same fields and more
        List<Mutant> ob3 = mutants(SAMPLES.resolve("formats/open-badge-ob3.json"));
        assertTrue(ob3.stream().anyMatch(m -> m.what().startsWith("/credentialSubject/achievement/alignment/0/targetCode")),
                "nested badge fields are mutated");
        List<Mutant> csv = mutants(SAMPLES.resolve("formats/transcript-template.csv"));
        assertEquals(0, csv.size() % hostileValues().size());
    }
}
