package org.accrue.trust;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import org.accrue.learner.CreditSystem;
import org.accrue.learner.LevelFramework;
import org.accrue.reading.InvalidInputException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A registry's trust list: the issuers whose credentials it accepts, each with its public keys and, optionally,
 * the credit system and level framework its badges use when they do not say; JSON-LD contexts it supplies
 * beyond those bundled; and local copies of issuers' Bitstring Status Lists. Read from YAML (docs/trust.md).
 */
public final class TrustList {
    /** No issuer trusted, no context or status list added. */
    public static final TrustList EMPTY = new TrustList("(no trust list)", List.of(), Contexts.bundledOnly(), Map.of());

    private static final ObjectMapper YAML = new YAMLMapper();
    private static final Set<String> TOP = Set.of("issuers", "contexts", "statusLists");
    private static final Set<String> ISSUER = Set.of("id", "name", "keys", "creditSystem", "levelFramework");
    private static final Set<String> KEY = Set.of("id", "jwk", "multikey");

    /** A key of an issuer's, and the verification-method id it is known by (null when it gave none). */
    record IssuerKey(String id, PublicKey key) {
    }

    /**
     * An issuer the registry trusts.
     *
     * @param creditSystem   the credit system its credentials use when they state credit without one, or null
     * @param levelFramework the level framework its credentials use when they state a level without one, or null
     */
    public record Issuer(String id, String name, List<IssuerKey> keys, CreditSystem creditSystem,
                         LevelFramework levelFramework) {
    }

    private final String source;
    private final Map<String, Issuer> issuers;
    private final Contexts contexts;
    private final Map<String, Path> statusLists;

    private TrustList(String source, List<Issuer> issuers, Contexts contexts, Map<String, Path> statusLists) {
        this.source = source;
        Map<String, Issuer> byId = new LinkedHashMap<>();
        issuers.forEach(i -> byId.put(i.id(), i));
        this.issuers = byId;
        this.contexts = contexts;
        this.statusLists = Map.copyOf(statusLists);
    }

    /** Where the list was read from. */
    public String source() {
        return source;
    }

    public List<Issuer> issuers() {
        return List.copyOf(issuers.values());
    }

    /** The trusted issuer with this id, if it is on the list. */
    public Optional<Issuer> issuer(String id) {
        return Optional.ofNullable(id == null ? null : issuers.get(id));
    }

    Contexts contexts() {
        return contexts;
    }

    /** The local copy of the status list credential at this URL, if the list gives one. */
    Optional<Path> statusList(String url) {
        return Optional.ofNullable(statusLists.get(url));
    }

    /**
     * Reads a trust list. Files it names (contexts, status lists) are relative to its own folder.
     *
     * @throws InvalidInputException naming the file and the field, for anything missing, unknown or unreadable
     */
    public static TrustList read(Path file) throws InvalidInputException {
        String name = file.toString();
        JsonNode root;
        try {
            root = YAML.readTree(Files.readString(file));
        } catch (JacksonException e) {
            throw InvalidInputException.malformed(name, "YAML", e);
        } catch (IOException e) {
            throw new InvalidInputException(name, "", "cannot be read: " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            throw new InvalidInputException(name, "", "a trust list is a YAML mapping with issuers:");
        }
        unknown(root, TOP, name, "");
        Path dir = file.toAbsolutePath().getParent();
        List<Issuer> issuers = new ArrayList<>();
        JsonNode list = root.get("issuers");
        if (list == null || !list.isArray()) {
            throw new InvalidInputException(name, "issuers", "is missing: list the issuers the registry trusts");
        }
        Set<String> seen = new java.util.HashSet<>();
        for (int i = 0; i < list.size(); i++) {
            String at = "issuers[" + i + "]";
            Issuer issuer = issuer(list.get(i), name, at);
            if (!seen.add(issuer.id())) {
                throw new InvalidInputException(name, at + ".id", "'" + issuer.id() + "' is listed twice");
            }
            issuers.add(issuer);
        }
        Map<String, Path> contextFiles = files(root.get("contexts"), dir, name, "contexts");
        Contexts contexts;
        try {
            contexts = Contexts.with(contextFiles);
        } catch (IOException e) {
            throw new InvalidInputException(name, "contexts", e.getMessage());
        }
        return new TrustList(name, issuers, contexts, files(root.get("statusLists"), dir, name, "statusLists"));
    }

    private static Issuer issuer(JsonNode node, String file, String at) throws InvalidInputException {
        if (node == null || !node.isObject()) {
            throw new InvalidInputException(file, at, "an issuer is a mapping with id, name and keys");
        }
        unknown(node, ISSUER, file, at);
        String id = required(node, "id", file, at);
        String name = required(node, "name", file, at);
        List<IssuerKey> keys = new ArrayList<>();
        JsonNode list = node.get("keys");
        if (list != null) {
            if (!list.isArray()) {
                throw new InvalidInputException(file, at + ".keys", "is a list of keys (jwk: or multikey:)");
            }
            for (int k = 0; k < list.size(); k++) {
                keys.add(key(list.get(k), file, at + ".keys[" + k + "]"));
            }
        }
        if (keys.isEmpty() && !id.startsWith("did:key:") && !id.startsWith("did:jwk:")) {
            throw new InvalidInputException(file, at + ".keys", "is missing: an issuer that is not a did:key or "
                    + "did:jwk needs its public keys here");
        }
        CreditSystem system = null;
        if (node.hasNonNull("creditSystem")) {
            system = enumValue(CreditSystem.class, node.get("creditSystem").asText(), file, at + ".creditSystem");
        }
        LevelFramework framework = null;
        if (node.hasNonNull("levelFramework")) {
            framework = enumValue(LevelFramework.class, node.get("levelFramework").asText(), file,
                    at + ".levelFramework");
        }
        return new Issuer(id, name, List.copyOf(keys), system, framework);
    }

    private static IssuerKey key(JsonNode node, String file, String at) throws InvalidInputException {
        if (node == null || !node.isObject()) {
            throw new InvalidInputException(file, at, "a key is a mapping with jwk: or multikey:");
        }
        unknown(node, KEY, file, at);
        String id = node.hasNonNull("id") ? node.get("id").asText() : null;
        try {
            if (node.has("jwk") == node.has("multikey")) {
                throw new InvalidInputException(file, at, "give the key as one of jwk: or multikey:");
            }
            if (node.has("jwk")) {
                if (node.get("jwk").has("d")) {
                    throw new InvalidInputException(file, at + ".jwk", "is a private key (it has d): a trust list "
                            + "holds public keys only");
                }
                return new IssuerKey(id, Keys.fromNode(node.get("jwk")));
            }
            return new IssuerKey(id, Keys.fromMultikey(node.get("multikey").asText()));
        } catch (Keys.KeyException e) {
            throw new InvalidInputException(file, at + (node.has("jwk") ? ".jwk" : ".multikey"), e.getMessage());
        }
    }

    private static Map<String, Path> files(JsonNode node, Path dir, String file, String at)
            throws InvalidInputException {
        Map<String, Path> m = new LinkedHashMap<>();
        if (node == null || node.isNull()) {
            return m;
        }
        if (!node.isObject()) {
            throw new InvalidInputException(file, at, "maps each URL to a local file");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            var e = it.next();
            Path p = dir.resolve(e.getValue().asText());
            if (!Files.isRegularFile(p)) {
                throw new InvalidInputException(file, at + "." + e.getKey(), "no such file: " + p);
            }
            m.put(e.getKey(), p);
        }
        return m;
    }

    private static String required(JsonNode node, String field, String file, String at) throws InvalidInputException {
        JsonNode v = node.get(field);
        if (v == null || !v.isTextual() || v.asText().isBlank()) {
            throw new InvalidInputException(file, at + "." + field, "is missing");
        }
        return v.asText().trim();
    }

    private static void unknown(JsonNode node, Set<String> known, String file, String at) throws InvalidInputException {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!known.contains(f)) {
                throw new InvalidInputException(file, at.isEmpty() ? f : at + "." + f,
                        "is not a field of a trust list here; expected one of " + new java.util.TreeSet<>(known));
            }
        }
    }

    private static <E extends Enum<E>> E enumValue(Class<E> type, String v, String file, String at)
            throws InvalidInputException {
        try {
            return Enum.valueOf(type, v.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(file, at, "'" + v + "' is not one of "
                    + java.util.Arrays.toString(type.getEnumConstants()));
        }
    }
}
