package org.accrue.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.accrue.report.Printable;
import org.accrue.service.store.Database;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * How a service runs: where it listens, its database, its rule sets by date in force, its body limit. Read from a
 * YAML file ({@code --config}), then overridden by flags; the defaults are the embedded ones: 127.0.0.1:8080,
 * SQLite {@code accrue.db} in the working directory, the packaged rule set in force from the beginning, 5 MB, and
 * no catalogue (plans and what-if are then refused), no trust list and nothing required of credentials' proofs
 * (docs/trust.md).
 */
public record ServiceConfig(String bind, int port, String db, List<RuleSets.Spec> ruleSets, long maxBody,
                            Path catalogue, Path trust, boolean requireVerified) {
    public static final long DEFAULT_MAX_BODY = 5L << 20;

    private static final Set<String> FIELDS = Set.of("bind", "port", "db", "maxBody", "ruleSets", "catalogue", "trust",
            "requireVerified");
    private static final Set<String> RULE_SET_FIELDS = Set.of("rules", "inForceFrom");

    public ServiceConfig {
        ruleSets = List.copyOf(ruleSets);
    }

    /** The embedded defaults. */
    public static ServiceConfig defaults() {
        return new ServiceConfig("127.0.0.1", 8080, Database.DEFAULT_URL,
                List.of(new RuleSets.Spec(List.of(), RuleSets.ALWAYS)), DEFAULT_MAX_BODY, null, null, false);
    }

    public ServiceConfig withBind(String bind) {
        return new ServiceConfig(bind, port, db, ruleSets, maxBody, catalogue, trust, requireVerified);
    }

    public ServiceConfig withPort(int port) {
        return new ServiceConfig(bind, port, db, ruleSets, maxBody, catalogue, trust, requireVerified);
    }

    public ServiceConfig withDb(String db) {
        return new ServiceConfig(bind, port, db, ruleSets, maxBody, catalogue, trust, requireVerified);
    }

    public ServiceConfig withRuleSets(List<RuleSets.Spec> ruleSets) {
        return new ServiceConfig(bind, port, db, ruleSets, maxBody, catalogue, trust, requireVerified);
    }

    /** The catalogue of micro-credentials the service plans with (docs/planning.md), or null for none. */
    public ServiceConfig withCatalogue(Path catalogue) {
        return new ServiceConfig(bind, port, db, ruleSets, maxBody, catalogue, trust, requireVerified);
    }

    /** The registry's trust list (docs/trust.md), or null for none. */
    public ServiceConfig withTrust(Path trust) {
        return new ServiceConfig(bind, port, db, ruleSets, maxBody, catalogue, trust, requireVerified);
    }

    /** Whether only verified credentials from trusted issuers count (needs a trust list). */
    public ServiceConfig withRequireVerified(boolean requireVerified) {
        return new ServiceConfig(bind, port, db, ruleSets, maxBody, catalogue, trust, requireVerified);
    }

    public ServiceConfig withMaxBody(long maxBody) {
        return new ServiceConfig(bind, port, db, ruleSets, maxBody, catalogue, trust, requireVerified);
    }

    /**
     * Reads a configuration file over the defaults; paths in it are relative to its folder.
     *
     * @throws IllegalArgumentException one line naming the file and the field
     */
    public static ServiceConfig read(Path file) {
        String name = file.toString();
        JsonNode root;
        try {
            root = new ObjectMapper(new YAMLFactory()).readTree(Files.readString(file));
        } catch (java.nio.file.NoSuchFileException e) {
            throw new IllegalArgumentException(name + ": no such file");
        } catch (IOException e) {
            throw new IllegalArgumentException(name + ": not YAML: " + Printable.echo(
                    String.valueOf(e.getMessage()).lines().findFirst().orElse("")));
        }
        ServiceConfig c = defaults();
        if (root == null || root.isNull() || root.isMissingNode()) {
            return c;
        }
        if (!root.isObject()) {
            throw new IllegalArgumentException(name + ": expected a map of settings (" + String.join(", ", FIELDS) + ")");
        }
        unknown(root, FIELDS, name, "");
        Path dir = file.toAbsolutePath().getParent();
        if (root.has("bind")) {
            c = c.withBind(text(root, "bind", name));
        }
        if (root.has("port")) {
            JsonNode p = root.get("port");
            if (!p.canConvertToInt() || p.asInt() < 0 || p.asInt() > 65535) {
                throw new IllegalArgumentException(name + ": port: expected a number from 0 to 65535");
            }
            c = c.withPort(p.asInt());
        }
        if (root.has("db")) {
            String db = text(root, "db", name);
            c = c.withDb(db.startsWith("jdbc:") ? db : dir.resolve(db).toString());
        }
        if (root.has("maxBody")) {
            try {
                c = c.withMaxBody(bytes(root.get("maxBody").asText()));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(name + ": maxBody: " + e.getMessage());
            }
        }
        if (root.has("catalogue")) {
            c = c.withCatalogue(dir.resolve(text(root, "catalogue", name)));
        }
        if (root.has("ruleSets")) {
            c = c.withRuleSets(ruleSets(root.get("ruleSets"), name, dir));
        }
        if (root.has("trust")) {
            c = c.withTrust(dir.resolve(text(root, "trust", name)));
        }
        if (root.has("requireVerified")) {
            if (!root.get("requireVerified").isBoolean()) {
                throw new IllegalArgumentException(name + ": requireVerified: expected true or false");
            }
            c = c.withRequireVerified(root.get("requireVerified").asBoolean());
        }
        return c;
    }

    private static List<RuleSets.Spec> ruleSets(JsonNode node, String name, Path dir) {
        if (!node.isArray() || node.isEmpty()) {
            throw new IllegalArgumentException(name + ": ruleSets: expected a list of {rules: packaged | [folders], "
                    + "inForceFrom: YYYY-MM-DD}");
        }
        List<RuleSets.Spec> specs = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode s = node.get(i);
            String at = "ruleSets[" + i + "]";
            if (!s.isObject()) {
                throw new IllegalArgumentException(name + ": " + at + ": expected {rules: ..., inForceFrom: ...}");
            }
            unknown(s, RULE_SET_FIELDS, name, at + ".");
            JsonNode rules = s.get("rules");
            List<Path> folders = new ArrayList<>();
            if (rules == null || rules.isNull()) {
                throw new IllegalArgumentException(name + ": " + at + ".rules: is missing; give packaged or a list "
                        + "of folders");
            } else if (rules.isTextual() && !rules.asText().equals("packaged")) {
                folders.add(dir.resolve(rules.asText()));
            } else if (rules.isArray()) {
                rules.forEach(r -> folders.add(dir.resolve(r.asText())));
            } else if (!rules.isTextual()) {
                throw new IllegalArgumentException(name + ": " + at + ".rules: give packaged or a list of folders");
            }
            LocalDate from = RuleSets.ALWAYS;
            if (s.has("inForceFrom")) {
                try {
                    from = LocalDate.parse(s.get("inForceFrom").asText());
                } catch (DateTimeParseException e) {
                    throw new IllegalArgumentException(name + ": " + at + ".inForceFrom: '"
                            + Printable.echo(s.get("inForceFrom").asText()) + "' is not a date YYYY-MM-DD");
                }
            }
            specs.add(new RuleSets.Spec(folders, from));
        }
        return specs;
    }

    private static void unknown(JsonNode node, Set<String> fields, String name, String prefix) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!fields.contains(f)) {
                throw new IllegalArgumentException(name + ": " + prefix + Printable.echo(f) + ": unknown setting; "
                        + "expected one of " + String.join(", ", fields.stream().sorted().toList()));
            }
        }
    }

    private static String text(JsonNode node, String field, String name) {
        JsonNode v = node.get(field);
        if (v == null || !v.isValueNode() || v.asText().isBlank()) {
            throw new IllegalArgumentException(name + ": " + field + ": expected text");
        }
        return v.asText();
    }

    /** A size: bytes, or a number with KB or MB (1024-based). */
    public static long bytes(String text) {
        String t = text.strip().toUpperCase(Locale.ROOT).replace(" ", "");
        long unit = 1;
        if (t.endsWith("MB")) {
            unit = 1L << 20;
            t = t.substring(0, t.length() - 2);
        } else if (t.endsWith("KB")) {
            unit = 1L << 10;
            t = t.substring(0, t.length() - 2);
        } else if (t.endsWith("B")) {
            t = t.substring(0, t.length() - 1);
        }
        try {
            long n = Long.parseLong(t);
            if (n <= 0 || n > (1L << 30) / unit) {
                throw new IllegalArgumentException("'" + text + "': between 1 byte and 1 GB");
            }
            return n * unit;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + Printable.echo(text) + "' is not a size (5MB, 512KB, 100000)");
        }
    }
}
