package org.accrue.scenario;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.accrue.reading.InvalidInputException;
import org.accrue.reading.LearnerFiles;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Finds and reads scenario files ({@code *.test.yaml}):
 * <pre>
 * asOf: 2026-11-28                 # default evaluation date for the file
 * defaults:                        # fields every credential has unless it says otherwise
 *   assessment: summative
 *   qualityAssurance: external
 * scenarios:
 *   - name: four short courses stack
 *     asOf: 2026-11-28             # optional
 *     credentials: [...]           # as in a learner file
 *     expect:
 *       pgcert-data-science: eligible          # or: not eligible
 *       scqf-pgcert:
 *         eligible: true
 *         requirements: {total: {have: 60, need: 60}}
 *         counted: {A: core, D: general, E: not counted}
 * </pre>
 */
public final class ScenarioFiles {
    public static final String SUFFIX = ".test.yaml";
    /** Scenario files are read as strictly as learner files: a duplicate key is an error. */
    private static final com.fasterxml.jackson.databind.ObjectMapper YAML =
            com.fasterxml.jackson.dataformat.yaml.YAMLMapper.builder()
                    .enable(com.fasterxml.jackson.core.JsonParser.Feature.STRICT_DUPLICATE_DETECTION).build();
    private static final Set<String> FILE_FIELDS = Set.of("asOf", "defaults", "scenarios");
    private static final Set<String> SCENARIO_FIELDS = Set.of("name", "asOf", "credentials", "exceptions", "conferred",
            "expect");
    private static final Set<String> EXPECT_FIELDS = Set.of("eligible", "requirements", "counted");

    private ScenarioFiles() {
    }

    /** The scenario files below the folders, in name order. */
    public static List<Path> find(List<Path> folders) throws IOException {
        List<Path> files = new ArrayList<>();
        for (Path folder : folders) {
            try (Stream<Path> walk = Files.walk(folder)) {
                walk.filter(Files::isRegularFile).filter(p -> p.getFileName().toString().endsWith(SUFFIX))
                        .sorted().forEach(files::add);
            }
        }
        return files;
    }

    /** The scenario files packaged with the engine's default rule set. */
    public static List<Path> packaged() throws IOException {
        return find(List.of(org.accrue.RuleSet.packagedFolder()));
    }

    /** Reads one scenario file; the display name is what messages call it. */
    public static List<Scenario> read(Path file, String display) throws InvalidInputException {
        JsonNode root;
        try {
            root = YAML.readTree(Files.readString(file));
        } catch (JsonProcessingException e) {
            throw InvalidInputException.malformed(display, "YAML", e);
        } catch (IOException e) {
            throw new InvalidInputException(display, "file", "cannot be read: " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            throw new InvalidInputException(display, "file", "must be a mapping with 'scenarios'");
        }
        fields(root, "", FILE_FIELDS, display);
        LocalDate fileAsOf = date(root.get("asOf"), "asOf", display);
        JsonNode defaults = root.get("defaults");
        if (defaults != null && !defaults.isObject()) {
            throw new InvalidInputException(display, "defaults", "must be a mapping of credential fields");
        }
        JsonNode list = root.get("scenarios");
        if (list == null || !list.isArray() || list.isEmpty()) {
            throw new InvalidInputException(display, "scenarios", "must be a non-empty list of scenarios");
        }
        List<Scenario> scenarios = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            scenarios.add(scenario(list.get(i), "scenarios[" + i + "]", fileAsOf, defaults, display));
        }
        return scenarios;
    }

    private static Scenario scenario(JsonNode node, String path, LocalDate fileAsOf, JsonNode defaults,
                                     String display) throws InvalidInputException {
        if (!node.isObject()) {
            throw new InvalidInputException(display, path, "must be a mapping");
        }
        fields(node, path + ".", SCENARIO_FIELDS, display);
        String name = node.hasNonNull("name") ? node.get("name").asText() : path;
        LocalDate asOf = date(node.get("asOf"), path + ".asOf", display);
        if (asOf == null) {
            asOf = fileAsOf;
        }
        if (asOf == null) {
            throw new InvalidInputException(display, path + ".asOf",
                    "is missing; a scenario needs an evaluation date (here or at the top of the file)");
        }
        ObjectNode record = JsonNodeFactory.instance.objectNode();
        record.putObject("learner").put("id", name);
        JsonNode credentials = node.get("credentials");
        if (credentials != null && credentials.isArray() && defaults != null) {
            credentials = credentials.deepCopy();
            for (JsonNode c : credentials) {
                if (c.isObject()) {
                    for (Iterator<Map.Entry<String, JsonNode>> it = defaults.fields(); it.hasNext(); ) {
                        var d = it.next();
                        if (!c.has(d.getKey())) {
                            ((ObjectNode) c).set(d.getKey(), d.getValue());
                        }
                    }
                }
            }
        }
        record.set("credentials", credentials);
        for (String part : List.of("exceptions", "conferred")) {
            if (node.has(part)) {
                record.set(part, node.get(part));
            }
        }
        var learner = LearnerFiles.parseEmbedded(record.toString(), display, path);
        JsonNode expect = node.get("expect");
        if (expect == null || !expect.isObject() || expect.isEmpty()) {
            throw new InvalidInputException(display, path + ".expect", "must name at least one award and its outcome");
        }
        List<Scenario.Expectation> expectations = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = expect.fields(); it.hasNext(); ) {
            var e = it.next();
            expectations.add(expectation(e.getKey(), e.getValue(), path + ".expect." + e.getKey(), display));
        }
        return new Scenario(name, display + ": " + path + " '" + name + "'", asOf, learner, expectations);
    }

    private static Scenario.Expectation expectation(String award, JsonNode node, String path, String display)
            throws InvalidInputException {
        if (node.isTextual()) {
            return new Scenario.Expectation(award, verdict(node.asText(), path, display), null, null);
        }
        if (node.isBoolean()) {
            return new Scenario.Expectation(award, node.booleanValue(), null, null);
        }
        if (!node.isObject()) {
            throw new InvalidInputException(display, path, "must be 'eligible', 'not eligible' or a mapping");
        }
        fields(node, path + ".", EXPECT_FIELDS, display);
        Boolean eligible = null;
        JsonNode e = node.get("eligible");
        if (e != null) {
            eligible = e.isBoolean() ? e.booleanValue() : verdict(e.asText(), path + ".eligible", display);
        }
        Map<String, Scenario.Amounts> requirements = null;
        JsonNode r = node.get("requirements");
        if (r != null) {
            requirements = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = r.fields(); it.hasNext(); ) {
                var q = it.next();
                String p = path + ".requirements." + q.getKey();
                if (!q.getValue().isObject()) {
                    throw new InvalidInputException(display, p, "must be {have: N, need: N}");
                }
                fields(q.getValue(), p + ".", Set.of("have", "need"), display);
                requirements.put(q.getKey(), new Scenario.Amounts(number(q.getValue().get("have"), p + ".have", display),
                        number(q.getValue().get("need"), p + ".need", display)));
            }
        }
        Map<String, String> counted = null;
        JsonNode c = node.get("counted");
        if (c != null) {
            if (!c.isObject() || c.isEmpty()) {
                throw new InvalidInputException(display, path + ".counted", "must be a mapping of credential to where "
                        + "it counted: {A: core, B: general, C: not counted}");
            }
            counted = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = c.fields(); it.hasNext(); ) {
                var q = it.next();
                if (!q.getValue().isTextual()) {
                    throw new InvalidInputException(display, path + ".counted." + q.getKey(), "must be a requirement "
                            + "id, 'general' or 'not counted'");
                }
                counted.put(q.getKey(), q.getValue().asText());
            }
        }
        return new Scenario.Expectation(award, eligible, requirements, counted);
    }

    private static boolean verdict(String text, String path, String display) throws InvalidInputException {
        return switch (text.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "eligible" -> true;
            case "not eligible", "ineligible" -> false;
            default -> throw new InvalidInputException(display, path, "'" + text + "': expected 'eligible' or 'not eligible'");
        };
    }

    private static BigDecimal number(JsonNode n, String path, String display) throws InvalidInputException {
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isNumber()) {
            throw new InvalidInputException(display, path, "'" + n.asText() + "' is not a number");
        }
        return n.decimalValue();
    }

    private static LocalDate date(JsonNode n, String path, String display) throws InvalidInputException {
        if (n == null || n.isNull()) {
            return null;
        }
        try {
            return LocalDate.parse(n.asText());
        } catch (DateTimeParseException e) {
            throw new InvalidInputException(display, path, "'" + n.asText() + "' is not a date (YYYY-MM-DD)");
        }
    }

    private static void fields(JsonNode node, String prefix, Set<String> known, String display)
            throws InvalidInputException {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!known.contains(f)) {
                throw new InvalidInputException(display, prefix + f, "unknown field; expected one of "
                        + String.join(", ", known.stream().sorted().toList()));
            }
        }
    }
}
