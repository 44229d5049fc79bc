package org.accrue.reading;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Registry transcripts exported as CSV: one row per credential, a header naming the learner record's fields
 * (template: {@code samples/formats/transcript-template.csv}). {@code learnerId} and {@code learnerName} repeat on every
 * row; lists ({@code subjects}, {@code outcomes}) are separated by {@code ;}. Rows become the learner record
 * every other format becomes, and are checked by the same parser; an error names the CSV line.
 */
final class CsvTranscripts {
    static final List<String> COLUMNS = List.of("learnerId", "learnerName", "id", "code", "title", "awardingBody",
            "country", "issued", "creditValue", "creditSystem", "levelFramework", "levelValue", "hours",
            "assessment", "participation", "qualityAssurance", "identityVerified", "subjects", "outcomes", "grade",
            "gradeScale", "route", "nationalLevelFramework", "nationalLevelValue", "validUntil", "awardingBodyId");
    private static final Set<String> REQUIRED = Set.of("learnerId", "id", "title");
    private static final CsvMapper CSV = CsvMapper.builder().enable(CsvParser.Feature.TRIM_SPACES)
            .enable(CsvParser.Feature.SKIP_EMPTY_LINES).build();
    private static final Pattern CREDENTIAL = Pattern.compile("^credentials\\[(\\d+)]\\.?(.*)$");

    private CsvTranscripts() {
    }

    /** A first line that names at least the required columns, separated by commas. */
    static boolean looksLike(String text) {
        int nl = text.indexOf('\n');
        String header = (nl < 0 ? text : text.substring(0, nl)).trim();
        if (!header.contains(",")) {
            return false;
        }
        List<String> names = List.of(header.split("\\s*,\\s*"));
        return names.containsAll(REQUIRED);
    }

    /** A CSV transcript: one learner, a credential a row. */
    static final LearnerFormat FORMAT = new LearnerFormat() {
        @Override
        public boolean recognises(String text, JsonNode json) {
            return json == null && looksLike(text.stripLeading());
        }

        @Override
        public Mapped map(String text, JsonNode json, String source) throws InvalidInputException {
            return CsvTranscripts.map(text, source);
        }
    };

    static LearnerFormat.Mapped map(String text, String source) throws InvalidInputException {
        List<Map<String, String>> rows = rows(text, source, COLUMNS);
        if (rows.isEmpty()) {
            throw new InvalidInputException(source, "file", "a header and no credential rows");
        }
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode record = f.objectNode();
        String learnerId = value(rows.get(0), "learnerId");
        ObjectNode learner = record.putObject("learner");
        if (learnerId != null) {
            learner.put("id", learnerId);
        }
        if (value(rows.get(0), "learnerName") != null) {
            learner.put("name", value(rows.get(0), "learnerName"));
        }
        ArrayNode credentials = record.putArray("credentials");
        for (int i = 0; i < rows.size(); i++) {
            Map<String, String> row = rows.get(i);
            String rowLearner = value(row, "learnerId");
            if (rowLearner == null || !rowLearner.equals(learnerId)) {
                throw new InvalidInputException(source, "line " + (i + 2) + ", column learnerId",
                        "'" + rowLearner + "' differs from the first row's '" + learnerId + "'; one learner per file");
            }
            ObjectNode c = credentials.addObject();
            credentialFields(row, c, List.of("id", "code", "title", "issued", "validUntil", "hours", "assessment",
                    "participation", "qualityAssurance", "grade", "route"), List.of("subjects", "outcomes"));
            // a joint award names several awarding bodies and countries, separated by ';' like the lists
            for (String joint : List.of("awardingBody", "country", "awardingBodyId")) {
                String v = value(row, joint);
                if (v != null && v.contains(";")) {
                    list(c, joint, v);
                } else {
                    putIf(c, joint, v);
                }
            }
            if (value(row, "nationalLevelFramework") != null || value(row, "nationalLevelValue") != null) {
                ObjectNode level = c.putObject("nationalLevel");
                putIf(level, "framework", value(row, "nationalLevelFramework"));
                putIf(level, "value", value(row, "nationalLevelValue"));
            }
        }
        return new LearnerFormat.Mapped(record, source,
                e -> new InvalidInputException(source, asCsvPlace(e.where()), e.problem()));
    }

    /** {@code credentials[2].credit.value} becomes {@code line 4, column creditValue}. */
    private static String asCsvPlace(String where) {
        Matcher m = CREDENTIAL.matcher(where);
        if (!m.matches()) {
            return where.startsWith("learner") ? "line 2, column learnerId" : where;
        }
        int line = Integer.parseInt(m.group(1)) + 2;
        String column = column(m.group(2));
        return "line " + line + (column.isEmpty() ? "" : ", column " + column);
    }

    /**
     * The rows of CSV text with a header line, every column named in it one of {@code columns}; any other is an
     * error at line 1, as malformed CSV is at the file.
     */
    static List<Map<String, String>> rows(String text, String source, List<String> columns)
            throws InvalidInputException {
        List<Map<String, String>> rows = new ArrayList<>();
        List<String> header = new ArrayList<>();
        try (MappingIterator<Map<String, String>> it = CSV.readerFor(Map.class)
                .with(CsvSchema.emptySchema().withHeader()).readValues(text)) {
            while (it.hasNext()) {
                Map<String, String> row = it.next();
                if (header.isEmpty()) {
                    header.addAll(row.keySet());
                }
                rows.add(row);
            }
        } catch (IOException | RuntimeException e) {
            throw new InvalidInputException(source, "file",
                    "malformed CSV: " + InvalidInputException.firstLine(e.getMessage()));
        }
        for (String column : header) {
            if (!columns.contains(column)) {
                throw new InvalidInputException(source, "line 1, column " + org.accrue.report.Printable.echo(column),
                        "unknown column; expected some of " + String.join(", ", columns));
            }
        }
        return rows;
    }

    /**
     * A row's credential columns as the learner record's fields: the {@code plain} ones as they are,
     * {@code identityVerified} as a boolean when it is one, credit and level nested, the {@code lists} split at
     * {@code ;}.
     */
    static void credentialFields(Map<String, String> row, ObjectNode c, List<String> plain, List<String> lists) {
        for (String field : plain) {
            putIf(c, field, value(row, field));
        }
        String verified = value(row, "identityVerified");
        if (verified != null) {
            String v = verified.toLowerCase(java.util.Locale.ROOT);
            if (v.equals("true") || v.equals("false")) {
                c.put("identityVerified", Boolean.parseBoolean(v));
            } else {
                c.put("identityVerified", verified);
            }
        }
        if (value(row, "creditValue") != null || value(row, "creditSystem") != null) {
            ObjectNode credit = c.putObject("credit");
            putIf(credit, "value", value(row, "creditValue"));
            putIf(credit, "system", value(row, "creditSystem"));
        }
        if (value(row, "gradeScale") != null) {
            // a grade on a named scale: the rules judge it; a grade alone stays plain text, not judged
            ObjectNode grade = c.putObject("grade");
            putIf(grade, "value", value(row, "grade"));
            putIf(grade, "scale", value(row, "gradeScale"));
        }
        if (value(row, "levelFramework") != null || value(row, "levelValue") != null) {
            ObjectNode level = c.putObject("level");
            putIf(level, "framework", value(row, "levelFramework"));
            putIf(level, "value", value(row, "levelValue"));
        }
        for (String field : lists) {
            list(c, field, value(row, field));
        }
    }

    /** The CSV column a field of a row's record names: {@code credit.value} is {@code creditValue}. */
    static String column(String field) {
        return switch (field) {
            case "credit.value" -> "creditValue";
            case "credit.system" -> "creditSystem";
            case "level.framework" -> "levelFramework";
            case "level.value" -> "levelValue";
            case "grade.value" -> "grade";
            case "grade.scale" -> "gradeScale";
            case "nationalLevel.framework" -> "nationalLevelFramework";
            case "nationalLevel.value" -> "nationalLevelValue";
            default -> field.replaceAll("\\[\\d+]$", "");
        };
    }

    static String value(Map<String, String> row, String column) {
        String v = row.get(column);
        return v == null || v.isBlank() ? null : v.trim();
    }

    static void putIf(ObjectNode node, String field, String v) {
        if (v != null) {
            node.put(field, v);
        }
    }

    private static void list(ObjectNode c, String field, String v) {
        if (v != null) {
            ArrayNode a = c.putArray(field);
            for (String item : v.split(";")) {
                if (!item.isBlank()) {
                    a.add(item.trim());
                }
            }
        }
    }
}
