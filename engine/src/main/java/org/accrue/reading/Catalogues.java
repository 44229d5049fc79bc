package org.accrue.reading;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import org.accrue.learner.Credential;
import org.accrue.learner.Participation;
import org.accrue.learner.Route;
import org.accrue.planning.Catalogue;
import org.accrue.planning.CatalogueItem;
import org.accrue.planning.Cost;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a catalogue of micro-credentials on offer (docs/planning.md): YAML or JSON with {@code items:}, or a CSV
 * file with an item a row. Each item is checked like a learner file's credential (by the same parser, so the same
 * one-line errors at the same fields) plus its catalogue fields: {@code cost}, {@code weeks}, {@code starts},
 * {@code mode}, {@code prerequisites}.
 */
public final class Catalogues {
    private static final ObjectMapper YAML = YAMLMapper.builder().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .build();
    private static final ObjectMapper JSON = JsonMapper.builder().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .build();
    private static final Set<String> ROOT_FIELDS = Set.of("name", "currency", "rates", "items");
    private static final Set<String> ITEM_FIELDS = Set.of("cost", "weeks", "starts", "mode", "prerequisites");
    /** Credential fields that a course on offer cannot state: a planned credential is issued on the plan's date. */
    private static final Set<String> NOT_ITEM_FIELDS = Set.of("issued", "grade", "partOf", "proof");
    private static final Set<String> COST_FIELDS = Set.of("amount", "currency");
    private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");
    private static final BigDecimal MAX_PRICE = BigDecimal.valueOf(1_000_000);
    private static final int MAX_WEEKS = 520;
    /** The most items one catalogue may hold. */
    public static final int MAX_ITEMS = 20_000;
    /** The columns of the CSV form, in the template's order. */
    public static final List<String> CSV_COLUMNS = List.of("id", "code", "title", "awardingBody", "country",
            "creditValue", "creditSystem", "levelFramework", "levelValue", "hours", "assessment", "participation",
            "qualityAssurance", "identityVerified", "subjects", "outcomes", "route", "costAmount", "costCurrency",
            "weeks", "starts", "mode", "prerequisites");
    private static final Pattern ITEM = Pattern.compile("^items\\[(\\d+)]\\.?(.*)$");

    private Catalogues() {
    }

    /** Reads a catalogue file: {@code .csv} as CSV, anything else as YAML (JSON is YAML too). */
    public static Catalogue read(Path file) throws InvalidInputException {
        String text = LearnerFiles.text(file);
        String name = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
        return parse(text, file.toString(), name.endsWith(".csv") ? "csv" : name.endsWith(".json") ? "json" : "yaml");
    }

    /**
     * Parses a catalogue's text.
     *
     * @param format {@code yaml}, {@code json} or {@code csv}
     */
    public static Catalogue parse(String text, String source, String format) throws InvalidInputException {
        text = LearnerFiles.withoutBom(text);
        if (format.equals("csv")) {
            JsonNode root = fromCsv(text, source);
            try {
                return new Reader(source).catalogue(root);
            } catch (InvalidInputException e) {
                throw new InvalidInputException(source, csvPlace(e.where()), e.problem());
            }
        }
        JsonNode root;
        try {
            root = (format.equals("json") ? JSON : YAML).readTree(text);
        } catch (JsonProcessingException e) {
            throw InvalidInputException.malformed(source, format.equals("json") ? "JSON" : "YAML", e);
        }
        return new Reader(source).catalogue(root);
    }

    /**
     * The credentials a what-if file adds: a catalogue's items (each issued on {@code asOf}), a fragment with
     * {@code credentials:} and no {@code learner:}, or any learner file (its credentials, as they are).
     */
    public static List<Credential> additions(Path file, LocalDate asOf) throws InvalidInputException {
        String text = LearnerFiles.text(file);
        String name = file.toString();
        JsonNode tree = null;
        boolean json = name.toLowerCase(Locale.ROOT).endsWith(".json");
        if (!name.toLowerCase(Locale.ROOT).endsWith(".csv")) {
            try {
                tree = (json ? JSON : YAML).readTree(LearnerFiles.withoutBom(text));
            } catch (JsonProcessingException e) {
                throw InvalidInputException.malformed(name, json ? "JSON" : "YAML", e);
            }
        }
        if (tree != null && tree.isObject() && tree.has("items")) {
            return parse(text, name, json ? "json" : "yaml").items().stream().map(i -> i.credentialOn(asOf)).toList();
        }
        if (tree != null && tree.isObject() && tree.has("credentials") && !tree.has("learner")) {
            ObjectNode copy = ((ObjectNode) tree).deepCopy();
            copy.putObject("learner").put("id", "what-if");
            return new LearnerRecordParser(name).parse(copy).credentials();
        }
        return LearnerFiles.read(file).credentials();
    }

    private static final class Reader {
        private final String source;
        private final LearnerRecordParser fields;

        Reader(String source) {
            this.source = source;
            this.fields = new LearnerRecordParser(source);
        }

        Catalogue catalogue(JsonNode root) throws InvalidInputException {
            if (root == null || root.isMissingNode() || root.isNull()) {
                throw fields.error("file", "is empty; expected a catalogue with 'items'");
            }
            fields.requireObject(root, "file");
            fields.checkFields(root, "", ROOT_FIELDS);
            String currency = currency(root, "", "currency");
            Map<String, BigDecimal> rates = rates(root.get("rates"), currency);
            JsonNode list = root.get("items");
            if (list == null || list.isNull()) {
                throw fields.error("items", "is missing; expected a list of items");
            }
            if (!list.isArray()) {
                throw fields.error("items", "must be a list of items");
            }
            if (list.isEmpty()) {
                throw fields.error("items", "is empty; a catalogue offers at least one item");
            }
            if (list.size() > MAX_ITEMS) {
                throw fields.error("items", list.size() + " items, more than the " + MAX_ITEMS + " a catalogue may hold");
            }
            List<Raw> raws = new ArrayList<>();
            Map<String, Integer> seen = new HashMap<>();
            for (int i = 0; i < list.size(); i++) {
                Raw r = item(list.get(i), "items[" + i + "]");
                Integer first = seen.putIfAbsent(r.credential.id(), i);
                if (first != null) {
                    throw fields.error("items[" + i + "].id", "duplicate item id "
                            + LearnerRecordParser.quote(r.credential.id()) + " (first used by items[" + first + "])");
                }
                raws.add(r);
            }
            if (currency == null) {
                currency = raws.get(0).cost.currency();
            }
            List<CatalogueItem> items = new ArrayList<>();
            for (int i = 0; i < raws.size(); i++) {
                Raw r = raws.get(i);
                String p = "items[" + i + "]";
                BigDecimal price = r.cost.amount();
                if (!r.cost.currency().equals(currency)) {
                    BigDecimal rate = rates.get(r.cost.currency());
                    if (rate == null) {
                        throw fields.error(p + ".cost.currency", "'" + r.cost.currency() + "' is not the catalogue's "
                                + currency + " and 'rates' gives no rate for it");
                    }
                    price = price.multiply(rate);
                }
                price = price.setScale(2, RoundingMode.HALF_EVEN);
                for (int k = 0; k < r.prerequisites.size(); k++) {
                    if (r.prerequisites.get(k).equals(r.credential.id())) {
                        throw fields.error(p + ".prerequisites[" + k + "]", "an item cannot be its own prerequisite");
                    }
                }
                items.add(new CatalogueItem(r.credential, r.cost, price, r.weeks, r.starts, r.mode, r.prerequisites));
            }
            cycles(items, seen);
            return new Catalogue(source, currency, items);
        }

        private record Raw(Credential credential, Cost cost, Integer weeks, List<LocalDate> starts, Participation mode,
                           List<String> prerequisites) {
        }

        private Raw item(JsonNode node, String path) throws InvalidInputException {
            fields.requireObject(node, path);
            String p = path + ".";
            ObjectNode credential = ((ObjectNode) node).deepCopy();
            for (String f : NOT_ITEM_FIELDS) {
                if (node.has(f)) {
                    throw fields.error(p + f, "is not a catalogue field: a planned credential is issued on the "
                            + "plan's date, ungraded and on its own");
                }
            }
            ITEM_FIELDS.forEach(credential::remove);
            Credential c = fields.credential(credential, path);
            JsonNode costNode = node.get("cost");
            if (costNode == null || costNode.isNull()) {
                throw fields.error(p + "cost", "is missing; expected {amount: ..., currency: ...}");
            }
            fields.requireObject(costNode, p + "cost");
            fields.checkFields(costNode, p + "cost.", COST_FIELDS);
            BigDecimal amount = fields.number(costNode, p + "cost.", "amount", MAX_PRICE, 2);
            if (amount == null) {
                throw fields.error(p + "cost.amount", "is missing");
            }
            String currency = currency(costNode, p + "cost.", "currency");
            if (currency == null) {
                throw fields.error(p + "cost.currency", "is missing; expected an ISO 4217 code such as GBP or EUR");
            }
            BigDecimal w = fields.number(node, p, "weeks", BigDecimal.valueOf(MAX_WEEKS), 0);
            Integer weeks = w == null ? null : w.intValueExact();
            if (weeks != null && weeks == 0) {
                throw fields.error(p + "weeks", "is 0; a course runs for at least a week");
            }
            List<LocalDate> starts = new ArrayList<>();
            JsonNode s = node.get("starts");
            if (s != null && !s.isNull()) {
                if (!s.isArray()) {
                    throw fields.error(p + "starts", "must be a list of dates");
                }
                for (int i = 0; i < s.size(); i++) {
                    ObjectNode holder = JsonNodeFactory.instance.objectNode();
                    holder.set("", s.get(i));
                    LocalDate d = fields.date(holder, p + "starts[" + i + "]", "");
                    if (d == null) {
                        throw fields.error(p + "starts[" + i + "]", "is empty; expected a date (YYYY-MM-DD)");
                    }
                    starts.add(d);
                }
            }
            Participation mode = fields.word(node, p, "mode", Participation.class);
            if (mode != null && c.participation() == null) {
                c = withParticipation(c, mode);
            }
            List<String> prerequisites = fields.textList(node, p, "prerequisites", false);
            if (c.route() == null) {
                c = withRoute(c, Route.TAUGHT);
            }
            return new Raw(c, new Cost(amount, currency), weeks, starts, mode, prerequisites);
        }

        private String currency(JsonNode node, String p, String field) throws InvalidInputException {
            String c = fields.optionalText(node, p, field);
            if (c == null) {
                return null;
            }
            c = c.toUpperCase(Locale.ROOT);
            if (!CURRENCY.matcher(c).matches()) {
                throw fields.error(p + field, LearnerRecordParser.quote(c) + " is not an ISO 4217 currency code (GBP, EUR)");
            }
            return c;
        }

        private Map<String, BigDecimal> rates(JsonNode node, String currency) throws InvalidInputException {
            Map<String, BigDecimal> rates = new LinkedHashMap<>();
            if (node == null || node.isNull()) {
                return rates;
            }
            fields.requireObject(node, "rates");
            if (currency == null) {
                throw fields.error("rates", "needs 'currency': the currency the rates convert into");
            }
            for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
                String code = it.next();
                if (!CURRENCY.matcher(code).matches()) {
                    throw fields.error("rates." + org.accrue.report.Printable.echo(code),
                            "is not an ISO 4217 currency code (GBP, EUR)");
                }
                BigDecimal rate = fields.number(node, "rates.", code, MAX_PRICE, 6);
                if (rate == null || rate.signum() == 0) {
                    throw fields.error("rates." + code, "must be a positive number: one " + code + " in " + currency);
                }
                rates.put(code, rate);
            }
            return rates;
        }

        /** An item that, through its prerequisites, requires itself. */
        private void cycles(List<CatalogueItem> items, Map<String, Integer> index) throws InvalidInputException {
            Map<String, CatalogueItem> byId = new HashMap<>();
            items.forEach(i -> byId.put(i.id(), i));
            for (int i = 0; i < items.size(); i++) {
                String start = items.get(i).id();
                List<String> path = new ArrayList<>();
                if (reaches(start, start, byId, new HashSet<>(), path)) {
                    throw fields.error("items[" + i + "].prerequisites", "is a cycle: " + start + " needs "
                            + String.join(" needs ", path));
                }
            }
        }

        private static boolean reaches(String from, String target, Map<String, CatalogueItem> byId, Set<String> met,
                                       List<String> path) {
            CatalogueItem item = byId.get(from);
            if (item == null || !met.add(from)) {
                return false;
            }
            for (String p : item.prerequisites()) {
                path.add(p);
                if (p.equals(target) || reaches(p, target, byId, met, path)) {
                    return true;
                }
                path.remove(path.size() - 1);
            }
            return false;
        }
    }

    private static Credential withParticipation(Credential c, Participation p) {
        return new Credential(c.id(), c.code(), c.title(), c.awardingBody(), c.country(), c.issued(), c.credit(),
                c.level(), c.hours(), c.assessment(), p, c.qualityAssurance(), c.identityVerified(), c.subjects(),
                c.outcomes(), c.grade(), c.route(), c.partOf(), c.proof(), c.nationalLevel());
    }

    private static Credential withRoute(Credential c, Route r) {
        return new Credential(c.id(), c.code(), c.title(), c.awardingBody(), c.country(), c.issued(), c.credit(),
                c.level(), c.hours(), c.assessment(), c.participation(), c.qualityAssurance(), c.identityVerified(),
                c.subjects(), c.outcomes(), c.grade(), r, c.partOf(), c.proof(), c.nationalLevel());
    }

    /** The CSV form as the YAML form's tree: an item a row, lists separated by {@code ;}. */
    private static JsonNode fromCsv(String text, String source) throws InvalidInputException {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        ArrayNode items = root.putArray("items");
        for (Map<String, String> row : CsvTranscripts.rows(text, source, CSV_COLUMNS)) {
            ObjectNode c = items.addObject();
            CsvTranscripts.credentialFields(row, c, List.of("id", "code", "title", "awardingBody", "country", "hours",
                    "assessment", "participation", "qualityAssurance", "route", "weeks", "mode"),
                    List.of("subjects", "outcomes", "starts", "prerequisites"));
            if (CsvTranscripts.value(row, "costAmount") != null || CsvTranscripts.value(row, "costCurrency") != null) {
                ObjectNode cost = c.putObject("cost");
                CsvTranscripts.putIf(cost, "amount", CsvTranscripts.value(row, "costAmount"));
                CsvTranscripts.putIf(cost, "currency", CsvTranscripts.value(row, "costCurrency"));
            }
        }
        return root;
    }

    /** {@code items[2].cost.amount} becomes {@code line 4, column costAmount}. */
    private static String csvPlace(String where) {
        Matcher m = ITEM.matcher(where);
        if (!m.matches()) {
            return where;
        }
        int line = Integer.parseInt(m.group(1)) + 2;
        String column = switch (m.group(2)) {
            case "cost.amount" -> "costAmount";
            case "cost.currency" -> "costCurrency";
            default -> CsvTranscripts.column(m.group(2));
        };
        return column.isEmpty() ? "line " + line : "line " + line + ", column " + column;
    }
}
